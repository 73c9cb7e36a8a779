import Domain
import Foundation
import SwiftCSV

enum IndicatorsLoader {
    static let setKeys = ["territory", "indicators"]
    static let indicatorKeys = ["id", "title", "definition", "denominator_label", "targets", "actual", "unit"]

    /// Parsed indicators.yml: definitions and any counts written inline.
    static func load(_ file: SourceFile, sink: DiagnosticSink) -> IndicatorSet? {
        let (node, diagnostics) = YAMLParser.parse(file.text, file: file.path)
        sink.add(contentsOf: diagnostics)
        guard !diagnostics.hasErrors, let node else { return nil }
        var list: [YAMLNode] = []
        var territory: String?
        if case .sequence(let items) = node.value {
            list = items
        } else {
            guard var f = FieldReader(node, sink: sink, what: "indicators.yml") else { return nil }
            territory = f.string("territory")
            list = f.sequence("indicators") ?? []
            f.finish(allowed: setKeys)
        }
        var indicators: [Indicator] = []
        var seen: [String: SourceRef] = [:]
        for item in list {
            guard let indicator = indicator(item, sink: sink) else { continue }
            if let first = seen[indicator.id] {
                sink.error("indicator.duplicate", "показатель `\(indicator.id)` описан второй раз (первый — в строке \(first.line))", at: item.ref)
                continue
            }
            seen[indicator.id] = item.ref
            indicators.append(indicator)
        }
        return IndicatorSet(territory: territory, indicators: indicators)
    }

    private static func indicator(_ node: YAMLNode, sink: DiagnosticSink) -> Indicator? {
        guard var f = FieldReader(node, sink: sink, what: "показатель") else { return nil }
        let id = f.string("id", required: true, describe: "идентификатор показателя, например `mentees_10_19`")
        var title = f.string("title")
        if let id, title == nil {
            if let builtIn = BuiltInIndicator(rawValue: id) {
                title = builtIn.title
            } else {
                let guess = Suggestion.nearest(to: id, in: BuiltInIndicator.allCases.map(\.rawValue)).map { " Возможно, имелся в виду `\($0)`." } ?? ""
                sink.error("indicator.unknown-id", "показатель `\(id)` не входит в стандартные, и у него нет названия (`title`)", at: node.ref,
                           hint: "Добавьте `title: \"…\"` или используйте стандартный идентификатор: "
                               + BuiltInIndicator.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ") + "." + guess)
            }
        }
        var targets: [Int: Double] = [:]
        if let node = f.node("targets") {
            if case .mapping(let pairs) = node.value {
                for (keyNode, valueNode) in pairs {
                    guard let year = year(keyNode, sink: sink) else { continue }
                    let raw = valueNode.scalar?.trimmingSpaces.replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: "%", with: "")
                    guard let raw, let value = Double(raw.trimmingSpaces), value.isFinite else {
                        sink.error("field.type", "целевое значение на \(year) год должно быть числом процентов, а не \(valueNode.shapeDescription)",
                                   at: valueNode.ref)
                        continue
                    }
                    guard (0...100).contains(value) else {
                        // As the editor wrote it: a huge number is not turned into «1e+23».
                        var written = valueNode.scalar?.trimmingSpaces ?? raw
                        if written.hasSuffix("%") { written = String(written.dropLast()).trimmingSpaces }
                        sink.error("indicator.target-range", "целевое значение \(written) % на \(year) год вне пределов 0–100 %",
                                   at: valueNode.ref, hint: "Показатель — доля в процентах: от 0 до 100.")
                        continue
                    }
                    targets[year] = value
                }
                let ordered = targets.sorted { $0.key < $1.key }
                for (a, b) in zip(ordered, ordered.dropFirst()) where b.value < a.value {
                    let at = pairs.first { $0.key.scalar?.trimmingSpaces == String(b.key) }?.value.ref ?? node.ref
                    sink.warning("indicator.target-decreasing",
                                 "цель на \(b.key) год (\(RussianNumber.decimal(b.value)) %) ниже цели на \(a.key) год (\(RussianNumber.decimal(a.value)) %)",
                                 at: at, hint: "Целевые значения обычно растут год от года; проверьте, нет ли опечатки.")
                }
            } else {
                sink.error("field.type", "поле `targets` должно быть набором «год: процент», например `{ 2023: 50, 2024: 70 }`", at: node.ref)
            }
        }
        var actual: [MonitoringPeriod: IndicatorCount] = [:]
        if let node = f.node("actual") {
            if case .mapping(let pairs) = node.value {
                for (keyNode, valueNode) in pairs {
                    guard let period = period(keyNode, sink: sink) else { continue }
                    if let count = count(valueNode, year: period.year, sink: sink) { actual[period] = count }
                }
            } else {
                sink.error("field.type", "поле `actual` должно быть набором «год или дата мониторинга: { numerator: …, denominator: … }»", at: node.ref)
            }
        }
        let definition = f.string("definition")
        let denominatorLabel = f.string("denominator_label")
        _ = f.string("unit")
        f.finish(allowed: indicatorKeys)
        guard let id, let title else { return nil }
        return Indicator(id: id, title: title, definition: definition, denominatorLabel: denominatorLabel, targets: targets,
                         monitorings: actual, origin: node.ref)
    }

