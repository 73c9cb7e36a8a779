import ArgumentParser
import Content
import Domain
import Foundation
import Site
import Synchronization

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

struct ContentOptions: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp("Папка с материалами сайта (по умолчанию content — здесь или в папке выше).",
                                                      valueName: "папка"))
    var content: String?

    @Option(name: .long, help: ArgumentHelp("Цвет в терминале: auto, always или never (переменная NO_COLOR тоже отключает цвет).",
                                            valueName: "когда"))
    var color: ColorChoice = .auto

    @Flag(name: [.short, .long], help: "Печатать только ошибки и предупреждения (без замечаний и итоговой строки).")
    var quiet = false

    @Flag(name: [.short, .long], help: "Печатать подробности: откуда взяты материалы и тема.")
    var verbose = false

    @Flag(name: .long, help: "Включить черновики (`draft: true`).")
    var drafts = false

    @Option(name: .long, help: .hidden)
    var today: String?

    /// The build date: `--today`, else $NASTAVNIK_TODAY (reproducible tests), else the local date.
    func buildDate() throws -> DayDate { try Self.buildDate(today) }

    /// The build date and the content folder, or a Russian message and exit 2. Also sets
    /// how the terminal is written to (colour, quiet, verbose).
    func resolved() -> (today: DayDate, content: URL) {
        Terminal.configure(color: color, quiet: quiet, verbose: verbose)
        do { return (try buildDate(), try contentURL()) } catch { Terminal.fail(error) }
    }

    /// `--today`, else NASTAVNIK_TODAY (tests pin the date), else the system date.
    static func buildDate(_ today: String?) throws -> DayDate {
        if let text = today ?? ProcessInfo.processInfo.environment["NASTAVNIK_TODAY"] {
            guard let d = DayDate(parsing: text) else { throw Failure.usage("дата «\(text)» не распознана; пишите 2024-09-01") }
            return d
        }
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        guard let year = parts.year, let month = parts.month, let day = parts.day, let d = DayDate(year: year, month: month, day: day) else {
            throw Failure.usage("не удалось узнать сегодняшнюю дату; укажите её: --today 2024-09-01")
        }
        return d
    }

    func contentURL() throws -> URL {
        if let content {
            let url = URL(fileURLWithPath: content).standardizedFileURL
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw Failure.environment("папка с материалами «\(content)» не найдена",
                                          hint: "Укажите её через --content или создайте новый сайт: nastavnik init <папка>.")
            }
            return url
        }
        guard let found = Self.discoverContent(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) else {
            throw Failure.environment("папка content с файлом site.yml не найдена ни здесь, ни в папках выше",
                                      hint: "Перейдите в папку сайта, укажите --content <папка> или создайте новый сайт: nastavnik init <папка>.")
        }
        return found
    }

    /// As git finds its repository: from the working folder upwards, the first folder that
    /// has `content/site.yml` (a site folder) or `site.yml` itself (inside the content folder).
    static func discoverContent(from start: URL) -> URL? {
        var dir = start.standardizedFileURL
        let fm = FileManager.default
        for _ in 0..<64 {
            if fm.fileExists(atPath: dir.appendingPathComponent("content/site.yml").path) { return dir.appendingPathComponent("content") }
            if fm.fileExists(atPath: dir.appendingPathComponent("site.yml").path) { return dir }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        // A site being started: `content/` without site.yml yet gets the usual message about it.
        let here = start.appendingPathComponent("content")
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: here.path, isDirectory: &isDirectory), isDirectory.boolValue { return here.standardizedFileURL }
        return nil
    }

    /// The content folder as shown in messages: as the user typed it, without a trailing slash,
    /// or relative to the working folder when it was found.
    var shownContent: String {
        guard let content else {
            guard let url = try? contentURL() else { return "content" }
            return Terminal.relative(url)
        }
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
    struct Settings {
        var color = false
        var quiet = false
        var verbose = false
    }
    /// Set once from the command line, before any output; read from any thread.
    private static let settings = Mutex(Settings())
    static var color: Bool { settings.withLock { $0.color } }
    static var quiet: Bool { settings.withLock { $0.quiet } }
    static var verbose: Bool { settings.withLock { $0.verbose } }

    /// clig.dev: colour only on a terminal, never with NO_COLOR or TERM=dumb, unless asked for.
    static func configure(color choice: ColorChoice, quiet: Bool, verbose: Bool) {
        let env = ProcessInfo.processInfo.environment
        let color: Bool
        switch choice {
        case .always: color = true
        case .never: color = false
        case .auto: color = isTTY && (env["NO_COLOR"] ?? "").isEmpty && env["TERM"] != "dumb"
        }
        settings.withLock { $0 = Settings(color: color, quiet: quiet, verbose: verbose && !quiet) }
    }

    static func relative(_ url: URL) -> String { ShownPath.relative(url) }

    /// A line of progress or summary: not printed with --quiet.
    static func note(_ text: String) {
        if !quiet { err(text) }
    }

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
        RussianNumber.fixed(s, digits: s < 10 ? 2 : 1) + " с"
    }
}

enum DiagnosticsOutput {
    static func print(_ result: BuildResult, format: OutputFormat) {
        switch format {
        case .json:
            Terminal.out(DiagnosticReport.json(result.diagnostics) + "\n")
        case .text:
            // Remarks (замечания) are details: --quiet leaves them out.
            let shown = Terminal.quiet ? result.diagnostics.filter { $0.severity != .info } : result.diagnostics
            let text = DiagnosticReport.text(shown, sources: result.sources, color: Terminal.color)
            Terminal.err(text)
            if !text.isEmpty { Terminal.err("\n") }
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
