import ArgumentParser
import Content
import Domain
import Foundation
import Site
import Theme

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Проверить материалы и собрать сайт.",
        discussion: "Изменившиеся файлы пишутся во временную папку и переносятся в сайт, только когда собраны все: при ошибках "
            + "прежний сайт остаётся нетронутым. Страницы, чьи материалы не менялись, не собираются заново: сборка помнит их "
            + "в папке .nastavnik-cache рядом с папкой content (её можно удалить в любой момент)."
    )

    @OptionGroup var options: ContentOptions

    @Option(name: [.short, .long], help: ArgumentHelp("Папка для готового сайта (по умолчанию public рядом с папкой content).", valueName: "папка"))
    var out: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Адрес сайта вместо base_url из site.yml.", valueName: "адрес"))
    var baseURL: String?

    @Option(name: .long, help: ArgumentHelp("Формат сообщений: text или json.", valueName: "формат"))
    var format: OutputFormat = .text

    @Option(name: .long, help: ArgumentHelp("Упаковать готовый сайт в zip-архив для загрузки на хостинг.", valueName: "файл.zip"))
    var zip: String?

    @Option(name: .long, help: ArgumentHelp("Банк практик: папка для отчёта о проверке школ (по умолчанию report рядом с папкой сайта).",
                                            valueName: "папка"))
    var report: String?

    @Flag(name: .customLong("no-cache"), help: "Собрать все страницы заново, не глядя на прошлую сборку (следующая сборка снова будет быстрой).")
    var noCache = false

    @Sendable static func showProgress(_ stage: BuildStage, _ done: Int, _ total: Int) {
        switch stage {
        case .schools: Terminal.err("\rПроверка школ: \(done) из \(total)\u{1B}[K")
        case .pages: Terminal.err("\rСборка: \(done) из \(total) страниц\u{1B}[K")
        }
    }

    func run() throws {
        let (today, contentURL) = options.resolved()
        let outputURL = out.map { URL(fileURLWithPath: $0).standardizedFileURL }
            ?? contentURL.deletingLastPathComponent().appendingPathComponent("public")
        let out = Terminal.relative(outputURL)
        if let zip {
            // The archive replaces the file it is told to write: never a folder, never a source.
            let zipURL = URL(fileURLWithPath: zip).standardizedFileURL
            let target = OutputGuard.canonical(zipURL)
            let content = OutputGuard.canonical(contentURL)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: zipURL.path, isDirectory: &isFolder), isFolder.boolValue {
                Terminal.fail(Failure.usage("«\(zip)» — папка, а архив — это файл; укажите, например, site.zip"))
            }
            if target == content || target.hasPrefix(content + "/") || target == OutputGuard.canonical(outputURL)
                || target.hasPrefix(OutputGuard.canonical(outputURL) + "/") {
                Terminal.fail(Failure.usage("архив «\(zip)» оказался бы внутри папки с материалами или с сайтом; укажите файл вне их, например site.zip"))
            }
            if !zip.lowercased().hasSuffix(".zip"), FileManager.default.fileExists(atPath: zipURL.path) {
                Terminal.fail(Failure.usage("«\(zip)» — существующий файл не в формате .zip; не перезаписываю"))
            }
        }
        if Terminal.verbose {
            Terminal.err("Материалы: \(Terminal.relative(contentURL)); сайт: \(out); \(Theme.describeDefault(siteRoot: contentURL.deletingLastPathComponent()))\n")
        }
        if let baseURL, URL(string: baseURL)?.host == nil {
            Terminal.fail(Failure.usage("«\(baseURL)» — не адрес сайта; пример: https://school.ru/nastavnichestvo/"))
        }
        var build = BuildOptions(content: contentURL, shownContent: options.shownContent,
                                 output: outputURL, baseURL: baseURL,
                                 drafts: options.drafts, today: today,
                                 report: report.map { URL(fileURLWithPath: $0).standardizedFileURL })
        build.cache = !noCache
        let showProgress = Terminal.isTTY && format == .text && !Terminal.quiet
        let result: BuildResult
        let progress: (@Sendable (BuildStage, Int, Int) -> Void)? = showProgress ? Build.showProgress : nil
        do {
            result = try SiteBuilder.build(build, write: true, progress: progress)
        } catch { Terminal.fail(error) }
        if showProgress { Terminal.err("\r\u{1B}[K") }
        DiagnosticsOutput.print(result, format: format)
        if let bank = result.bank, format == .text, !Terminal.quiet { BankSummary.print(bank, folder: result.reportFolder) }
        let warnings = result.diagnostics.filter { $0.severity == .warning }.count
        switch result.outcome {
        case .built, .checked:
            if format == .text {
                Terminal.note("Готово: \(result.pages) \(DiagnosticReport.plural(result.pages, "страница", "страницы", "страниц")) за \(Terminal.seconds(result.seconds)), "
                             + "предупреждений: \(warnings). Сайт в папке \(out).\n")
                if result.rendered == 0 && result.written == 0 {
                    Terminal.note("Материалы не менялись с прошлой сборки: страницы не собирались заново, файлы сайта не переписывались.\n")
                } else if result.rendered < result.pages {
                    Terminal.note("Собрано заново: \(result.rendered) \(DiagnosticReport.plural(result.rendered, "страница", "страницы", "страниц")) "
                                 + "из \(result.pages), записано файлов: \(result.written); остальное не менялось.\n")
                }
            }
            if let zip {
                do {
                    let files = try SiteArchive.write(site: build.output, to: URL(fileURLWithPath: zip), basePath: result.basePath)
                    if format == .text {
                        let inside = (result.basePath ?? "/") == "/" ? "" : " (внутри папка \(result.basePath!.split(separator: "/").joined(separator: "/"))/)"
                        Terminal.note("Архив \(zip): \(files) \(DiagnosticReport.plural(files, "файл", "файла", "файлов"))\(inside). "
                                     + "Распакуйте его в корень сайта на хостинге.\n")
                    }
                } catch {
                    Terminal.fail(Failure.environment("не удалось записать архив \(zip): \(error.localizedDescription)", hint: nil))
                }
            }
        case .contentErrors:
            if format == .text {
                Terminal.err(DiagnosticReport.summary(result.diagnostics) + "\n")
                Terminal.err("Сайт не собран: исправьте ошибки. Прежняя версия в папке \(out) не изменена.\n")
            }
            throw ExitCode(1)
        }
    }
}

