import Content
import Domain
import Foundation

/// The static search index: one entry per page, with text already folded (lower case,
/// ё → е) so the script only has to stem the query the same way.
enum SearchIndex {
    struct Entry {
        var t: String   // title
        var u: String   // site-relative path
        var s: String   // section
        var x: String   // folded text: title, summary, tags, first part of the body
    }

    static func fold(_ text: String) -> String {
        RussianFold.fold(text)
    }

    typealias Input = (title: String, path: String, section: String, parts: [String], body: String)

    /// Practices, schools and mentors of a bank.
    static func bankEntries(_ bank: BankSite) -> [Input] {
        var out: [Input] = []
        for p in bank.bank.practices {
            let school = bank.bank.schools[p.school]
            let c = bank.bank.mentoringCase(p)
            out.append((c.title, BankURLs.practice(school.id, c.slug), "Практики",
                        [school.name, school.municipality ?? "", c.form.title, c.roleModel ?? "", c.summary ?? "", c.audience ?? ""]
                            + c.tags + c.results, c.body.text))
        }
        for school in bank.bank.schools where !school.excluded {
            out.append((school.fullName, BankURLs.school(school.id), "Организации", [school.name, school.municipality ?? ""], ""))
        }
        for m in bank.mentors {
            let school = bank.bank.schools[m.school]
            let mentor = school.content!.mentors[m.mentor]
            out.append((mentor.name, BankURLs.mentor(school.id, mentor.slug), "Наставники",
                        [mentor.position ?? "", school.name, mentor.form?.title ?? ""], ""))
        }
        return out
    }

    static func json(_ content: SiteContent, extra: [Input] = []) -> Data {
        // Collected first, folded on all cores.
        var inputs: [Input] = extra
        func add(_ title: String, _ path: String, _ section: String, _ parts: [String], body: String = "") {
            inputs.append((title, path, section, parts, body))
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
        let entries = inputs.parallelMap { i -> Entry in
            let text = (i.parts + [plain(String(i.body.prefix(600)))]).joined(separator: " ")
            return Entry(t: i.title, u: i.path, s: i.section, x: fold(i.title + " " + text))
        }
        // Written by hand: Foundation's JSONEncoder took longer than the rest of a rebuild.
        var out = "["
        out.reserveCapacity(entries.reduce(2) { $0 + $1.x.utf8.count + $1.t.utf8.count + 64 })
        for (i, e) in entries.enumerated() {
            if i > 0 { out += "," }
            out += "{\"t\":"; appendJSON(e.t, to: &out)
            out += ",\"u\":"; appendJSON(e.u, to: &out)
            out += ",\"s\":"; appendJSON(e.s, to: &out)
            out += ",\"x\":"; appendJSON(e.x, to: &out)
            out += "}"
        }
        out += "]"
        return Data(out.utf8)
    }

    static func appendJSON(_ text: String, to out: inout String) {
        out += "\""
        var plainRun = true
        for scalar in text.unicodeScalars where scalar == "\"" || scalar == "\\" || scalar.value < 0x20 {
            plainRun = false
            break
        }
        if plainRun {
            out += text
        } else {
            var scalars = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": scalars.append(contentsOf: "\\\"".unicodeScalars)
                case "\\": scalars.append(contentsOf: "\\\\".unicodeScalars)
                case "\n": scalars.append(contentsOf: "\\n".unicodeScalars)
                case "\r": scalars.append(contentsOf: "\\r".unicodeScalars)
                case "\t": scalars.append(contentsOf: "\\t".unicodeScalars)
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    scalars.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
                default: scalars.append(scalar)
                }
            }
            out += String(scalars)
        }
        out += "\""
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
