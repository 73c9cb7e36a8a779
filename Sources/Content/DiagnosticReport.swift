import Domain
import Foundation
import Markdown

/// Prints diagnostics the way compilers and Hugo do: `file:line:col: ошибка: … [rule]`,
/// the offending line under it with a caret, a hint, and a Russian summary at the end.
public enum DiagnosticReport {
    public static func text(_ diagnostics: [Diagnostic], sources: [String: SourceFile], color: Bool = false) -> String {
        var out = ""
        for d in diagnostics.sortedForReport() {
            let position = d.location.line > 0 ? "\(d.location.file):\(d.location.line):\(max(d.location.column, 1))" : d.location.file
            let word: String
            if color {
                let code = d.severity == .error ? "31" : d.severity == .warning ? "33" : "36"
                word = "\u{1B}[1;\(code)m\(d.severity.russian)\u{1B}[0m"
            } else {
                word = d.severity.russian
            }
            out += "\(position): \(word): \(d.message) [\(d.rule)]\n"
            if d.location.line > 0, let whole = sources[d.location.file]?.line(d.location.line) {
                let (line, column) = excerpt(whole, column: max(d.location.column, 1))
                out += "    \(line)\n"
                let pad = String(line.prefix(column - 1).map { $0 == "\t" ? "\t" : " " })
                out += "    \(pad)^\n"
            }
            if let hint = d.hint { out += "    подсказка: \(hint)\n" }
        }
        return out
    }

    /// A long line (minified data, a pasted table) is cut to ~100 characters around the column.
    static func excerpt(_ line: String, column: Int) -> (String, Int) {
        let width = 100
        guard line.count > width else { return (line, column) }
        let characters = Array(line)
        let start = max(0, min(column - 1 - width / 2, characters.count - width))
        let end = min(characters.count, start + width)
        let head = start > 0 ? "…" : ""
        let tail = end < characters.count ? "…" : ""
        return (head + String(characters[start..<end]) + tail, column - start + head.count)
    }

    /// `check --format json`: every finding, keys in alphabetical order.
    public static func json(_ diagnostics: [Diagnostic]) -> String {
        JSONWriter.write(pretty: true) { json in
            json.array { json in
                for d in diagnostics.sortedForReport() {
                    json.object { json in
                        json.field("column", d.location.column)
                        json.field("file", d.location.file)
                        json.field("hint", d.hint)
                        json.field("line", d.location.line)
                        json.field("message", d.message)
                        json.field("rule", d.rule)
                        json.field("severity", d.severity.rawValue)
                    }
                }
            }
        }
    }

    /// «Найдено 3 ошибки и 2 предупреждения в 4 файлах.» / «Ошибок и предупреждений нет.»
    public static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        let files = Set(diagnostics.filter { $0.severity != .info }.map(\.location.file)).count
        if errors == 0, warnings == 0 { return "Ошибок и предупреждений нет." }
        var parts: [String] = []
        if errors > 0 { parts.append("\(errors) \(plural(errors, "ошибка", "ошибки", "ошибок"))") }
        if warnings > 0 { parts.append("\(warnings) \(plural(warnings, "предупреждение", "предупреждения", "предупреждений"))") }
        let first = errors > 0 ? errors : warnings
        let found = first % 10 == 1 && first % 100 != 11 ? (errors > 0 ? "Найдена" : "Найдено") : "Найдено"
        let inFiles = files == 1 ? "в 1 файле" : "в \(files) \(plural(files, "файле", "файлах", "файлах"))"
        return "\(found) \(parts.joined(separator: " и ")) \(inFiles)."
    }

    /// Russian plural forms: 1 ошибка, 2 ошибки, 5 ошибок, 21 ошибка, 11 ошибок.
    public static func plural(_ n: Int, _ one: String, _ few: String, _ many: String) -> String {
        let n10 = n % 10, n100 = n % 100
        if n10 == 1 && n100 != 11 { return one }
        if (2...4).contains(n10) && !(12...14).contains(n100) { return few }
        return many
    }
}
