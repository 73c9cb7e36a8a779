import ArgumentParser
import Content
import Foundation
import Theme

struct ThemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theme",
        abstract: "Работа с темой оформления.",
        subcommands: [Export.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Выгрузить встроенную тему default в папку — как основу своей темы.",
            discussion: """
            Пример: nastavnik theme export themes/school — затем в site.yml: theme: school. \
            Оставьте в папке только изменённые файлы: остальные возьмутся из встроенной темы. \
            Шаблоны и их переменные описаны в docs/themes.md (nastavnik help themes).
            """
        )

        @Argument(help: ArgumentHelp("Папка, куда записать тему.", valueName: "папка"))
        var directory: String

        func run() throws {
            let folder = URL(fileURLWithPath: directory).standardizedFileURL
            do {
                let count = try EmbeddedTheme.export(to: folder)
                FileHandle.standardError.write(Data("Тема default выгружена в \(directory): \(count) \(DiagnosticReport.plural(count, "файл", "файла", "файлов")) (templates/, assets/).\n".utf8))
            } catch CocoaError.fileWriteFileExists {
                Terminal.fail(Failure.environment("в папке \(directory) уже есть файлы темы — не перезаписываю",
                                                  hint: "Укажите новую папку."))
            } catch {
                Terminal.fail(Failure.environment("не удалось записать тему в \(directory): \(error.localizedDescription)", hint: nil))
            }
        }
    }
}
