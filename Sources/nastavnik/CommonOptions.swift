import ArgumentParser
import Content
import Domain
import Foundation
import Site

struct ContentOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Папка с материалами сайта.", valueName: "папка"))
    var content: String = "content"

    @Flag(name: .long, help: "Включить черновики (`draft: true`).")
    var drafts = false

    @Option(name: .long, help: .hidden)
    var today: String?

    /// The build date: `--today`, else $NASTAVNIK_TODAY (reproducible tests), else the local date.
    func buildDate() throws -> DayDate { try Self.buildDate(today) }

    /// The build date and the content folder, or a Russian message and exit 2.
    func resolved() -> (today: DayDate, content: URL) {
        do { return (try buildDate(), try contentURL()) } catch { Terminal.fail(error) }
    }

    /// `--today`, else NASTAVNIK_TODAY (tests pin the date), else the system date.
    static func buildDate(_ today: String?) throws -> DayDate {
        if let text = today ?? ProcessInfo.processInfo.environment["NASTAVNIK_TODAY"] {
            guard let d = DayDate(parsing: text) else { throw Failure.usage("дата «\(text)» не распознана; пишите 2024-09-01") }
            return d
        }
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return DayDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    func contentURL() throws -> URL {
        let url = URL(fileURLWithPath: content).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure.environment("папка с материалами «\(content)» не найдена",
                                      hint: "Укажите её через --content или создайте новый сайт: nastavnik init <папка>.")
        }
        return url
    }

    /// The content folder as shown in messages: as the user typed it, without a trailing slash.
    var shownContent: String {
        var s = content
        while s.count > 1, s.hasSuffix("/") { s.removeLast() }
        return s
    }
}

enum Failure: Error {
    case usage(String)
    case environment(String, hint: String?)
}

enum Terminal {
    static let isTTY = isatty(STDERR_FILENO) == 1
    static let stdoutTTY = isatty(STDOUT_FILENO) == 1

    static func err(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Prints an environment or usage failure and exits 2.
    static func fail(_ failure: Error) -> Never {
        switch failure {
        case Failure.usage(let m): err("ошибка: \(m)\n")
        case Failure.environment(let m, let hint): err("ошибка: \(m)\n" + (hint.map { "подсказка: \($0)\n" } ?? ""))
        // A template error already reads `file:line:col: ошибка: …`.
        case BuildFailure.theme(let m): err(m + "\n")
        case BuildFailure.output(let m): err("ошибка: \(m)\n")
        default: err("ошибка: \(describe(failure))\n")
        }
        exit(2)
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case BuildFailure.theme(let m), BuildFailure.output(let m): return m
        default: return error.localizedDescription
        }
    }

    static func seconds(_ s: Double) -> String {
        RussianNumberFormat.decimal(s, digits: s < 10 ? 2 : 1) + " с"
    }
}

enum RussianNumberFormat {
    static func decimal(_ v: Double, digits: Int) -> String {
        String(format: "%.\(digits)f", v).replacingOccurrences(of: ".", with: ",")
    }
}

enum DiagnosticsOutput {
    static func print(_ result: BuildResult, format: OutputFormat) {
        switch format {
        case .json:
            Terminal.out(DiagnosticReport.json(result.diagnostics) + "\n")
        case .text:
            let text = DiagnosticReport.text(result.diagnostics, sources: result.sources,
                                             color: Terminal.isTTY)
            Terminal.err(text)
            if !text.isEmpty { Terminal.err("\n") }
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
