import Foundation
import Markdown
import Testing
import TestSupport

@Suite struct MarkdownTests {
    @Test func headingsGetTransliteratedStableIDs() {
        let out = MarkdownRenderer.render("## Итоги года\n\n## Итоги года\n\n### Что помогло?\n")
        #expect(out.html.contains("<h2 id=\"itogi-goda\">Итоги года</h2>"))
        #expect(out.html.contains("<h2 id=\"itogi-goda-1\">Итоги года</h2>"))
        #expect(out.html.contains("<h3 id=\"chto-pomoglo\">Что помогло?</h3>"))
        #expect(out.headings.map(\.id) == ["itogi-goda", "itogi-goda-1", "chto-pomoglo"])
    }

    @Test func slugTransliteration() {
        #expect(Slug.make("Итоги года") == "itogi-goda")
        #expect(Slug.make("Щука, ёжик и Шишкин!") == "shchuka-yozhik-i-shishkin")
        #expect(Slug.make("«Наставничество» 2024") == "nastavnichestvo-2024")
        #expect(Slug.make("!!!") == "section")
    }

    @Test func rawHTMLIsDroppedUnlessAllowed() {
        let safe = MarkdownRenderer.render("<script>alert(1)</script>\n\nТекст <b>жирный</b>\n\n[x](javascript:alert(1))")
        #expect(!safe.html.contains("<script>"))
        #expect(!safe.html.contains("<b>"))
        #expect(!safe.html.contains("javascript:"))
        let unsafe = MarkdownRenderer.render("Текст <b>жирный</b>\n\n<script>alert(1)</script>\n", options: MarkdownOptions(unsafeHTML: true))
        #expect(unsafe.html.contains("<b>жирный</b>"))
        // The GFM tag filter still disarms <script> when raw HTML is allowed.
        #expect(unsafe.html.contains("&lt;script>"))
        #expect(safe.rawHTML.map(\.line) == [1, 3, 3])
    }

    @Test func allowedRawHTMLIsMadeInert() {
        let hostile = """
        <p onclick="alert(1)" class="x">Текст <img src=x onerror=alert(1)> <a href=" javascript:alert(1)">ссылка</a></p>

        <object data="x.swf"></object><embed src="x"><svg onload=alert(1)><form action="https://evil"></form>

        <a href="JaVa&#x09;Script:alert(1)">a</a> <a href="data:text/html,<script>">b</a> <table><tr><td>ок</td></tr></table>
        """
        let html = MarkdownRenderer.render(hostile, options: MarkdownOptions(unsafeHTML: true)).html
        for active in ["onclick", "onerror", "onload", "javascript:", "<object", "<embed", "<svg", "<form", "href=\"data:"] {
            #expect(!html.lowercased().contains(active.lowercased()), "\(active) in \(html)")
        }
        #expect(html.contains("<table><tr><td>ок</td></tr></table>"))
        #expect(html.contains("class=\"x\""))
        // Every dangerous address, however spelled, is replaced.
        #expect(html.components(separatedBy: "href=\"#blocked\"").count - 1 == 3, "\(html)")
        #expect(!html.lowercased().contains("script:alert"), "\(html)")
    }

    @Test func gfmExtensions() {
        let out = MarkdownRenderer.render("""
        | А | Б |
        |---|--:|
        | ~~x~~ | 1 |

        - [x] готово
        - [ ] нет

        См. https://example.ru и сноску[^1].

        [^1]: Сноска.
        """)
        #expect(out.html.contains("<table>"))
        #expect(out.html.contains("<del>x</del>"))
        #expect(out.html.contains("type=\"checkbox\""))
        #expect(out.html.contains("<a href=\"https://example.ru\">https://example.ru</a>"))
        #expect(out.html.contains("footnote"))
    }

    @Test func referencesAreCollectedAndRewritten() {
        let out = MarkdownRenderer.render("Текст\n\n[кейс](/cases/x/) ![Фото](images/a.png)\n") { url in
            url.hasPrefix("/") ? "../.." + url : nil
        }
        #expect(out.references.count == 2)
        #expect(out.references[0].url == "/cases/x/")
        #expect(out.references[0].line == 3)
        #expect(out.references[1].kind == .image)
        #expect(out.references[1].text == "Фото")
        #expect(out.html.contains("href=\"../../cases/x/\""))
        #expect(out.html.contains("src=\"images/a.png\""))
    }

    /// libcmark-gfm edits a process-wide table on every parse; the renderer serialises
    /// parsing. Thousands of concurrent renders must equal the serial result exactly.
    @Test func concurrentRendersMatchSerialOutput() async {
        let inputs = [
            "| a | b |\n|---|---|\n| ~~x~~ | https://example.ru |\n| **y** | www.example.com |\n",
            "~~зачёркнуто~~ и https://школа.рф/ и www.example.org/path\n",
            "- [ ] задача ~~старая~~\n- [x] https://a.ru\n\n| т | т |\n|--|--|\n| ~~1~~ | 2 |\n",
            "Обычный *текст* без расширений, `код` и [ссылка](/news/x/).\n",
        ]
        let expected = inputs.map { MarkdownRenderer.render($0).html }
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for i in 0..<4000 {
                group.addTask {
                    let k = i % inputs.count
                    return MarkdownRenderer.render(inputs[k]).html == expected[k] ? 0 : 1
                }
            }
            var total = 0
            for await m in group { total += m }
            return total
        }
        #expect(mismatches == 0)
        #expect(expected[0].contains("<del>x</del>"))
        #expect(expected[1].contains("<a href=\"http://www.example.org/path\">"))
    }

    /// The library and the `cmark-gfm` CLI must agree wherever no id or link rewriting applies.
    /// (Debian's CLI has no footnotes switch, so these inputs have none; footnotes are tested above.)
    @Test(arguments: try! FileManager.default.contentsOfDirectory(atPath: Repo.fixtures.appendingPathComponent("markdown").path).sorted())
    func matchesCmarkGFMCommandLine(_ name: String) throws {
        let url = Repo.fixtures.appendingPathComponent("markdown/\(name)")
        let source = try String(contentsOf: url, encoding: .utf8)
        let ours = MarkdownRenderer.render(source, options: MarkdownOptions(unsafeHTML: false, headingIDs: false, typography: false, videoEmbeds: false)).html
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/cmark-gfm")
        process.arguments = ["-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tasklist", "-e", "tagfilter",
                             url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(ours == String(decoding: data, as: UTF8.self))
        #expect(!ours.isEmpty)
    }
}
