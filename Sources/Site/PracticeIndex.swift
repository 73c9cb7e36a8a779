import Domain
import Foundation

/// `practices.json`: what the script on the practices page filters and searches.
enum PracticeIndex {
    static func json(_ bank: BankSite) -> Data {
        var out = "["
        for (n, i) in (bank.listings[.all] ?? []).enumerated() {
            let p = bank.bank.practices[i]
            let school = bank.bank.schools[p.school]
            let c = bank.bank.mentoringCase(p)
            if n > 0 { out += "," }
            var fields: [(String, String)] = [("t", c.title), ("u", BankURLs.practice(school.id, c.slug)), ("o", school.name),
                                              ("m", school.municipality ?? Bank.unknownMunicipality), ("f", c.form.title)]
            if let role = c.roleModel { fields.append(("r", role)) }
            if let level = c.level { fields.append(("l", level.title)) }
            if let year = c.period?.year { fields.append(("y", String(year))) }
            if let summary = c.summary { fields.append(("s", summary)) }
            // The school's page and the practice's dates, so cards the script builds match the page's.
            fields.append(("h", BankURLs.school(school.id)))
            if let period = c.period { fields.append(("p", period.russian)) }
            fields.append(("x", SearchIndex.fold(([c.title, school.name, c.summary ?? "", c.audience ?? ""] + c.tags + c.results).joined(separator: " "))))
            out += "{"
            for (k, (key, value)) in fields.enumerated() {
                if k > 0 { out += "," }
                out += "\"\(key)\":"
                SearchIndex.appendJSON(value, to: &out)
            }
            out += "}"
        }
        return Data((out + "]").utf8)
    }
}