    /// A year (`2021`) or a monitoring date (`2021-05-20`, `20.12.2021`).
    static func period(_ node: YAMLNode, sink: DiagnosticSink) -> MonitoringPeriod? {
        if let s = node.scalar?.trimmingSpaces, s.count > 4, let date = DayDate(parsing: s), (1990...2100).contains(date.year) {
            return MonitoringPeriod(date: date)
        }
        return year(node, sink: sink).map { MonitoringPeriod(year: $0) }
    }

    static func year(_ node: YAMLNode, sink: DiagnosticSink) -> Int? {
        guard let s = node.scalar?.trimmingSpaces, let y = Int(s), (1990...2100).contains(y) else {
            sink.error("indicator.year", "«\(node.scalar ?? "")» — не год", at: node.ref, hint: "Год пишется четырьмя цифрами, например 2024.")
            return nil
        }
        return y
    }

    private static func count(_ node: YAMLNode, year: Int, sink: DiagnosticSink) -> IndicatorCount? {
        if node.scalar != nil {
            sink.error("indicator.percentage-typed", "за \(year) год указан готовый процент «\(node.scalar!)»; нужны числитель и знаменатель",
                       at: node.ref,
                       hint: "Пишите `\(year): { numerator: 52, denominator: 480 }` — сколько человек участвовало и сколько всего; процент посчитается сам, а региональный свод сможет сложить данные.")
            return nil
        }
        guard var f = FieldReader(node, sink: sink, what: "значение за \(year) год") else { return nil }
        let numerator = f.int("numerator", required: true, describe: "сколько участвует")
        let denominator = f.int("denominator", required: true, describe: "сколько всего")
        f.finish(allowed: ["numerator", "denominator"])
        guard let numerator, let denominator else { return nil }
        return validated(numerator: numerator, denominator: denominator, year: year, at: node.ref, sink: sink)
    }

    /// No organisation counts more people than this; it also keeps a region's sums far from overflow.
    public static let maxCount = 10_000_000

    static func validated(numerator: Int, denominator: Int, year: Int, at ref: SourceRef, sink: DiagnosticSink) -> IndicatorCount? {
        if numerator > maxCount || denominator > maxCount {
            sink.error("indicator.count-range", "число за \(year) год больше \(RussianNumber.integer(maxCount)): \(RussianNumber.integer(max(numerator, denominator)))",
                       at: ref, hint: "Числитель и знаменатель — числа людей или организаций; проверьте, нет ли лишних цифр.")
            return nil
        }
        if denominator <= 0 {
            sink.error("indicator.denominator", "знаменатель за \(year) год равен \(denominator), а должен быть больше нуля", at: ref,
                       hint: "Знаменатель — общее число людей (организаций), от которого считается доля.")
            return nil
        }
        if numerator < 0 {
            sink.error("indicator.numerator", "числитель за \(year) год отрицательный (\(numerator))", at: ref)
            return nil
        }
        if numerator > denominator {
            sink.error("indicator.numerator-gt-denominator",
                       "числитель (\(numerator)) за \(year) год больше знаменателя (\(denominator)): доля получилась бы больше 100 %",
                       at: ref, hint: "Проверьте, не перепутаны ли числитель и знаменатель.")
            return nil
        }
        return IndicatorCount(numerator: numerator, denominator: denominator)
    }

