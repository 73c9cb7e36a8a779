import Domain
import Foundation

/// Reads the fields of one YAML mapping into typed values, reporting every problem:
/// a missing required field, a wrong type, a value outside its vocabulary, and (at
/// `finish`) keys nobody asked for, with the nearest expected key as a suggestion.
struct FieldReader {
    let node: YAMLNode
    let sink: DiagnosticSink
    /// Where a missing field is reported when the mapping has no position of its own.
    let ref: SourceRef
    private let entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)]
    private var asked: Set<String> = []

    /// nil (with an error) when `node` is not a mapping.
    init?(_ node: YAMLNode, sink: DiagnosticSink, what: String) {
        self.node = node
        self.sink = sink
        self.ref = node.ref
        guard case .mapping(let pairs) = node.value else {
            sink.error("field.type", "\(what) должен быть набором полей «имя: значение», а не \(node.shapeDescription)",
                       at: node.ref)
            return nil
        }
        entries = pairs.map { (key: $0.key.scalar ?? "", keyNode: $0.key, value: $0.value) }
    }

    init(copying other: FieldReader, ref: SourceRef) {
        self.node = other.node
        self.sink = other.sink
        self.ref = ref
        self.entries = other.entries
        self.asked = other.asked
    }

    /// The value node; nil if absent or explicitly empty.
    mutating func node(_ key: String) -> YAMLNode? {
        asked.insert(key)
        guard let entry = entries.first(where: { $0.key == key }), !entry.value.isNull else { return nil }
        return entry.value
    }

    func has(_ key: String) -> Bool { entries.contains { $0.key == key && !$0.value.isNull } }

    private func missing(_ key: String, _ description: String?) {
        let what = description.map { " (\($0))" } ?? ""
        sink.error("field.required", "нет обязательного поля `\(key)`\(what)", at: ref,
                   hint: "Добавьте строку `\(key): …`.")
    }

    // MARK: scalars

    mutating func string(_ key: String, required: Bool = false, describe: String? = nil) -> String? {
        guard let value = node(key) else {
            if required { missing(key, describe) }
            return nil
        }
        guard let s = value.scalar else {
            sink.error("field.type", "поле `\(key)` должно быть строкой, а не \(value.shapeDescription)", at: value.ref)
            return nil
        }
        let trimmed = s.trimmingSpaces
        if trimmed.isEmpty {
            if required { missing(key, describe) }
            return nil
        }
        return trimmed
    }

    mutating func int(_ key: String, required: Bool = false, range: ClosedRange<Int>? = nil, describe: String? = nil) -> Int? {
        guard let value = node(key) else {
            if required { missing(key, describe) }
            return nil
        }
        guard let s = value.scalar, let n = Int(s.trimmingSpaces) else {
            sink.error("field.type", "поле `\(key)` должно быть целым числом, а не \(value.shapeDescription)", at: value.ref,
                       hint: "Напишите число цифрами, например `\(key): 2`.")
            return nil
        }
        if let range, !range.contains(n) {
            sink.error("value.range", "значение \(n) поля `\(key)` вне допустимых пределов \(range.lowerBound)–\(range.upperBound)",
                       at: value.ref)
            return nil
        }
        return n
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let value = node(key) else { return nil }
        switch value.scalar?.lowercased() {
        case "true", "yes", "да", "on": return true
        case "false", "no", "нет", "off": return false
        default:
            sink.error("field.type", "поле `\(key)` должно быть `true` или `false`, а не \(value.shapeDescription)", at: value.ref)
            return nil
        }
    }

    mutating func date(_ key: String, required: Bool = false, describe: String? = nil) -> DayDate? {
        guard let value = node(key) else {
            if required { missing(key, describe) }
            return nil
        }
        return FieldReader.date(value, key: key, sink: sink)
    }

    /// A date of written consent: one in the future is no consent yet (13.5), so the name
    /// is not published and the editor is told.
    mutating func consent(_ key: String) -> DayDate? {
        guard let value = node(key), let date = FieldReader.date(value, key: key, sink: sink) else { return nil }
        if let today = sink.today, date > today {
            sink.error("privacy.consent-future", "дата согласия `\(key)` (\(date.russian)) ещё не наступила: согласия пока нет", at: value.ref,
                       hint: "Укажите дату, когда письменное согласие уже получено; до этого имя не публикуется.")
            return nil
        }
        return date
    }

    static func date(_ value: YAMLNode, key: String, sink: DiagnosticSink) -> DayDate? {
        guard let s = value.scalar else {
            sink.error("field.type", "поле `\(key)` должно быть датой, а не \(value.shapeDescription)", at: value.ref,
                       hint: "Пишите дату как 2024-09-01 или 01.09.2024.")
            return nil
        }
        guard let date = DayDate(parsing: s) else {
            sink.error("date.invalid", "«\(s)» в поле `\(key)` — не дата", at: value.ref,
                       hint: "Пишите дату как 2024-09-01 или 01.09.2024 и проверьте, что такой день есть в календаре.")
            return nil
        }
        return date
    }

    /// A value from a closed vocabulary: unknown values are errors with the nearest allowed one.
    mutating func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, required: Bool = false,
                                                             describe: String? = nil) -> E? where E.RawValue == String {
        guard let value = node(key) else {
            if required { missing(key, describe) }
            return nil
        }
        return FieldReader.choice(value, key: key, type, sink: sink)
    }

    static func choice<E: RawRepresentable & CaseIterable>(_ value: YAMLNode, key: String, _ type: E.Type,
                                                           sink: DiagnosticSink) -> E? where E.RawValue == String {
        guard let s = value.scalar?.trimmingSpaces else {
            sink.error("field.type", "поле `\(key)` должно быть строкой, а не \(value.shapeDescription)", at: value.ref)
            return nil
        }
        if let e = E(rawValue: s) ?? E.allCases.first(where: { $0.rawValue.lowercased() == s.lowercased() }) { return e }
        let allowed = E.allCases.map(\.rawValue)
        let guess = Suggestion.nearest(to: s, in: allowed).map { "; возможно, `\($0)`?" } ?? ""
        sink.error("value.unknown", "недопустимое значение `\(s)` поля `\(key)`\(guess)", at: value.ref,
                   hint: "Допустимые значения: " + allowed.map { "`\($0)`" }.joined(separator: ", ") + ".")
        return nil
    }

    // MARK: collections

    /// A list of strings; a single string is accepted as a list of one.
    mutating func strings(_ key: String) -> [String] {
        guard let value = node(key) else { return [] }
        switch value.value {
        case .scalar(let s): return s.trimmingSpaces.isEmpty ? [] : [s.trimmingSpaces]
        case .sequence(let items):
            var out: [String] = []
            for item in items {
                if let s = item.scalar?.trimmingSpaces {
                    if !s.isEmpty { out.append(s) }
                } else if !item.isNull {
                    sink.error("field.type", "элемент списка `\(key)` должен быть строкой, а не \(item.shapeDescription)",
                               at: item.ref)
                }
            }
            return out
        default:
            sink.error("field.type", "поле `\(key)` должно быть списком строк, а не \(value.shapeDescription)", at: value.ref,
                       hint: "Пишите `\(key): [\"первое\", \"второе\"]` или каждый элемент с новой строки после «- ».")
            return []
        }
    }

    mutating func mapping(_ key: String, what: String) -> FieldReader? {
        guard let value = node(key) else { return nil }
        return FieldReader(value, sink: sink, what: "поле `\(key)`")
    }

    mutating func sequence(_ key: String) -> [YAMLNode]? {
        guard let value = node(key) else { return nil }
        guard case .sequence(let items) = value.value else {
            sink.error("field.type", "поле `\(key)` должно быть списком (элементы с новой строки после «- »), а не \(value.shapeDescription)",
                       at: value.ref)
            return nil
        }
        return items
    }

    /// A date range written as `{ from: …, to: … }`.
    mutating func period(_ key: String) -> DateRange? {
        guard var fields = mapping(key, what: key) else { return nil }
        let from = fields.date("from", required: true)
        let to = fields.date("to", required: true)
        fields.finish(allowed: ["from", "to"])
        guard let from, let to else { return nil }
        if to < from {
            sink.error("period.reversed", "период `\(key)` кончается (\(to.russian)) раньше, чем начинается (\(from.russian))",
                       at: fields.ref)
            return nil
        }
        return DateRange(from: from, to: to)
    }

    /// An approval written as `{ type: приказ, number: "45", date: 2020-09-10 }`.
    mutating func approval(_ key: String) -> Approval? {
        guard var fields = mapping(key, what: key) else { return nil }
        let type = fields.choice("type", DocumentType.self, required: true)
        let number = fields.string("number", required: true)
        let date = fields.date("date", required: true)
        fields.finish(allowed: ["type", "number", "date"])
        guard let type, let number, let date else { return nil }
        return Approval(type: type, number: number, date: date)
    }

    // MARK: unknown keys

    /// Warns about every key that was not read, naming the expected keys and the nearest one.
    func finish(allowed: [String]) {
        let known = Set(allowed).union(asked)
        for entry in entries where !known.contains(entry.key) {
            let guess = Suggestion.nearest(to: entry.key, in: allowed).map { "; возможно, `\($0)`?" } ?? ""
            sink.warning("field.unknown", "неизвестное поле `\(entry.key)`\(guess)", at: entry.keyNode.ref,
                         hint: "Ожидаемые поля: " + allowed.map { "`\($0)`" }.joined(separator: ", ") + ".")
        }
    }
}

extension FieldReader {
    /// The same reader, reporting missing fields at `ref` instead of the mapping's own position.
    func reportingMissing(at ref: SourceRef) -> FieldReader {
        FieldReader(copying: self, ref: ref)
    }
}
