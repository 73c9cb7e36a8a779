/// A measured count: how many of the population took part. Percentages are always
/// computed, never typed in, so that a regional roll-up can sum counts.
public struct IndicatorCount: Sendable, Hashable, Codable {
    public var numerator: Int
    public var denominator: Int

    public init(numerator: Int, denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    public static let zero = IndicatorCount(numerator: 0, denominator: 0)

    public var percent: Double { denominator > 0 ? Double(numerator) * 100 / Double(denominator) : 0 }

    public static func + (a: IndicatorCount, b: IndicatorCount) -> IndicatorCount {
        IndicatorCount(numerator: a.numerator + b.numerator, denominator: a.denominator + b.denominator)
    }
}

/// When a count was taken: a year (`2021`), or a monitoring date (`2021-05-20`) — schools
/// monitor twice a year, and only counts of the same period may be summed.
public struct MonitoringPeriod: Sendable, Hashable, Comparable, Codable {
    public var year: Int
    public var date: DayDate?

    public init(year: Int) {
        self.year = year
        date = nil
    }

    public init(date: DayDate) {
        year = date.year
        self.date = date
    }

    /// «2021» or «на 20.05.2021».
    public var label: String { date.map { "на \($0.russian)" } ?? String(year) }
    /// For machines (CSV, JSON): «2021» or «2021-05-20».
    public var key: String { date?.iso ?? String(year) }

    /// A year without a date stands for the year's end.
    public static func < (a: MonitoringPeriod, b: MonitoringPeriod) -> Bool {
        (a.year, a.date ?? DayDate(year: a.year, month: 12, day: 31)!) < (b.year, b.date ?? DayDate(year: b.year, month: 12, day: 31)!)
    }
}

public struct Indicator: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    /// The formula or wording, shown under the title.
    public var definition: String?
    /// What the denominator counts: «обучающихся 10–19 лет, проживающих в Пролетарском районе».
    public var denominatorLabel: String?
    /// Target percentage per year.
    public var targets: [Int: Double]
    /// Every monitoring as reported.
    public var monitorings: [MonitoringPeriod: IndicatorCount] {
        didSet { actual = Self.yearly(monitorings) }
    }
    /// The yearly figure: the year's last monitoring.
    public private(set) var actual: [Int: IndicatorCount]
    public var origin: SourceRef

    public init(id: String, title: String, definition: String? = nil, denominatorLabel: String? = nil, targets: [Int: Double],
                monitorings: [MonitoringPeriod: IndicatorCount], origin: SourceRef) {
        self.id = id
        self.title = title
        self.definition = definition
        self.denominatorLabel = denominatorLabel
        self.targets = targets
        self.monitorings = monitorings
        self.actual = Self.yearly(monitorings)
        self.origin = origin
    }

    public init(id: String, title: String, targets: [Int: Double], actual: [Int: IndicatorCount], origin: SourceRef) {
        self.init(id: id, title: title, targets: targets,
                  monitorings: Dictionary(uniqueKeysWithValues: actual.map { (MonitoringPeriod(year: $0.key), $0.value) }), origin: origin)
    }

    static func yearly(_ monitorings: [MonitoringPeriod: IndicatorCount]) -> [Int: IndicatorCount] {
        var out: [Int: (MonitoringPeriod, IndicatorCount)] = [:]
        for (period, count) in monitorings where out[period.year].map({ $0.0 < period }) ?? true { out[period.year] = (period, count) }
        return out.mapValues(\.1)
    }

    /// Whether the year's figure is the last of several monitorings (the table then lists each).
    public var monitoredTwice: Bool { monitorings.keys.contains { $0.date != nil } }

    public var years: [Int] { Set(targets.keys).union(actual.keys).sorted() }

    /// Achieved when the fact reaches the target; nil when either is missing.
    public func achieved(in year: Int) -> Bool? {
        guard let target = targets[year], let fact = actual[year] else { return nil }
        return fact.percent + 1e-9 >= target
    }
}

public struct IndicatorSet: Sendable, Hashable, Codable {
    public var territory: String?
    public var indicators: [Indicator]

    public init(territory: String?, indicators: [Indicator]) {
        self.territory = territory
        self.indicators = indicators
    }
}

/// Russian number formatting: decimal comma, «10,6 %».
public enum RussianNumber {
    public static func percent(_ value: Double, digits: Int = 1) -> String {
        decimal(value, digits: digits) + "\u{00A0}%"
    }

    /// Always one decimal, as facts are reported: «31,0 %».
    public static func fact(_ value: Double) -> String {
        oneDecimal(value) + "\u{00A0}%"
    }

    /// «31,0», «10,8»: one decimal even for whole numbers.
    public static func oneDecimal(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e12 else { return "—" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10),\(abs(tenths % 10))"
    }

    public static func decimal(_ value: Double, digits: Int = 1) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        guard value.isFinite else { return "—" }
        let rounded = (value * scale).rounded() / scale
        // Beyond Int's range a Double cannot be converted; such numbers are only ever shown in messages.
        guard abs(rounded) < 1e15 else { return "\(rounded)" }
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(rounded)
        if let dot = text.firstIndex(of: ".") {
            let decimals = text[text.index(after: dot)...]
            if decimals.count > digits { text = String(text[..<text.index(dot, offsetBy: digits + 1)]) }
        }
        return text.replacingOccurrences(of: ".", with: ",")
    }

    /// Exactly `digits` decimals, zeros kept: «0,20» (durations in messages).
    public static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite, abs(value) < 1e12 else { return "—" }
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        let n = Int((abs(value) * Double(scale)).rounded())
        let fraction = String(n % scale)
        let sign = value < 0 && n > 0 ? "-" : ""
        guard digits > 0 else { return sign + String(n) }
        return sign + "\(n / scale)," + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// Thin grouping of thousands with no-break spaces: «12 480».
    public static func integer(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append("\u{00A0}") }
            out.append(ch)
        }
        return value < 0 ? "−" + out : out
    }
}
