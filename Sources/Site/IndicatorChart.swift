import Domain
import Markdown

/// The chart of an indicator: per year (or monitoring), a bar for the target and one for the
/// fact, each labelled with its value. Plain HTML and CSS, not SVG: the labels are text of the
/// page's own size at every width (an SVG scaled to a phone shrank them to ~5 px), a screen
/// reader reads the bars as a list, and it needs no script. The scale fits the data, so
/// indicators of 2–11 % are not flattened against 100 %.
enum IndicatorChart {
    static func html(_ indicator: Indicator, factLabel: String = "факт") -> String {
        let years = indicator.years
        guard !years.isEmpty else { return "" }
        let values = years.flatMap { [indicator.targets[$0], indicator.actual[$0]?.percent] }.compactMap { $0 }.filter(\.isFinite)
        let top = scaleTop(values.max() ?? 0)
        let e = HTMLEscape.escape
        var s = "<figure class=\"ichart\">"
        s += "<figcaption class=\"visually-hidden\">\(e(Typographer.apply(textAlternative(indicator))))</figcaption>"
        s += "<ul class=\"ichart-rows\" aria-hidden=\"true\">"
        var used = Set<String>()
        for year in years {
            s += "<li class=\"ichart-year\"><span class=\"ichart-when\">\(year)</span>"
            if let target = indicator.targets[year] {
                used.insert("target")
                s += bar("target", "цель", RussianNumber.percent(target), target, top)
            }
            if let fact = indicator.actual[year] {
                let missed = indicator.achieved(in: year) == false
                used.insert(missed ? "missed" : "fact")
                s += bar(missed ? "fact missed" : "fact", missed ? "факт, не достигнуто" : "факт", RussianNumber.fact(fact.percent), fact.percent, top)
            }
            s += "</li>"
        }
        s += "</ul>"
        // The scale under the bars: 0, half and the top, on the same track as the bars.
        s += "<div class=\"ichart-scale\" aria-hidden=\"true\"><span class=\"ichart-label\"></span><span class=\"ichart-track\">"
        for tick in [0, top / 2, top] {
            s += "<span class=\"ichart-tick\" style=\"left: \(fmt(tick / top * 100))%\">\(e(RussianNumber.percent(tick)))</span>"
        }
        s += "</span></div>"
        // The legend names exactly the colours drawn.
        s += "<p class=\"legend\" aria-hidden=\"true\">"
        let label = Typographer.apply(factLabel)
        if used.contains("target") { s += "<span class=\"key target\"></span> цель " }
        if used.contains("fact") { s += "<span class=\"key fact\"></span> \(e(label)) " }
        if used.contains("missed") { s += "<span class=\"key fact missed\"></span> \(e(label)): цель не\u{00A0}достигнута" }
        s += "</p></figure>"
        return s
    }

    private static func bar(_ kind: String, _ label: String, _ value: String, _ percent: Double, _ top: Double) -> String {
        let width = max(0, min(percent, top)) / top * 100
        return "<span class=\"ichart-bar\"><span class=\"ichart-label\">\(HTMLEscape.escape(label)): <b>\(HTMLEscape.escape(value))</b></span>"
            + "<span class=\"ichart-track\"><span class=\"ichart-fill \(kind)\" style=\"width: \(fmt(width))%\"></span></span></span>"
    }

    /// The smallest round top at or above the data (with a little room), never above 100 %.
    static func scaleTop(_ maximum: Double) -> Double {
        let steps: [Double] = [5, 10, 15, 20, 25, 30, 40, 50, 60, 80, 100]
        return steps.first { $0 >= maximum * 1.05 } ?? 100
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
