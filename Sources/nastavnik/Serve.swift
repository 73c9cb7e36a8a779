import Synchronization
import ArgumentParser
import Content
import Dispatch
import Domain
import Foundation
import Markdown
import Preview
import Site

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Показать сайт в браузере и обновлять его при каждом сохранении файла.",
        discussion: """
        Сайт собирается в памяти и открывается по адресу http://127.0.0.1:1313/ (только на этом компьютере). \
        После правки файла в content/ или в теме пересобираются только затронутые страницы, и вкладка браузера \
        обновляется сама. Если в материалах ошибка, браузер показывает её поверх страницы, а сайт остаётся прежним.
        Остановить: Ctrl+C.
        """
    )

    @OptionGroup var options: ContentOptions

    @Option(name: [.short, .long], help: ArgumentHelp("Порт.", valueName: "номер"))
    var port: UInt16 = 1313

    @Option(name: .long, help: ArgumentHelp("Адрес, на котором слушать: 127.0.0.1 — только этот компьютер; 0.0.0.0 — вся локальная сеть.",
                                            valueName: "адрес"))
    var bind: String = "127.0.0.1"

    @Flag(name: .long, help: "Открыть сайт в браузере.")
    var open = false

    @Flag(name: .long, help: "Проверять файлы раз в секунду вместо уведомлений системы (для сетевых папок и контейнеров).")
    var poll = false

    func run() throws {
        let (today, contentURL) = options.resolved()
        let shownHost = bind == "0.0.0.0" ? "127.0.0.1" : bind
        let address = "http://\(shownHost):\(port)/"
        let build = BuildOptions(content: contentURL, shownContent: options.shownContent, output: URL(fileURLWithPath: "/nonexistent"),
                                 baseURL: address, drafts: options.drafts, today: today)
        let site = LiveSite(options: build)
        let server: PreviewServer
        do {
            server = try PreviewServer(site: site, host: bind, port: port)
        } catch PreviewServer.StartError.portInUse(let busy, let free) {
            Terminal.fail(Failure.environment("порт \(busy) занят другой программой (возможно, уже запущен nastavnik serve)",
                                              hint: free.map { "Запустите на свободном порту: nastavnik serve --port \($0)" }
                                                ?? "Укажите другой порт: nastavnik serve --port 8080"))
        } catch PreviewServer.StartError.cannotListen(let reason) {
            Terminal.fail(Failure.environment("не удалось открыть адрес \(reason)", hint: "Проверьте --bind: например, 127.0.0.1."))
        } catch { Terminal.fail(error) }

        let session = ServeSession(site: site, events: server.events, contentPath: contentURL.path)
        do { try session.rebuild(paths: nil) } catch { Terminal.fail(error) }

        let watched = [contentURL] + site.themeFolders
        let (watcher, polling) = FileWatcher.start(folders: watched, poll: poll) { paths in
            do { try session.rebuild(paths: paths) } catch { Terminal.err("ошибка: \(Terminal.describe(error))\n") }
        }
        if polling, !poll {
            Terminal.err("Уведомления об изменениях файлов недоступны (inotify): проверяю файлы раз в секунду.\n")
        }

        let stopped = DispatchSemaphore(value: 0)
        let stopping = StopFlag()
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let signals = [SIGINT, SIGTERM].map { DispatchSource.makeSignalSource(signal: $0, queue: .global()) }
        for source in signals {
            source.setEventHandler {
                guard stopping.set() else { return }
                Terminal.err("\nОстанавливаю…\n")
                watcher.stop()
                server.stop()
                stopped.signal()
            }
            source.resume()
        }
        Thread.detachNewThread {
            server.run()
            // `run` returns when stopping closes the socket, or when the socket fails.
            guard stopping.set() else { return }
            Terminal.err("ошибка: сервер остановился\n")
            stopped.signal()
        }
        Terminal.err("Сайт: \(address)  (Ctrl+C — остановить)\n\(polling ? "Проверяю раз в секунду" : "Слежу за изменениями"): \(watched.map(\.path).joined(separator: ", "))\n")
        if open { Browser.open(address) }
        // The signal sources must outlive the wait: an optimised build would release them early.
        withExtendedLifetime((signals, watcher)) { stopped.wait() }
        Terminal.err("Остановлено.\n")
    }
}

/// Opens a page in the desktop's browser: `$BROWSER` when set (the common convention),
/// else the system's opener; says the address where there is none.
enum Browser {
    static func open(_ address: String) {
        var candidates: [[String]] = []
        if let browser = ProcessInfo.processInfo.environment["BROWSER"], !browser.isEmpty { candidates.append(["/bin/sh", "-c", browser + " \"$0\"", address]) }
        #if os(macOS)
        candidates.append(["/usr/bin/open", address])
        #else
        candidates.append(["/usr/bin/xdg-open", address])
        #endif
        for command in candidates where FileManager.default.isExecutableFile(atPath: command[0]) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: command[0])
            process.arguments = Array(command.dropFirst())
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            if (try? process.run()) != nil { return }
        }
        Terminal.err("Откройте в браузере: \(address)\n")
    }
}

