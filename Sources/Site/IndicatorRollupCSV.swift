import Domain
import Foundation

/// `indicators-rollup.csv` as Russian Excel opens it by double-click: UTF-8 with a BOM,
/// `;` between fields, decimal comma.
enum RollupCSV {
    static func data(_ rollups: [IndicatorRollup], territory: String = "Регион") -> Data {
        var lines = ["Показатель;Код;Территория;Период;Числитель;Знаменатель;Доля, %;Цель, %;Организаций с данными"]
        func field(_ raw: String) -> String {
            let text = neutralised(raw)
            return text.contains(";") || text.contains("\"") || text.contains("\n") || text.contains("\r")
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        for r in rollups {
            func row(_ place: String, _ period: MonitoringPeriod, _ c: IndicatorCount, schools: Int?) {
                let target = r.targets[period.year].map { RussianNumber.decimal($0, digits: 1) } ?? ""
                lines.append([field(r.title), field(r.id), field(place), period.key, String(c.numerator), String(c.denominator),
                              RussianNumber.oneDecimal(c.percent), target, schools.map(String.init) ?? ""].joined(separator: ";"))
            }
            for (period, c) in r.region.sorted(by: { $0.key < $1.key }) { row(territory, period, c, schools: r.schools[period]) }
            for place in r.municipalities.keys.sorted(by: RussianFold.less) {
                for (period, c) in (r.municipalities[place] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    row(place, period, c, schools: r.reporting[place]?[period])
                }
            }
        }
        return Data([0xEF, 0xBB, 0xBF]) + Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// Text from schools' content that a spreadsheet would run as a formula (OWASP «CSV
    /// injection»: a cell starting with `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`.
    static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return text }
        return "'" + text
    }
}
