import ArgumentParser
import Foundation

@main
struct Nastavnik: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nastavnik",
        abstract: "Генератор сайта «Наставничество» для школ, колледжей и региональных центров.",
        discussion: """
        Читает папку content/ (Markdown и YAML), проверяет её по целевой модели наставничества \
        и собирает статический сайт в папку public/.
        Примеры:
          nastavnik build                 собрать сайт из ./content в ./public
          nastavnik check                 только проверить материалы
          nastavnik serve                 сайт в браузере с обновлением на лету
          nastavnik help content          как заполнять материалы (также rules — правила проверки, themes — темы)
        """,
        version: "nastavnik \(Version.current)",
        subcommands: [Build.self, Check.self, Serve.self, New.self, Init.self, ThemeCommand.self, VersionCommand.self]
    )

    /// Exit codes: 0 built, 1 content errors, 2 usage or environment.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.count == 2, arguments[0] == "help", let text = BuiltInDocs.text(arguments[1]) {
            print(text)
            Foundation.exit(0)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(RussianHelp.help(fullMessage(for: error)))
                Foundation.exit(0)
            }
            // Point at the help of the subcommand that was called, when there is one.
            let names = configuration.subcommands.map { $0._commandName }
            let command = CommandLine.arguments.dropFirst().first.flatMap { names.contains($0) ? "nastavnik \($0)" : nil } ?? "nastavnik"
            let text = RussianHelp.error(message(for: error))
            FileHandle.standardError.write(Data("ошибка: неверный вызов: \(text)\nСправка: \(command) --help\n".utf8))
            Foundation.exit(2)
        }
    }
}
