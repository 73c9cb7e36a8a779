/// A civil date without time or zone: what a Russian order, a consent form or a
/// roadmap means by «25.12.2019». Kept apart from `Date` so that no time zone can
/// shift a deadline by a day.
public struct DayDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Before every real date: for sorting values that may have none.
    public static let distantPast = DayDate(year: 1, month: 1, day: 1)!

    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2200).contains(year), (1...12).contains(month),
              (1...DayDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `2020-12-25` (ISO, as YAML writes dates) or `25.12.2020` (as Russian documents do).
    public init?(parsing text: String) {
        let s = text.trimmingSpaces
        let iso = s.split(separator: "-", omittingEmptySubsequences: false)
        if iso.count == 3, iso[0].count == 4, let y = Int(iso[0]), let m = Int(iso[1]),
           let d = Int(iso[2].prefix(2)), iso[2].count == 2 || iso[2].dropFirst(2).first == "T" || iso[2].dropFirst(2).first == " " {
            self.init(year: y, month: m, day: d)
            return
        }
        let ru = s.split(separator: ".", omittingEmptySubsequences: false)
        if ru.count == 3, (1...2).contains(ru[0].count), (1...2).contains(ru[1].count),
           ru[2].count == 4 || ru[2].count == 2,
           let d = Int(ru[0]), let m = Int(ru[1]), var y = Int(ru[2]) {
            if ru[2].count == 2 { y += 2000 }
            self.init(year: y, month: m, day: d)
            return
        }
        return nil
    }

    /// `25.12.2019`
    public var russian: String {
        "\(DayDate.pad(day)).\(DayDate.pad(month)).\(year)"
    }

    /// `25 декабря 2019 г.`
    public var russianLong: String {
        "\(day) \(RussianMonths.genitive[month - 1]) \(year) г."
    }

    /// `2019-12-25`
    public var iso: String {
        "\(year)-\(DayDate.pad(month))-\(DayDate.pad(day))"
    }

    public var description: String { iso }

    /// Days since 1970-01-01 (proleptic Gregorian), for arithmetic and feeds.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// 0 = Monday … 6 = Sunday.
    public var weekday: Int { ((daysSinceEpoch % 7) + 7 + 3) % 7 }

    public static func < (a: DayDate, b: DayDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

public enum RussianMonths {
    public static let nominative = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль",
                                    "август", "сентябрь", "октябрь", "ноябрь", "декабрь"]
    public static let genitive = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля",
                                  "августа", "сентября", "октября", "ноября", "декабря"]
}

/// `from`–`to`, both inclusive.
public struct DateRange: Sendable, Hashable, Codable {
    public var from: DayDate
    public var to: DayDate

    public init(from: DayDate, to: DayDate) {
        self.from = from
        self.to = to
    }

    /// `01.09.2023 – 31.05.2024`
    public var russian: String { "\(from.russian) – \(to.russian)" }
}

extension StringProtocol {
    /// Trims spaces, tabs, newlines and no-break spaces (common in text pasted from Word).
    public var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
