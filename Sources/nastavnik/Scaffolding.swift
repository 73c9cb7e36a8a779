import ArgumentParser
import Content
import Domain
import Foundation

extension Scaffold.Kind: ExpressibleByArgument {}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Создать заготовку: кейс, наставника, новость, мероприятие, программу или страницу.",
        discussion: """
        Пример: nastavnik new news "Итоги конкурса наставников"
        Файл получает имя из заголовка латиницей (новость — с датой впереди), в нём все поля \
        с подсказками. Существующий файл никогда не перезаписывается.
        """
    )

    @Argument(help: ArgumentHelp("Что создать: case (кейс), mentor (наставник), news (новость), event (мероприятие), program (программа), page (страница).",
                                 valueName: "вид"))
    var kind: Scaffold.Kind

    @Argument(help: ArgumentHelp("Заголовок (для наставника — ФИО).", valueName: "заголовок"))
    var title: String

    @OptionGroup var options: ContentOptions

    func run() throws {
        let (today, content) = options.resolved()
        guard !title.trimmingCharacters(in: .whitespaces).isEmpty else { Terminal.fail(Failure.usage("заголовок не может быть пустым")) }
        let relative = Scaffold.relativePath(kind, title: title, today: today)
        let target = content.appendingPathComponent(relative)
        let shown = options.shownContent + "/" + relative
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Creation.write(Scaffold.file(kind, title: title, today: today), to: target)
        } catch CocoaError.fileWriteFileExists {
            Terminal.fail(Failure.environment("файл \(shown) уже есть — не перезаписываю",
                                              hint: "Откройте его или выберите другой заголовок."))
        } catch {
            Terminal.fail(Failure.environment("не удалось создать \(shown): \(error.localizedDescription)", hint: nil))
        }
        Terminal.out(shown + "\n")
        Terminal.err("Создан файл (\(kind.russian)): \(shown). Заполните поля (подсказки после #) и проверьте: nastavnik check\n")
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Создать новый сайт: папку content/ с настройками и примером каждого раздела.",
        discussion: "Пример: nastavnik init shkola1 && cd shkola1 && nastavnik serve"
    )

    @Argument(help: ArgumentHelp("Папка нового сайта.", valueName: "папка"))
    var directory: String

    @Option(name: .long, help: .hidden)
    var today: String?

    func run() throws {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        let content = root.appendingPathComponent("content")
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: content.path), !entries.isEmpty {
            Terminal.fail(Failure.environment("в \(directory)/content уже есть файлы — не перезаписываю",
                                              hint: "Выберите новую папку: nastavnik init другая-папка"))
        }
        let date: DayDate
        do { date = try ContentOptions.buildDate(today) } catch { Terminal.fail(error) }
        do {
            for file in Scaffold.site(today: date) {
                let url = root.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Creation.write(file.text, to: url)
            }
            let ignore = root.appendingPathComponent(".gitignore")
            if !FileManager.default.fileExists(atPath: ignore.path) { try Creation.write("public/\nreport/\n.nastavnik-cache/\n*.zip\n", to: ignore) }
        } catch {
            Terminal.fail(Failure.environment("не удалось создать сайт в \(directory): \(error.localizedDescription)", hint: nil))
        }
        Terminal.err("""
        Сайт создан в папке \(directory).
        Дальше:
          cd \(directory)
          nastavnik serve        — открыть в браузере и править
          nastavnik build        — собрать в папку public/
        Как заполнять материалы: nastavnik help content

        """)
    }
}

enum Creation {
    /// Writes a new file; fails with `fileWriteFileExists` rather than replacing one.
    static func write(_ text: String, to url: URL) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            if errno == EEXIST { throw CocoaError(.fileWriteFileExists) }
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        try handle.write(contentsOf: Data(text.utf8))
    }
}
