import Domain
import Foundation
import Yams
// libyaml itself (bundled with Yams): its nesting limit is process-wide.
@preconcurrency import CYaml

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
    /// Values one file may expand to, counting every copy an alias (`*name`) makes: a
    /// «billion laughs» file of a few lines would otherwise expand to gigabytes.
    public static let maxValues = 200_000
    /// Content never nests deeper than a few levels; deep nesting would exhaust a thread's stack.
    public static let maxDepth = 64

    /// Set once: libyaml stops at this depth before Yams' recursive composer could exhaust
    /// the small stack of a worker thread.
    private static let nestingLimit: Void = { yaml_set_max_nest_level(Int32(maxDepth)) }()

    public static func parse(_ yaml: String, file: String, firstLine: Int = 1) -> (YAMLNode?, [Diagnostic]) {
        _ = nestingLimit
        do {
            // The encoding is given: Yams' default reads the whole environment on every call
            // (a sixteenth of loading 10,000 files). No tags are resolved: the converter reads
            // every scalar as text (and `null` itself), and Yams' resolver ran its regular
            // expressions on each key only to check keys for duplicates.
            guard let node = try Yams.compose(yaml: yaml, .basic, .default, .utf8) else { return (nil, []) }
            var converter = Converter(file: file, lineOffset: firstLine - 1)
            do {
                return (try converter.convert(node, depth: 0), [])
            } catch let limit as Converter.Limit {
                return (nil, [limit.diagnostic])
            }
        } catch let error as YamlError {
            return (nil, [diagnostic(for: error, file: file, lineOffset: firstLine - 1)])
        } catch {
            return (nil, [.error("yaml.syntax", "не удаётся разобрать YAML", at: SourceRef(file: file, line: firstLine, column: 1))])
        }
    }

    /// Yams shares an aliased node between its uses; converting copies it, so the copies are counted.
    private struct Converter {
        struct Limit: Error { var diagnostic: Diagnostic }

        let file: String
        let lineOffset: Int
        var values = 0

        init(file: String, lineOffset: Int) {
            self.file = file
            self.lineOffset = lineOffset
        }

        mutating func convert(_ node: Node, depth: Int) throws -> YAMLNode {
            let mark = node.mark
            let ref = SourceRef(file: file, line: (mark?.line ?? 1) + lineOffset, column: mark?.column ?? 1)
            values += 1
            if values > YAMLParser.maxValues {
                throw Limit(diagnostic: .error("yaml.too-large", "в YAML больше \(RussianNumber.integer(YAMLParser.maxValues)) значений (с учётом повторов по ссылкам `*`)",
                                               at: ref, hint: "Так много данных в одном файле не бывает: проверьте ссылки `&метка` и `*метка` или разделите файл."))
            }
            if depth > YAMLParser.maxDepth {
                throw Limit(diagnostic: .error("yaml.too-deep", "вложенность YAML глубже \(YAMLParser.maxDepth) уровней", at: ref,
                                               hint: "Проверьте скобки `[` и `{` и отступы: в материалах сайта вложенность не больше нескольких уровней."))
            }
            switch node {
            case .scalar(let scalar):
                if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                    return YAMLNode(value: .null, ref: ref)
                }
                return YAMLNode(value: .scalar(scalar.string), ref: ref)
            case .sequence(let sequence):
                var items: [YAMLNode] = []
                for item in sequence { items.append(try convert(item, depth: depth + 1)) }
                return YAMLNode(value: .sequence(items), ref: ref)
            case .mapping(let mapping):
                var pairs: [(key: YAMLNode, value: YAMLNode)] = []
                for pair in mapping {
                    pairs.append((try convert(pair.key, depth: depth + 1), try convert(pair.value, depth: depth + 1)))
                }
                return YAMLNode(value: .mapping(pairs), ref: ref)
            case .alias:
                return YAMLNode(value: .null, ref: ref)
            }
        }
    }

    private static func diagnostic(for error: YamlError, file: String, lineOffset: Int) -> Diagnostic {
        func at(_ mark: Mark) -> SourceRef { SourceRef(file: file, line: mark.line + lineOffset, column: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return .error("yaml.syntax", "не удаётся разобрать YAML: \(explain(problem, context: context?.text))", at: at(mark),
                          hint: "Проверьте отступы (только пробелы), двоеточие с пробелом после имени поля и парные кавычки.")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error("yaml.duplicate-key", "поле `\(duplicates.joined(separator: "`, `"))` указано дважды", at: at(context.mark),
                          hint: "Оставьте одно значение.")
        case .reader(let problem, _, _, _):
            return .error("yaml.syntax", "ошибка чтения YAML: \(explain(problem, context: nil))", at: SourceRef(file: file, line: lineOffset + 1, column: 1))
        default:
            return .error("yaml.syntax", "не удаётся разобрать YAML", at: SourceRef(file: file, line: lineOffset + 1, column: 1))
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
            ("Maximum nesting level reached", "слишком глубокая вложенность — проверьте скобки `[`, `{` и отступы"),
            ("found duplicate anchor", "метка `&` объявлена дважды"),
            ("control characters are not allowed", "в файле управляющие символы — сохраните его как обычный текст"),
            ("invalid leading UTF-8 octet", "байты не в кодировке UTF-8"),
        ]
        for (english, russian) in known where problem.contains(english) || (context ?? "").contains(english) {
            return russian
        }
        return "YAML не разобран (\(problem))"
    }
}