/// What a regional centre sees after building its bank: which schools made it, which did not and why.
enum BankSummary {
    static func print(_ bank: BankReport, folder: URL?) {
        let excluded = bank.excluded
        var text = "Банк практик: \(bank.schools.count) \(DiagnosticReport.plural(bank.schools.count, "организация", "организации", "организаций")), "
            + "собрано \(bank.schools.count - excluded.count), исключено \(excluded.count).\n"
        for school in excluded {
            let name = school.organization == school.id ? "" : "\(school.organization), "
            text += "  исключена: \(name)\(school.folder) — \(school.errors) \(DiagnosticReport.plural(school.errors, "ошибка", "ошибки", "ошибок"))\n"
            for d in school.diagnostics.filter({ $0.severity == .error }).prefix(3) {
                text += "    \(d.location.file):\(d.location.line):\(d.location.column): \(d.message) [\(d.rule)]\n"
            }
            if school.errors > 3 { text += "    … и ещё \(school.errors - 3) — в отчёте\n" }
        }
        let warned = bank.schools.filter { $0.built && $0.warnings > 0 }
        if !warned.isEmpty {
            text += "  с предупреждениями: \(warned.count) (\(warned.prefix(3).map(\.folder).joined(separator: ", "))\(warned.count > 3 ? ", …" : ""))\n"
        }
        if let folder {
            text += "Отчёт для школ: \(folder.appendingPathComponent("index.html").path) и report.json\n"
        }
        Terminal.err(text)
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Проверить материалы, ничего не записывая."
    )

    @OptionGroup var options: ContentOptions

    @Option(name: .long, help: ArgumentHelp("Формат сообщений: text или json.", valueName: "формат"))
    var format: OutputFormat = .text

    func run() throws {
        let (today, contentURL) = options.resolved()
        let build = BuildOptions(content: contentURL, shownContent: options.shownContent, output: URL(fileURLWithPath: "/nonexistent"),
                                 drafts: options.drafts, today: today)
        let result: BuildResult
        do { result = try SiteBuilder.build(build, write: false) } catch { Terminal.fail(error) }
        DiagnosticsOutput.print(result, format: format)
        if let bank = result.bank, format == .text, !Terminal.quiet { BankSummary.print(bank, folder: nil) }
        if format == .text { Terminal.note(DiagnosticReport.summary(result.diagnostics) + "\n") }
        if result.diagnostics.hasErrors { throw ExitCode(1) }
    }
}