/// Set once, by whichever comes first: Ctrl+C or the server failing.
final class StopFlag: Sendable {
    private let done = Mutex(false)

    /// True for the first caller only.
    func set() -> Bool {
        done.withLock { done in
            defer { done = true }
            return !done
        }
    }
}

/// One rebuild after a change: reports to the terminal and to the open tabs.
final class ServeSession: Sendable {
    let site: LiveSite
    let events: EventHub
    let contentPath: String
    /// The warnings and notes the last rebuild reported: after an edit only new ones are
    /// printed in full (a large site repeats hundreds of the same on every save).
    private let reported = Mutex<Set<Diagnostic>>([])

    init(site: LiveSite, events: EventHub, contentPath: String) {
        self.site = site
        self.events = events
        self.contentPath = contentPath
    }

    /// - Parameter paths: the changed files, or nil for the first build.
    func rebuild(paths: [String]?) throws {
        let themeChanged = paths?.contains { !$0.hasPrefix(contentPath + "/") && $0 != contentPath } ?? true
        let result: LiveSite.Rebuild
        do {
            // Files in hidden folders or with hidden names (an editor's swap file) are never
            // read: they do not count as changes of the content.
            // Anything else (no file named, a path not seen under the folder) loads it whole.
            let changed = themeChanged ? nil : paths.flatMap { paths -> [String]? in
                guard !paths.contains(contentPath) else { return nil }
                let relative = paths.compactMap { path -> String? in
                    let relative = String(path.dropFirst(contentPath.count + 1))
                    return relative.split(separator: "/").contains { $0.hasPrefix(".") } ? nil : relative
                }
                return relative.isEmpty ? nil : relative
            }
            result = try site.rebuild(themeChanged: themeChanged, changed: changed)
        } catch let failure as BuildFailure where paths != nil {
            // A template being edited: say so in the terminal and over the page, keep serving.
            let message = Terminal.describe(failure)
            Terminal.err(message + "\nСайт не обновлён: исправьте шаблон.\n")
            events.problems(Self.overlay([(file: message, line: 0, column: 0, message: "", hint: nil, rule: "")]))
            return
        }
        // The tabs reload first: reading and printing the messages can take longer than the rebuild.
        if result.succeeded { events.reload() }
        let notes = Set(result.diagnostics.filter { $0.severity != .error })
        let before = reported.withLock { before in
            defer { before = notes }
            return before
        }
        // Errors are printed every time; warnings and notes when they are new.
        let shown = paths == nil ? result.diagnostics : result.diagnostics.filter { $0.severity == .error || !before.contains($0) }
        let repeated = result.diagnostics.count - shown.count
        var report = DiagnosticReport.text(shown, sources: result.sources(for: shown), color: Terminal.color)
        if repeated > 0 {
            report += (report.isEmpty ? "" : "\n") + "Ещё \(repeated) \(DiagnosticReport.plural(repeated, "сообщение", "сообщения", "сообщений")) — "
                + "\(DiagnosticReport.plural(repeated, "такое же", "такие же", "такие же")), как при прошлой сборке (все сразу покажет nastavnik check)."
        }
        if let paths {
            let shown = paths.prefix(3).map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
            Terminal.err("Изменено: \(shown)\(paths.count > 3 ? " и ещё \(paths.count - 3)" : "")\n")
        }
        if !report.isEmpty { Terminal.err(report + "\n") }
        let ms = Int((result.seconds * 1000).rounded())
        if result.succeeded {
            Terminal.err("Готово за \(ms) мс: пересобрано \(result.rendered) из \(result.pages) "
                         + "\(DiagnosticReport.plural(result.pages, "страницы", "страниц", "страниц")), "
                         + "предупреждений: \(result.diagnostics.filter { $0.severity == .warning }.count).\n")
        } else {
            Terminal.err(DiagnosticReport.summary(result.diagnostics) + "\nСайт не обновлён: исправьте ошибки, страница в браузере покажет их.\n")
            events.problems(Self.overlayJSON(result.diagnostics))
        }
    }

    /// What the browser's overlay shows: the errors, located.
    static func overlayJSON(_ diagnostics: [Diagnostic]) -> Data {
        overlay(diagnostics.sortedForReport().filter { $0.severity == .error }.map {
            (file: $0.location.file, line: $0.location.line, column: max(1, $0.location.column), message: $0.message, hint: $0.hint, rule: $0.rule)
        })
    }

    /// `{"errors":[…],"ok":false}`; a line of 0 means the whole file.
    static func overlay(_ errors: [(file: String, line: Int, column: Int, message: String, hint: String?, rule: String)]) -> Data {
        Data(JSONWriter.write { json in
            json.object { json in
                json.key("errors")
                json.array { json in
                    for e in errors {
                        json.object { json in
                            json.field("column", e.line > 0 ? e.column : nil)
                            json.field("file", e.file)
                            json.field("hint", e.hint)
                            json.field("line", e.line > 0 ? e.line : nil)
                            json.field("message", e.message)
                            json.field("rule", e.rule)
                        }
                    }
                }
                json.field("ok", false)
            }
        }.utf8)
    }
}
