import Domain
import Foundation
@testable import Site
import Testing
import TestSupport

/// What a visitor sees on the built pages (issue «Pages a school director is proud to link»):
/// video covers, breadcrumbs, Open Graph, typography from YAML and Markdown, pagination of
/// every list, the links a parent needs on the main page.
@Suite struct PageFeaturesTests {
    static let nb = "\u{00A0}"

    /// The base fixture with a news item carrying a video and pasted player HTML, 30 cases and
    /// a «Родителям» page; built once per test.
    static func build(_ edit: (URL) throws -> Void = { _ in }) throws -> (work: URL, out: URL, result: TestSite.Built) {
        let work = try makeBaseSite()
        let content = work.appendingPathComponent("content")
        try """
        ---
        title: 'Защита проектов в "Кванториуме"'
        date: 2024-10-01
        summary: "Ученики 7-9 классов представили 12 проектов"
        ---
        Смотрите запись защиты:

        https://rutube.ru/video/0123456789abcdef0123456789abcdef/

        <iframe src="https://vkvideo.ru/video_ext.php?oid=-1&id=2"></iframe>

        | Этап | Сроки |
        |---|:---:|
        | Подготовка | сентябрь |
        """.write(to: content.appendingPathComponent("news/2024-10-01-video.md"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: content.appendingPathComponent("pages"), withIntermediateDirectories: true)
        try "---\ntitle: \"О школе\"\n---\nТекст.\n".write(to: content.appendingPathComponent("pages/o-shkole.md"), atomically: true, encoding: .utf8)
        try "---\ntitle: \"Родителям\"\n---\nТекст для родителей.\n".write(to: content.appendingPathComponent("pages/roditelyam.md"), atomically: true, encoding: .utf8)
        for i in 1...30 {
            try """
            ---
            title: "Кейс номер \(i)"
            form: "ученик – ученик"
            year: 2024
            ---
            Текст кейса.
            """.write(to: content.appendingPathComponent("cases/extra-\(i).md"), atomically: true, encoding: .utf8)
        }
        try edit(content)
        let result = try TestSite(at: work).run()
        return (work, work.appendingPathComponent("public"), result)
    }

    @Test func videoLinkBecomesACoverAndPastedPlayerHTMLIsExplained() throws {
        let (work, out, result) = try Self.build()
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(result.status == 0, "\(result.stderr)")
        let page = read(out.appendingPathComponent("news/2024-10-01-video/index.html"))
        #expect(page.contains("<figure class=\"video-embed\" data-player=\"https://rutube.ru/play/embed/0123456789abcdef0123456789abcdef/\" data-host=\"Rutube\">"))
        #expect(page.contains("<script src=\"../../assets/video.js\" defer></script>"))
        #expect(!page.contains("<iframe"))
        // Pages without a video do not load the script.
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
        #expect(!read(out.appendingPathComponent("index.html")).contains("video.js"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("assets/video.js").path))
        // The copy for the visually impaired keeps the link; the script leaves it alone there.
        #expect(read(out.appendingPathComponent("sv/news/2024-10-01-video/index.html")).contains("<a class=\"video-link\" href=\"https://rutube.ru/video/0123456789abcdef0123456789abcdef/\">"))
        #expect(read(out.appendingPathComponent("assets/video.js")).contains("classList.contains(\"vision\")"))
        #expect(result.stderr.contains("content/news/2024-10-01-video.md:10:1: предупреждение: встроенный плеер (<iframe>) не публикуется"))
        #expect(result.stderr.contains("Поставьте ссылку на видео VK Видео или Rutube отдельной строкой"))
    }

    @Test func breadcrumbsOpenGraphAndTypography() throws {
        let (work, out, result) = try Self.build()
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(result.status == 0, "\(result.stderr)")
        let raw = try String(contentsOf: out.appendingPathComponent("news/2024-10-01-video/index.html"), encoding: .utf8)
        #expect(raw.contains("<ol class=\"breadcrumbs\"><li><a href=\"../../\">Главная</a></li><li><a href=\"../../news/\">Новости</a></li><li aria-current=\"page\">Защита проектов в\(Self.nb)«Кванториуме»</li></ol>"))
        #expect(raw.contains("<meta property=\"og:title\" content=\"Защита проектов в\(Self.nb)«Кванториуме»\">"))
        #expect(raw.contains("<meta property=\"og:description\" content=\"Ученики 7–9\(Self.nb)классов представили 12 проектов\">"))
        #expect(raw.contains("<meta property=\"og:url\" content=\"https://school1.example.ru/nastavnichestvo/news/2024-10-01-video/\">"))
        #expect(raw.contains("<meta property=\"og:type\" content=\"article\">"))
        #expect(raw.contains("<meta name=\"twitter:card\" content=\"summary\">"))
        #expect(raw.contains("Смотрите запись защиты:"))
        // A Markdown table: a keyboard-scrollable region, and cells labelled for phones, without the script.
        #expect(raw.contains("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Таблица: Этап, Сроки\"><table class=\"table-stack\">"))
        #expect(raw.contains("<td data-label=\"Этап\">Подготовка</td>"))
        #expect(raw.contains("<td data-label=\"Сроки\" align=\"center\">сентябрь</td>"))
        // The main page has no breadcrumbs; every other page has.
        #expect(!read(out.appendingPathComponent("index.html")).contains("class=\"breadcrumbs\""))
        #expect(read(out.appendingPathComponent("cases/form/uchenik-uchenik/index.html"))
            .contains("<li><a href=\"../../../cases/\">Кейсы</a></li><li aria-current=\"page\">"))
    }

