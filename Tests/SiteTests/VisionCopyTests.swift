import Content
import Domain
import Foundation
@testable import Site
import Testing
import TestSupport
import Theme

/// The copy for the visually impaired is made by swapping two rendered fragments; it must
/// equal rendering the whole page again with `vision` set.
@Suite struct VisionCopyTests {
    @Test func swappedFragmentsEqualAFullRendering() throws {
        let today = DayDate(year: 2026, month: 11, day: 26)!
        let loaded = ContentLoader.load(Repo.root.appendingPathComponent("content"), shownAs: "content",
                                        options: LoadOptions(today: today))
        let content = try #require(loaded.content)
        let theme = try Theme.load(name: "default", siteRoot: Repo.root, defaultTheme: Repo.defaultTheme)
        #expect(theme.visionInPartialsOnly)
        let site = SiteRender(content: content, files: loaded.files, theme: theme, today: today)
        var compared = 0
        for page in site.plan where page.path != "404.html" {
            let rendered = site.contexts.context(for: page)
            let full = VisionCopy.sharingFiles(try #require(theme.render(rendered.template, PageContexts.visionVariant(of: rendered.page, path: page.path))),
                                               root: SiteURLs.root(forPath: page.path))
            let files = site.render(page).files
            #expect(files.count == 2)
            #expect(String(decoding: files[1].data, as: UTF8.self) == full, "\(page.path)")
            compared += 1
        }
        #expect(compared > 40)
    }

    @Test func aThemeUsingVisionElsewhereIsRenderedTwice() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let own = site.appendingPathComponent("themes/mine/templates")
        try FileManager.default.createDirectory(at: own, withIntermediateDirectories: true)
        try "{{<base}}{{$main}}<h1>{{title}}</h1>{{#vision}}<p>Крупная версия</p>{{/vision}}{{/main}}{{/base}}"
            .write(to: own.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
        let theme = try Theme.load(name: "mine", siteRoot: site, defaultTheme: Repo.defaultTheme)
        #expect(!theme.visionInPartialsOnly)

        let settings = site.appendingPathComponent("content/site.yml")
        try (read(settings) + "theme: mine\n").write(to: settings, atomically: true, encoding: .utf8)
        // (An empty folder is not kept by git: the fixture's pages/ may not exist in a clone.)
        try FileManager.default.createDirectory(at: site.appendingPathComponent("content/pages"), withIntermediateDirectories: true)
        try "---\ntitle: \"О проекте\"\n---\nТекст.\n".write(to: site.appendingPathComponent("content/pages/o-proekte.md"),
                                                         atomically: true, encoding: .utf8)
        let result = try TestSite(at: site).run(today: DayDate(year: 2025, month: 6, day: 1)!)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!read(site.appendingPathComponent("public/o-proekte/index.html")).contains("Крупная версия"))
        #expect(read(site.appendingPathComponent("public/sv/o-proekte/index.html")).contains("<p>Крупная версия</p>"))
    }
}
