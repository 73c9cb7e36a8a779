import Domain
import Foundation

/// Understands the deadlines that real roadmaps write in the «Сроки» column:
/// «30.09.2020 30.09.2021», «Ноябрь–декабрь 2020 г.», «до 10.09.2020», «Постоянно»,
/// «Ежегодно 20 декабря, 20 июня», «по отдельному графику» and their variants.
public enum RoadmapDeadlineParser {
    public static func parse(_ raw: String) -> RoadmapDeadline {
        var text = stripTags(raw).lowercased()
            .replacingOccurrences(of: "ё", with: "е")
            .replacingOccurrences(of: "\u{00A0}", with: " ")
        for dash in ["—", "‒", "―", "−", "‐", "‑"] { text = text.replacingOccurrences(of: dash, with: "–") }
        // «2020 г.», «2020–2024 годы», «2021 года»: the word after a year carries nothing.
        text = yearWord.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$1")
        text = text.trimmingSpaces
        while text.hasSuffix(".") || text.hasSuffix(",") || text.hasSuffix(";") { text = String(text.dropLast()).trimmingSpaces }
        while text.contains("  ") { text = text.replacingOccurrences(of: "  ", with: " ") }
        if text.isEmpty { return .unparsed }

        // «… (далее ежегодно)»: the dates recur every year.
        var recurring = false
        for marker in ["(далее ежегодно)", "далее ежегодно", "(ежегодно)"] where text.contains(marker) {
            recurring = true
            text = text.replacingOccurrences(of: marker, with: "").trimmingSpaces
            while text.hasSuffix(",") || text.hasSuffix(";") { text = String(text.dropLast()).trimmingSpaces }
        }
        // «в срок до 26.03.2021», «срок: до …»: the words before the date carry nothing.
        for filler in ["в срок ", "срок: ", "срок "] where text.hasPrefix(filler) { text = String(text.dropFirst(filler.count)).trimmingSpaces }
        if text == "до" || text == "до:" || text == "не позднее" { return .blank }
        if recurring {
            let rest = stripUntil(text)
            if let items = yearlyItems(rest), !items.isEmpty { return .yearly(items) }
        }
        // Dates set by someone else's plan: no date by design, shown as written.
        for phrase in ["в соответствии с", "согласно ", "по плану", "по отдельному", "по мере", "по графику", "по согласованию",
                       "в сроки, установленные", "в сроки, устанавливаемые", "в установленные сроки"] where text.hasPrefix(phrase) {
            return .onSchedule
        }
        if ["ежеквартально", "ежемесячно", "еженедельно", "раз в ", "1 раз в", "один раз в", "два раза в", "2 раза в", "по итогам", "по окончании",
            "по завершении"].contains(where: { text.hasPrefix($0) }) {
            return .wholePeriod
        }
        // «с августа 2020 года», «с 01.09.2020»; «с 01.09.2020 по 31.05.2021» is a period.
        if text.hasPrefix("с ") {
            let rest = String(text.dropFirst(2)).trimmingSpaces
            let halves = rest.components(separatedBy: " по ")
            if halves.count == 2 {
                let from = day(halves[0]) ?? month(halves[0])?.firstDay
                let to = day(halves[1]) ?? month(halves[1])?.lastDay
                if let from, let to, from <= to { return .period(from, to) }
            }
            if let d = day(rest) { return .since(d) }
            if let m = month(rest) { return .since(m.firstDay) }
        }
        // «на 31.12.2021»: the state on that day.
        if text.hasPrefix("на "), let d = day(String(text.dropFirst(3)).trimmingSpaces) { return .until(d) }
        // Phrases
        if text.hasPrefix("постоянно") || text == "в течение года" || text.hasPrefix("в течение учебного")
            || text.hasPrefix("систематически") || text.hasPrefix("регулярно") {
            return text.hasPrefix("постоянно") ? .permanent : .wholePeriod
        }
        if text.hasPrefix("в течение") { return .wholePeriod }
        if text.hasPrefix("по отдельному") || text.hasPrefix("по мере") || text.hasPrefix("по графику")
            || text.hasPrefix("по плану") || text.hasPrefix("по согласованию") {
            return .onSchedule
        }
        if text.hasPrefix("ежегодно") || text.hasPrefix("ежегодн") {
            var rest = String(text.drop(while: { $0.isLetter })).trimmingCharacters(in: CharacterSet(charactersIn: " ,:–"))
            for filler in ["в срок ", "срок "] where rest.hasPrefix(filler) { rest = String(rest.dropFirst(filler.count)) }
            rest = stripUntil(rest)
            let items = yearlyItems(rest)
            if let items, !items.isEmpty { return .yearly(items) }
            return rest.isEmpty ? .yearly([]) : .unparsed
        }

        // «до 10.09.2020», «не позднее 10 сентября 2020»
        for prefix in ["до ", "не позднее ", "не позже ", "по "] where text.hasPrefix(prefix) {
            let rest = String(text.dropFirst(prefix.count)).trimmingSpaces
            if let d = day(rest) { return .until(d) }
            if let m = month(rest) { return .until(m.lastDay) }
            // «до 20 декабря и 20 мая»: days without a year come back every year.
            if let items = yearlyItems(rest), !items.isEmpty, items.allSatisfy({ $0.day != nil }) { return .yearly(items) }
        }

        if let d = day(text) { return .date(d) }

        // Several dates: «30.09.2020 30.09.2021», «31.12.2020, 31.12.2021»
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" }).map(String.init)
        if tokens.count > 1 {
            let dates = tokens.compactMap { DayDate(parsing: $0) }
            if dates.count == tokens.count { return .dates(dates) }
        }

        // Ranges: «ноябрь–декабрь 2020», «сентябрь 2020 – май 2021», «01.09.2020–31.05.2021», «2020–2024»
        let parts = text.split(separator: "–").map { $0.trimmingSpaces }
        if parts.count == 2 {
            let (a, b) = (parts[0], parts[1])
            if let da = DayDate(parsing: a), let db = day(b), da <= db { return .period(da, db) }
            if let ya = Int(a), let yb = Int(b), isYear(ya), isYear(yb), ya <= yb { return .yearRange(ya, yb) }
            if let mb = month(b) {
                if let ma = month(a), ma <= mb { return .monthRange(ma, mb) }
                if let m = monthNumber(a) {
                    let start = YearMonth(year: m <= mb.month ? mb.year : mb.year - 1, month: m)
                    return .monthRange(start, mb)
                }
            }
        }
        // A hyphen between two month names: «ноябрь-декабрь 2020»; between two dates: «01.09.2020-31.05.2021»
        if let hyphen = text.firstIndex(of: "-") {
            let a = text[..<hyphen].trimmingSpaces, b = text[text.index(after: hyphen)...].trimmingSpaces
            if let da = DayDate(parsing: a), let db = day(b), da <= db { return .period(da, db) }
            if let m = monthNumber(a), let mb = month(b) {
                return .monthRange(YearMonth(year: m <= mb.month ? mb.year : mb.year - 1, month: m), mb)
            }
            if let ya = Int(a), let yb = Int(b), isYear(ya), isYear(yb), ya <= yb { return .yearRange(ya, yb) }
        }
        if let m = month(text) { return .month(m) }
        if let q = quarter(text) { return q }
        if let y = Int(text), isYear(y) { return .yearRange(y, y) }
        if let items = yearlyItems(text), !items.isEmpty, items.allSatisfy({ $0.day != nil }) { return .yearly(items) }
        return .unparsed
    }

