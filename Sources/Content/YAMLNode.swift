import Domain
import Foundation
import Yams

/// A YAML value with its position in the content file. Yams' own nodes are converted at
/// once: these are plain Sendable values, and every position is already file-relative.
public struct YAMLNode: Sendable {
    public indirect enum Value: Sendable {
        case null
        case scalar(String)
        case sequence([YAMLNode])
        case mapping([(key: YAMLNode, value: YAMLNode)])
    }

    public var value: Value
    public var ref: SourceRef

    public var scalar: String? {
        if case .scalar(let s) = value { return s }
        return nil
    }

    public var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// A short Russian description of the value's shape, for type errors.
    var shapeDescription: String {
        switch value {
        case .null: return "пустое значение"
        case .scalar(let s): return "«\(s)»"
        case .sequence: return "список"
        case .mapping: return "набор полей"
        }
    }
}

public enum YAMLParser {
    /// Parses one YAML document. `firstLine` is the file line on which the YAML starts
    /// (2 for front matter after `---`), so that every position points into the file.
    public static func parse(_ yaml: String, file: String, firstLine: Int = 1) -> (YAMLNode?, [Diagnostic]) {
        do {
            guard let node = try Yams.compose(yaml: yaml) else { return (nil, []) }
            return (convert(node, file: file, lineOffset: firstLine - 1), [])
        } catch let error as YamlError {
            return (nil, [diagnostic(for: error, file: file, lineOffset: firstLine - 1)])
        } catch {
            return (nil, [.error("yaml.syntax", "ошибка синтаксиса YAML", at: SourceRef(file: file, line: firstLine, column: 1))])
        }
    }

    private static func convert(_ node: Node, file: String, lineOffset: Int) -> YAMLNode {
        let mark = node.mark
        let ref = SourceRef(file: file, line: (mark?.line ?? 1) + lineOffset, column: mark?.column ?? 1)
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                return YAMLNode(value: .null, ref: ref)
            }
            return YAMLNode(value: .scalar(scalar.string), ref: ref)
        case .sequence(let sequence):
            return YAMLNode(value: .sequence(sequence.map { convert($0, file: file, lineOffset: lineOffset) }), ref: ref)
        case .mapping(let mapping):
            return YAMLNode(value: .mapping(mapping.map {
                (convert($0.key, file: file, lineOffset: lineOffset), convert($0.value, file: file, lineOffset: lineOffset))
            }), ref: ref)
        case .alias:
            return YAMLNode(value: .null, ref: ref)
        }
    }

    private static func diagnostic(for error: YamlError, file: String, lineOffset: Int) -> Diagnostic {
        func at(_ mark: Mark) -> SourceRef { SourceRef(file: file, line: mark.line + lineOffset, column: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return .error("yaml.syntax", "ошибка синтаксиса YAML: \(explain(problem, context: context?.text))", at: at(mark),
                          hint: "Проверьте отступы (только пробелы), двоеточие с пробелом после имени поля и парные кавычки.")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error("yaml.duplicate-key", "поле `\(duplicates.joined(separator: "`, `"))` указано дважды", at: at(context.mark),
                          hint: "Оставьте одно значение.")
        case .reader(let problem, _, _, _):
            return .error("yaml.syntax", "ошибка чтения YAML: \(problem)", at: SourceRef(file: file, line: lineOffset + 1, column: 1))
        default:
            return .error("yaml.syntax", "ошибка синтаксиса YAML", at: SourceRef(file: file, line: lineOffset + 1, column: 1))
        }
    }

    /// libyaml's English problems, said in Russian; the original is kept in brackets.
    private static func explain(_ problem: String, context: String?) -> String {
        let known: [(String, String)] = [
            ("mapping values are not allowed", "двоеточие в значении — возьмите значение в кавычки"),
            ("could not find expected ':'", "не найдено двоеточие после имени поля"),
            ("did not find expected key", "не найдено ожидаемое поле — проверьте отступы"),
            ("found character that cannot start any token", "символ, с которого не может начинаться значение (например, табуляция или `@`)"),
            ("did not find expected '-' indicator", "не найден дефис элемента списка — проверьте отступы"),
            ("found unexpected end of stream", "файл закончился раньше, чем закрылись кавычки или скобки"),
            ("found undefined alias", "ссылка `*` на неизвестную метку"),
            ("did not find expected node content", "не найдено значение"),
            ("found a tab character", "табуляция в отступе — используйте пробелы"),
            ("block sequence entries are not allowed", "элемент списка в неположенном месте — проверьте отступы"),
            ("did not find expected ',' or ']'", "не закрыта квадратная скобка `]`"),
            ("did not find expected ',' or '}'", "не закрыта фигурная скобка `}`"),
            ("found unknown escape character", "неизвестная escape-последовательность после `\\` в кавычках"),
        ]
        for (english, russian) in known where problem.contains(english) || (context ?? "").contains(english) {
            return russian
        }
        return problem
    }
}
