import Domain
import Markdown

/// An inline SVG bar chart of target vs fact per year. Inline, so it needs no script and
/// no request; the numbers are also in the table next to it and in the text alternative.
enum IndicatorChart {
    static func svg(_ indicator: Indicator) -> String {
        let years = indicator.years
        guard !years.isEmpty else { return "" }
        let width = 640, height = 260, left = 44, bottom = 36, top = 16
        let plotHeight = Double(height - bottom - top)
        let slot = Double(width - left - 8) / Double(years.count)
        let bar = min(28.0, slot / 3)
        var s = "<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"chart-\(indicator.id)-title\" xmlns=\"http://www.w3.org/2000/svg\">"
        s += "<title id=\"chart-\(indicator.id)-title\">\(HTMLEscape.escape(textAlternative(indicator)))</title>"
        for tick in stride(from: 0, through: 100, by: 25) {
            let y = Double(top) + plotHeight * (1 - Double(tick) / 100)
            s += "<line class=\"grid\" x1=\"\(left)\" y1=\"\(fmt(y))\" x2=\"\(width - 4)\" y2=\"\(fmt(y))\"/>"
            s += "<text class=\"axis\" x=\"\(left - 6)\" y=\"\(fmt(y + 4))\" text-anchor=\"end\">\(tick)\u{00A0}%</text>"
        }
        for (i, year) in years.enumerated() {
            let x = Double(left) + slot * Double(i) + slot / 2
            if let target = indicator.targets[year] {
                let h = plotHeight * target / 100
                s += "<rect class=\"target\" x=\"\(fmt(x - bar - 1))\" y=\"\(fmt(Double(top) + plotHeight - h))\" width=\"\(fmt(bar))\" height=\"\(fmt(h))\"/>"
            }
            if let fact = indicator.actual[year] {
                let h = plotHeight * min(fact.percent, 100) / 100
                let cls = indicator.achieved(in: year) == false ? "fact missed" : "fact"
                s += "<rect class=\"\(cls)\" x=\"\(fmt(x + 1))\" y=\"\(fmt(Double(top) + plotHeight - h))\" width=\"\(fmt(bar))\" height=\"\(fmt(h))\"/>"
                s += "<text class=\"value\" x=\"\(fmt(x + 1 + bar / 2))\" y=\"\(fmt(Double(top) + plotHeight - h - 4))\" text-anchor=\"middle\">\(RussianNumber.decimal(fact.percent))</text>"
            }
            s += "<text class=\"axis\" x=\"\(fmt(x))\" y=\"\(height - bottom + 18)\" text-anchor=\"middle\">\(year)</text>"
        }
        s += "</svg>"
        return s
    }

    /// «2020: цель 10 %, факт 10,8 % — достигнуто; …»
    static func textAlternative(_ indicator: Indicator) -> String {
        let parts = indicator.years.map { year -> String in
            var p = "\(year):"
            if let t = indicator.targets[year] { p += " цель \(RussianNumber.percent(t))" }
            if let f = indicator.actual[year] {
                p += (indicator.targets[year] != nil ? "," : "") + " факт \(RussianNumber.percent(f.percent))"
                if let a = indicator.achieved(in: year) { p += a ? " — достигнуто" : " — не достигнуто" }
            }
            return p
        }
        return "Показатель «\(indicator.title)» по годам. " + parts.joined(separator: "; ") + "."
    }

    private static func fmt(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        guard r.isFinite, abs(r) < 1e15 else { return "0" }
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}