    @Test func everyListIsPaginatedAndParentsFindTheirPage() throws {
        let (work, out, result) = try Self.build()
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(result.status == 0, "\(result.stderr)")
        // 30 extra cases + the fixture's: two pages of 24, for the list and the form's facet.
        for list in ["cases/", "cases/form/uchenik-uchenik/", "cases/year/2024/"] {
            let first = read(out.appendingPathComponent(list + "index.html"))
            let second = read(out.appendingPathComponent(list + "page/2/index.html"))
            #expect(first.components(separatedBy: "<li class=\"card").count - 1 == 24, "\(list)")
            #expect(first.contains("\(list)page/2/\" rel=\"next\">"), "\(list)")
            #expect(second.contains("rel=\"prev\""), "\(list)")
            #expect(second.contains("— страница 2"), "\(list)")
        }
        let home = read(out.appendingPathComponent("index.html"))
        // «Родителям» first, then the school's other pages.
        #expect(home.contains("<nav class=\"quick-links\" aria-label=\"Полезные страницы\"><ul><li><a href=\"./roditelyam/\">Родителям</a></li><li><a href=\"./o-shkole/\">О школе</a></li></ul></nav>"))
    }

    @Test func longListsShowAWindowOfPageNumbers() throws {
        var files: [String: String] = [:]
        for n in 1...300 {
            files["news/2025-01-\(String(format: "%02d", n % 28 + 1))-n\(n).md"] = "---\ntitle: \"Новость \(n)\"\ndate: 2025-01-\(String(format: "%02d", n % 28 + 1))\n---\nТекст.\n"
        }
        let site = try TestSite(files)
        defer { site.remove() }
        #expect(try site.run().status == 0)
        /// The page numbers a list page links, «…» for a gap.
        func numbers(_ page: String) -> [String] {
            let html = site.page(page)
            guard let nav = html.range(of: "<nav class=\"pagination\""),
                  let end = html.range(of: "</nav>", range: nav.upperBound..<html.endIndex) else { return [] }
            return html[nav.upperBound..<end.lowerBound].components(separatedBy: "<li").dropFirst().map { item in
                item.contains("class=\"gap\"") ? "…"
                    : item.replacingOccurrences(of: #"<[^>]+>|^[^>]*>|\s"#, with: "", options: .regularExpression)
            }
        }
        let tenth = numbers("news/page/10/")
        #expect(tenth.first == "1" && tenth.filter { $0 == "…" }.count == 2, "\(tenth)")
        #expect(Array(tenth.dropFirst(2).prefix(5)) == ["8", "9", "10", "11", "12"], "\(tenth)")
        #expect(numbers("news/").prefix(4) == ["1", "2", "3", "…"], "\(numbers("news/"))")
    }

    @Test func pageWindow() {
        #expect(PageContexts.pageWindow(1, 10) == [1, 2, 3, 0, 10])
        #expect(PageContexts.pageWindow(5, 10) == [1, 2, 3, 4, 5, 6, 7, 0, 10])
        #expect(PageContexts.pageWindow(6, 12) == [1, 0, 4, 5, 6, 7, 8, 0, 12])
        #expect(PageContexts.pageWindow(2, 3) == [1, 2, 3])
        #expect(PageContexts.pageWindow(1, 1) == [1])
    }
}
