/// A measured count: how many of the population took part. Percentages are always
/// computed, never typed in, so that a regional roll-up can sum counts.
public struct IndicatorCount: Sendable, Hashable {
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

public struct Indicator: Sendable, Hashable {
    public var id: String
    public var title: String
    /// Target percentage per year.
    public var targets: [Int: Double]
    public var actual: [Int: IndicatorCount]
    public var origin: SourceRef

    public init(id: String, title: String, targets: [Int: Double], actual: [Int: IndicatorCount], origin: SourceRef) {
        self.id = id
        self.title = title
        self.targets = targets
        self.actual = actual
        self.origin = origin
    }

    public var years: [Int] { Set(targets.keys).union(actual.keys).sorted() }

    /// Achieved when the fact reaches the target; nil when either is missing.
    public func achieved(in year: Int) -> Bool? {
        guard let target = targets[year], let fact = actual[year] else { return nil }
        return fact.percent + 1e-9 >= target
    }
}

public struct IndicatorSet: Sendable, Hashable {
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