    /// One row of indicators/*.csv, summed per indicator and year (rows may be per organisation).
    struct CSVRows: Codable, Sendable {
        var counts: [String: [MonitoringPeriod: IndicatorCount]] = [:]
        var refs: [String: SourceRef] = [:]
    }

    static func loadCSV(_ file: SourceFile, sink: DiagnosticSink) -> CSVRows {
        var out = CSVRows()
        // A table of counts has short lines; SwiftCSV slows down badly on huge cells and traps on
        // a repeated column name, so both are refused before it sees the file.
        var lineNumber = 0
        for line in file.text.lines {
            lineNumber += 1
            if line.utf8.count > 4096 {
                sink.error("csv.syntax", "строка \(lineNumber) CSV длиннее 4096 байт — в таблице показателей таких не бывает",
                           at: SourceRef(file: file.path, line: lineNumber, column: 1),
                           hint: "Проверьте, не вставлен ли в файл текст или не потеряна ли закрывающая кавычка.")
                return out
            }
        }
        if let first = file.text.split(separator: "\n", maxSplits: 1).first {
            let separator: Character = [";", "\t", ","].max { a, b in first.filter { $0 == a }.count < first.filter { $0 == b }.count } ?? ","
            var seen: Set<String> = []
            for name in first.split(separator: separator).map({ $0.trimmingSpaces.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "\"")) })
            where !name.isEmpty && !seen.insert(name).inserted {
                sink.error("csv.header", "столбец `\(name)` указан в первой строке CSV дважды", at: SourceRef(file: file.path, line: 1, column: 1),
                           hint: "Первая строка должна быть `indicator,year,numerator,denominator`, каждый столбец — один раз.")
                return out
            }
        }
        let csv: EnumeratedCSV
        do {
            csv = try EnumeratedCSV(string: file.text, loadColumns: false)
        } catch {
            sink.error("csv.syntax", "не удалось разобрать CSV: проверьте кавычки", at: SourceRef(file: file.path, line: 1, column: 1))
            return out
        }
        let header = csv.header.map { $0.trimmingSpaces.lowercased() }
        // `period` (a year or a monitoring date) may stand instead of `year`.
        let yearColumn = header.contains("year") ? "year" : "period"
        let required = ["indicator", yearColumn, "numerator", "denominator"]
        let missing = required.filter { !header.contains($0) }
        guard missing.isEmpty else {
            sink.error("csv.header", "в первой строке CSV нет столбцов " + missing.map { "`\($0)`" }.joined(separator: ", "),
                       at: SourceRef(file: file.path, line: 1, column: 1),
                       hint: "Первая строка должна быть `indicator,year,numerator,denominator`.")
            return out
        }
        let column = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
        // Rows of numbers have no embedded line breaks: row i stands on line i + 2.
        for (i, row) in csv.rows.enumerated() {
            let ref = SourceRef(file: file.path, line: i + 2, column: 1)
            func cell(_ name: String) -> String { guard let c = column[name], c < row.count else { return "" }; return row[c].trimmingSpaces }
            if row.allSatisfy({ $0.trimmingSpaces.isEmpty }) { continue }
            let id = cell("indicator")
            guard !id.isEmpty else {
                sink.error("csv.row", "в строке не указан показатель (`indicator`)", at: ref)
                continue
            }
            let when = cell(yearColumn)
            let period: MonitoringPeriod
            if let y = Int(when), (1990...2100).contains(y) {
                period = MonitoringPeriod(year: y)
            } else if when.count > 4, let date = DayDate(parsing: when), (1990...2100).contains(date.year) {
                period = MonitoringPeriod(date: date)
            } else {
                sink.error("indicator.year", "«\(when)» — не год и не дата мониторинга", at: ref,
                           hint: "Год пишется четырьмя цифрами (2024), дата мониторинга — как 2024-05-20 или 20.05.2024.")
                continue
            }
            let year = period.year
            guard let numerator = Int(cell("numerator")), let denominator = Int(cell("denominator")) else {
                sink.error("field.type", "числитель и знаменатель должны быть целыми числами, а не «\(cell("numerator"))» и «\(cell("denominator"))»",
                           at: ref)
                continue
            }
            guard let count = validated(numerator: numerator, denominator: denominator, year: year, at: ref, sink: sink) else { continue }
            out.counts[id, default: [:]][period] = out.counts[id]?[period].map { $0 + count } ?? count
            if out.refs[id] == nil { out.refs[id] = ref }
        }
        return out
    }
}
