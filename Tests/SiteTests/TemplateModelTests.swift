import Foundation
@testable import Site
import Testing
import TestSupport
import Theme

/// The typed models are the templates' contract: the documentation is generated from
/// them, and the default theme reads nothing they do not give.
@Suite struct TemplateModelTests {
    static let begin = "<!-- generated from TemplateCatalog: do not edit by hand -->\n"
    static let end = "<!-- end of generated part -->"

    /// `NASTAVNIK_WRITE_DOCS=1 swift test --filter TemplateModelTests` rewrites the section.
    @Test func themesDocumentationListsEveryModelField() throws {
        let url = Repo.root.appendingPathComponent("docs/themes.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        let start = try #require(text.range(of: Self.begin), "docs/themes.md has no generated section")
        let stop = try #require(text.range(of: Self.end, range: start.upperBound..<text.endIndex))
        let generated = TemplateCatalog.markdown()
        if ProcessInfo.processInfo.environment["NASTAVNIK_WRITE_DOCS"] == "1" {
            try (text[..<start.upperBound] + generated + text[stop.lowerBound...]).write(to: url, atomically: true, encoding: .utf8)
            return
        }
        #expect(String(text[start.upperBound..<stop.lowerBound]) == generated,
                "docs/themes.md is out of date: run NASTAVNIK_WRITE_DOCS=1 swift test --filter TemplateModelTests")
    }

    /// A build keeps the feeds and the sitemap while these fingerprints are the same: each
    /// must change with every field (a field added must be added to its fingerprint and here).
    @Test func feedAndSitemapFingerprintsCoverEveryField() {
        let item = FeedItem(title: "t", link: "l", dateRFC822: "a", dateRFC3339: "b", summary: "s", summaryHTML: "h", tags: ["x"])
        let feed = FeedModel(title: "t", descriptionHTML: "d", author: "a", link: "l", rssSelf: "r", atomSelf: "s",
                             updatedRFC3339: "u", updatedRFC822: "v", items: [item])
        #expect(Mirror(reflecting: feed).children.count == 9)
        #expect(Mirror(reflecting: item).children.count == 7)
        var feeds: [FeedModel] = [feed]
        for key in [\FeedModel.title, \.descriptionHTML, \.author, \.link, \.rssSelf, \.atomSelf, \.updatedRFC3339, \.updatedRFC822] {
            var changed = feed
            changed[keyPath: key] += "!"
            feeds.append(changed)
        }
        for key in [\FeedItem.title, \.link, \.dateRFC822, \.dateRFC3339, \.summary, \.summaryHTML] {
            var changed = feed
            changed.items[0][keyPath: key] += "!"
            feeds.append(changed)
        }
        var tagged = feed
        tagged.items[0].tags.append("y")
        var moved = feed
        moved.items[0].tags = []
        moved.items[0].summary = "x"
        var twice = feed
        twice.items.append(item)
        feeds += [tagged, moved, twice]
        #expect(Set(feeds.map(\.fingerprint)).count == feeds.count)

        let url = SitemapURL(loc: "a", lastmod: "b")
        #expect(Mirror(reflecting: url).children.count == 2)
        let sitemaps = [SitemapModel(urls: [url]), SitemapModel(urls: [SitemapURL(loc: "a!", lastmod: "b")]),
                        SitemapModel(urls: [SitemapURL(loc: "a", lastmod: "b!")]), SitemapModel(urls: [url, url]), SitemapModel(urls: [])]
        #expect(Set(sitemaps.map(\.fingerprint)).count == sitemaps.count)
    }

    @Test func everyModelFieldHasAUniqueName() {
        for model in TemplateCatalog.allModels() {
            let names = model.fieldRows.map(\.name)
            #expect(Set(names).count == names.count, "\(model.modelName) names a field twice")
        }
    }

    /// Every variable the default theme's templates read is a field of some model: a
    /// renamed field cannot leave a template silently showing nothing.
    @Test func defaultTemplatesReadOnlyModelFields() throws {
        var known: Set<String> = ["."]
        for model in TemplateCatalog.allModels() { known.formUnion(model.fieldRows.map(\.name)) }
        let folder = Repo.defaultTheme.appendingPathComponent("templates")
        let tag = try Regex(#"\{\{\{?\s*([#^/&]?)\s*([^}\s]+)\s*\}?\}\}"#)
        var unknown: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".mustache") {
            let source = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for match in source.matches(of: tag) {
                var name = String(match.output[2].substring ?? "")
                // A closing tag repeats its opening one (or closes a block).
                if match.output[1].substring == "/" { continue }
                // Partials, blocks, comments and pragmas are not variables.
                if let first = name.first, ">$<!%".contains(first) { continue }
                // `empty(badges)`: the transform's argument is the variable.
                if let open = name.firstIndex(of: "("), name.hasSuffix(")") {
                    name = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
                }
                for part in name.split(separator: ".") where !known.contains(String(part)) {
                    unknown.append("\(file): \(part)")
                }
            }
        }
        #expect(unknown.isEmpty, "variables no model gives: \(unknown)")
    }

    @Test func everyCatalogTemplateIsInTheDefaultTheme() throws {
        let theme = try Theme.load(name: "default", siteRoot: Repo.root, defaultTheme: Repo.defaultTheme)
        for entry in TemplateCatalog.entries {
            #expect(theme.has(entry.template), "\(entry.template)")
        }
    }

    /// A theme's template uses a text as Mustache users expect of a string: printed escaped or
    /// raw, as a section that opens when it is set, with `{{.}}` inside, with a name inside it
    /// found on the enclosing model, with its transforms, and not at all when empty.
    @Test func textFieldsBehaveAsStringsInTemplates() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        let text = "[{{title}}|{{{title}}}|{{#title}}<{{.}}:{{href}}>{{/title}}|{{^title}}нет{{/title}}|{{uppercased(href)}}|{{#empty(title)}}E{{/empty(title)}}]"
        try text.write(to: templates.appendingPathComponent("probe.mustache"), atomically: true, encoding: .utf8)
        let theme = try Theme(folders: [folder])
        #expect(theme.render("probe", Link(title: "a<b", href: "x/")) == "[a&lt;b|a<b|<a&lt;b:x/>||X/|]")
        #expect(theme.render("probe", Link(title: "", href: "x/")) == "[|||нет|X/|]")
    }

    /// An empty text is absent, as an unset optional is: `{{#summary}}` opens for neither.
    @Test func emptyTextIsAbsent() {
        let link = Link(title: "", href: "x/")
        #expect(link.child(named: "title") == nil)
        #expect((link.child(named: "href") as? TemplateText)?.text == "x/")
        #expect(link.child(named: "nope") == nil)
        // Text is typeset once, when the model is made; an address never is.
        #expect(Titled(title: "Приказ № 5").title == "Приказ №\u{00A0}5")
        #expect(Link(title: "docs/plan-2020-2024.pdf", href: "").title == "docs/plan-2020-2024.pdf")
    }
}
