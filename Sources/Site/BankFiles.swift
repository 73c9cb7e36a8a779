import Domain
import Foundation

/// `indicators-rollup.csv` as Russian Excel opens it by double-click: UTF-8 with a BOM,
/// `;` between fields, decimal comma.
enum RollupCSV {
    static func data(_ rollups: [IndicatorRollup]) -> Data {
        var lines = ["Показатель;Код;Территория;Год;Числитель;Знаменатель;Доля, %;Цель, %;Школ с данными"]
        func field(_ text: String) -> String {
            text.contains(";") || text.contains("\"") || text.contains("\n")
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        for r in rollups {
            func row(_ place: String, _ year: Int, _ c: IndicatorCount, schools: String) {
                let target = r.targets[year].map { RussianNumber.decimal($0, digits: 1) } ?? ""
                lines.append([field(r.title), r.id, field(place), String(year), String(c.numerator), String(c.denominator),
                              RussianNumber.decimal(c.percent, digits: 1), target, schools].joined(separator: ";"))
            }
            for year in r.region.keys.sorted() { row("Регион", year, r.region[year]!, schools: String(r.schools[year] ?? 0)) }
            for place in r.municipalities.keys.sorted(by: RussianFold.less) {
                for (year, c) in r.municipalities[place]!.sorted(by: { $0.key < $1.key }) { row(place, year, c, schools: "") }
            }
        }
        return Data([0xEF, 0xBB, 0xBF]) + Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }
}

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
