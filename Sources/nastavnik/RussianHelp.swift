import Foundation

/// swift-argument-parser writes its own headings and usage errors in English; everything a
/// user reads must be Russian, so its text is translated on the way out.
enum RussianHelp {
    private static let phrases: [(String, String)] = [
        ("OVERVIEW: ", ""),
        ("USAGE: ", "ВЫЗОВ: "),
        ("ARGUMENTS:", "АРГУМЕНТЫ:"),
        ("OPTIONS:", "ПАРАМЕТРЫ:"),
        ("SUBCOMMANDS:", "КОМАНДЫ:"),
        ("Show help information.", "Показать эту справку."),
        ("Show the version.", "Показать версию программы."),
        ("See 'nastavnik help <subcommand>' for detailed help.", "Подробнее о команде: nastavnik help <команда>"),
        ("<subcommand>", "<команда>"),
        ("(default: ", "(по умолчанию: "),
        ("(values: ", "(значения: "),
        // Wrapped right after the colon.
        ("(default:", "(по умолчанию:"),
        ("(values:", "(значения:"),
        // The same, where the help text wrapped right after the parenthesis.
        ("default: ", "по умолчанию: "),
        ("values: ", "значения: "),
    ]

    static func help(_ text: String) -> String {
        phrases.reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    private static let errors: [(String, String)] = [
        (#"^The value '(.*)' is invalid for '(.*)'\. Please provide one of (.*)\.$"#, "значение «$1» не подходит для $2; можно: $3"),
        (#"^The value '(.*)' is invalid for '([^']*)'.*$"#, "значение «$1» не подходит для $2"),
        (#"^Unknown option '(.*)'\. Did you mean '(.*)'\?$"#, "неизвестный параметр $1; возможно, $2?"),
        (#"^Unknown option '(.*)'$"#, "неизвестный параметр $1"),
        (#"^Missing expected argument '(.*)'$"#, "не хватает аргумента $1"),
        (#"^Missing value for '(.*)'$"#, "не указано значение для $1"),
        (#"^Unexpected arguments? (.*)$"#, "лишние слова в вызове: $1"),
    ]

    /// One usage error, translated when its form is known (the English text otherwise).
    static func error(_ text: String) -> String {
        let line = text.trimmingCharacters(in: .whitespacesAndNewlines)
        for (pattern, template) in errors {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            let range = NSRange(line.startIndex..., in: line)
            if regex.firstMatch(in: line, range: range) != nil {
                return regex.stringByReplacingMatches(in: line, range: range, withTemplate: template)
                    .replacingOccurrences(of: "' or '", with: "' или '")
            }
        }
        return line
    }
}
