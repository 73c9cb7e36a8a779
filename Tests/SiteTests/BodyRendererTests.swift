import Foundation
import Markdown
@testable import Site
import Testing
import TestSupport

/// Markdown tables get labelled cells in one pass over the page; nothing of a header may leave
/// the attribute it is copied into, even with raw HTML allowed (`unsafe_html`).
@Suite struct BodyRendererTests {
    @Test func tableCellsAreLabelledAndHeadersStayInsideTheirAttribute() {
        let markdown = """
        | <span title='>"/onmouseover=alert(1)//'>x</span> | Сроки &amp; итоги |
        |---|:---:|
        | 1 | сентябрь |
        """
        let html = MarkdownRenderer.render(markdown, options: MarkdownOptions(unsafeHTML: true)).html
        let out = BodyRenderer.stackTables(html)
        #expect(out.hasPrefix("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Таблица: "))
        #expect(out.contains("<td data-label=\"Сроки &amp; итоги\" align=\"center\">сентябрь</td>"))
        // Every label attribute is one quoted value: no quote, < or > of the header gets out.
        for attribute in ["data-label=\"", "aria-label=\""] {
            for piece in out.components(separatedBy: attribute).dropFirst() {
                let value = piece.prefix { $0 != "\"" }
                #expect(!value.contains("<") && !value.contains(">"), "\(value)")
                #expect(piece.dropFirst(value.count + 1).first.map { $0 == " " || $0 == ">" } == true, "\(piece.prefix(60))")
            }
        }
        // The raw header itself keeps the text inside its single-quoted title (the browser's reading).
        #expect(out.contains("aria-label=\"Таблица: &quot;/onmouseover=alert(1)//&#39;&gt;x, Сроки &amp; итоги\""))
    }

    @Test func aHugeTableStaysLinear() {
        let rows = String(repeating: "| a | b | c |\n", count: 60_000)
        let html = MarkdownRenderer.render("| x | y | z |\n|---|---|---|\n" + rows).html
        let started = Date()
        let out = BodyRenderer.stackTables(html)
        #expect(out.components(separatedBy: "data-label=\"y\"").count - 1 == 60_000)
        // A generous bound: the quadratic version took minutes here.
        #expect(Date().timeIntervalSince(started) < 10)
    }

    /// The report names files from the bank's folder, also inside messages, but only where a
    /// path starts: `content/` inside a school's own path is kept.
    @Test func reportPathsAreRelativeToTheBankOnlyWhereAPathStarts() {
        #expect(BankReport.relativeInText("уже есть в банке: content/schools/a/content/cases/x.md; опубликована один раз", root: "content")
                == "уже есть в банке: schools/a/content/cases/x.md; опубликована один раз")
        #expect(BankReport.relativeInText("файл `content/site.yml`", root: "content") == "файл `site.yml`")
        #expect(BankReport.relativeInText("mycontent/x", root: "content") == "mycontent/x")
    }
}