    /// «не позднее 20 декабря» → «20 декабря».
    private static func stripUntil(_ text: String) -> String {
        var rest = text
        for prefix in ["не позднее ", "не позже ", "до ", "к "] where rest.hasPrefix(prefix) { rest = String(rest.dropFirst(prefix.count)) }
        return rest.trimmingSpaces
    }

    private static let yearWord = try! NSRegularExpression(pattern: "(\\d{4})\\s*(гг\\.|г\\.|годы|годов|года|год|г)(?=$|[\\s,;.–-])")

    private static func stripTags(_ s: String) -> String {
        var out = ""
        var inTag = false
        for ch in s {
            if ch == "<" { inTag = true; continue }
            if ch == ">", inTag { inTag = false; continue }
            if !inTag { out.append(ch) }
        }
        return out
    }

    private static func isYear(_ y: Int) -> Bool { (1990...2100).contains(y) }

    /// «январь», «января», «янв» → 1
    static func monthNumber(_ word: String) -> Int? {
        let w = word.trimmingSpaces.trimmingCharacters(in: CharacterSet(charactersIn: "."))
        guard w.count >= 3 else { return nil }
        let stems = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"]
        for (i, stem) in stems.enumerated() {
            if i == 4 {
                if ["май", "мая", "мае"].contains(w) { return 5 }
                continue
            }
            if w.hasPrefix(stem) || (w.count >= 3 && stem.hasPrefix(w)) { return i + 1 }
        }
        return nil
    }

    /// «ноябрь 2020», «11.2020», «2020-11»
    static func month(_ text: String) -> YearMonth? {
        let words = text.split(separator: " ").map(String.init)
        if words.count == 2, let m = monthNumber(words[0]), let y = Int(words[1]), isYear(y) {
            return YearMonth(year: y, month: m)
        }
        let dotted = text.split(separator: ".")
        if dotted.count == 2, let m = Int(dotted[0]), (1...12).contains(m), let y = Int(dotted[1]), isYear(y) {
            return YearMonth(year: y, month: m)
        }
        return nil
    }

    /// «10.09.2020», «2020-09-10», «10 сентября 2020»
    static func day(_ text: String) -> DayDate? {
        if let d = DayDate(parsing: text) { return d }
        let words = text.split(separator: " ").map(String.init)
        if words.count == 3, let d = Int(words[0]), let m = monthNumber(words[1]), let y = Int(words[2]) {
            return DayDate(year: y, month: m, day: d)
        }
        return nil
    }

    /// «i квартал 2021», «1 квартал 2021»
    private static func quarter(_ text: String) -> RoadmapDeadline? {
        let words = text.split(separator: " ").map(String.init)
        guard words.count == 3, words[1].hasPrefix("квартал"), let y = Int(words[2]), isYear(y) else { return nil }
        let roman = ["i": 1, "ii": 2, "iii": 3, "iv": 4]
        guard let q = Int(words[0]) ?? roman[words[0]], (1...4).contains(q) else { return nil }
        return .quarter(year: y, quarter: q)
    }

    /// «август», «20 декабря, 20 июня», «август, январь»
    private static func yearlyItems(_ text: String) -> [YearlyDate]? {
        var items: [YearlyDate] = []
        for part in text.split(whereSeparator: { $0 == "," || $0 == ";" }).map({ $0.trimmingSpaces }) where !part.isEmpty {
            let parts = part.replacingOccurrences(of: " и ", with: ",").split(separator: ",")
            for p in parts {
                let words = p.trimmingSpaces.split(separator: " ").map(String.init)
                if words.count == 1, let m = monthNumber(words[0]) {
                    items.append(YearlyDate(month: m, day: nil))
                } else if words.count == 2, let d = Int(words[0]), let m = monthNumber(words[1]),
                          (1...DayDate.daysIn(month: m, year: 2024)).contains(d) {
                    items.append(YearlyDate(month: m, day: d))
                } else {
                    return nil
                }
            }
        }
        return items
    }
}
