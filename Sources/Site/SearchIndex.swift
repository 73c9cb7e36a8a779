import Domain
import Foundation

/// The static search index: one entry per page, with text already folded (lower case,
/// ё → е) so the script only has to stem the query the same way.
enum SearchIndex {
    struct Entry: Encodable {
        var t: String   // title
        var u: String   // site-relative path
        var s: String   // section
        var x: String   // folded text: title, summary, tags, first part of the body
    }

    static func fold(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: "ё", with: "е")
    }

    static func json(_ content: SiteContent) -> Data {
        var entries: [Entry] = []
        func add(_ title: String, _ path: String, _ section: String, _ parts: [String], body: String = "") {
            let text = (parts + [plain(String(body.prefix(600)))]).joined(separator: " ")
            entries.append(Entry(t: title, u: path, s: section, x: fold(title + " " + text)))
        }
        for c in content.cases {
            add(c.title, SiteURLs.caseURL(c.slug), "Кейсы", [c.form.title, c.roleModel ?? "", c.summary ?? "", c.audience ?? ""] + c.tags + c.results, body: c.body.text)
        }
        for m in content.mentors { add(m.name, SiteURLs.mentor(m.slug), "Наставники", [m.position ?? "", m.organization ?? "", m.form?.title ?? ""], body: m.body.text) }
        for n in content.news { add(n.title, SiteURLs.news(n.slug), "Новости", [n.summary ?? ""] + n.tags, body: n.body.text) }
        for p in content.programs { add(p.title, SiteURLs.program(p.slug), "Программы", p.goals + p.forms.map(\.title), body: p.body.text) }
        for p in content.pages { add(p.title, SiteURLs.page(p.slug), "Страницы", [], body: p.body.text) }
        for d in content.documents { add(d.citation, "documents/", "Нормативная база", [d.issuer ?? ""]) }
        for r in content.roadmaps { add(r.title, "roadmap/", "Дорожная карта", r.events.map(\.title)) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? encoder.encode(entries)) ?? Data("[]".utf8)
    }

    /// Markdown without its markup characters, good enough for matching words.
    static func plain(_ markdown: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(markdown.utf8.count)
        for scalar in markdown.unicodeScalars {
            switch scalar {
            case "#", "*", "_", "`", "|", ">", "[", "]", "(", ")", "!", "\n": scalars.append(" ")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
