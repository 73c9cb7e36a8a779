import Domain
import Foundation

enum DocumentsLoader {
    static let keys = ["title", "level", "type", "issuer", "issuer_genitive", "number", "date", "approved", "file", "url"]

    static func load(_ file: SourceFile, sink: DiagnosticSink, files: ContentFiles) -> [NormativeDocument] {
        guard let items = YAMLList.items(file, sink: sink, what: "documents.yml", key: "documents") else { return [] }
        var documents: [NormativeDocument] = []
        for item in items {
            guard var f = FieldReader(item, sink: sink, what: "документ") else { continue }
            let title = f.string("title")
            let level = f.choice("level", DocumentLevel.self, required: true, describe: "уровень: federal, regional, municipal или school")
            let type = f.choice("type", DocumentType.self, required: true, describe: "вид: приказ, распоряжение, положение…")
            // An act approved by another (a положение by a приказ) has no number or date of its own.
            let approved = f.approval("approved")
            let number = f.string("number", required: approved == nil, describe: "номер документа или `approved` — каким актом утверждён")
            let date = f.date("date", required: approved == nil, describe: "дата документа или `approved` — каким актом утверждён")
            let issuer = f.string("issuer")
            let issuerGenitive = f.string("issuer_genitive")
            if title == nil, approved == nil {
                sink.info("document.no-title", "у документа нет названия (`title`): в списке будет только вид, номер и дата", at: item.ref,
                          hint: "Добавьте название, если оно есть в документе: `title: \"Об утверждении …\"`.")
            }
            var source: DocumentSource?
            if let node = f.node("file") {
                if let raw = node.scalar?.trimmingSpaces,
                   let path = PersonFields.checkedFile(raw, key: "file", at: node.ref, sink: sink, files: files) {
                    let ext = (path as NSString).pathExtension.lowercased()
                    if let format = DocumentFileFormat(rawValue: ext) {
                        source = .file(path: path, format: format, size: files.sizes[path] ?? 0)
                    } else {
                        sink.error("document.file-type", "файл `\(raw)` в формате «\(ext.isEmpty ? "без расширения" : ext)», а документы публикуются в PDF, DOCX, DOC, ODT или XLSX",
                                   at: node.ref, hint: "Сохраните документ как PDF.")
                    }
                }
            }
            if let url = f.string("url") {
                if source != nil {
                    sink.warning("document.file-and-url", "у документа указаны и `file`, и `url`; на странице будет ссылка на файл", at: item.ref)
                } else if URL(string: url)?.scheme.map({ ["http", "https"].contains($0) }) == true {
                    source = .url(url)
                } else {
                    sink.error("url.invalid", "«\(url)» в поле `url` не похоже на адрес в интернете", at: item.ref,
                               hint: "Адрес начинается с https://.")
                }
            }
            if source == nil, !f.has("file"), !f.has("url") {
                sink.warning("document.no-file", "у документа «\(title ?? type?.title ?? "без названия")» нет ни файла (`file`), ни ссылки (`url`)", at: item.ref,
                             hint: "Посетитель должен иметь возможность открыть документ: добавьте `file: files/….pdf`.")
            }
            f.finish(allowed: keys)
            if let level, let type, (number != nil && date != nil) || approved != nil {
                documents.append(NormativeDocument(title: title ?? "", level: level, type: type, issuer: issuer,
                                                   issuerGenitive: issuerGenitive, number: number, date: date, approved: approved,
                                                   source: source, origin: item.ref))
            }
        }
        return documents
    }
}

/// YAML files that hold a list: either a top-level list or a mapping with the list under `key`.
enum YAMLList {
    static func items(_ file: SourceFile, sink: DiagnosticSink, what: String, key: String) -> [YAMLNode]? {
        let (node, diagnostics) = YAMLParser.parse(file.text, file: file.path)
        sink.add(contentsOf: diagnostics)
        guard !diagnostics.hasErrors, let node else { return nil }
        switch node.value {
        case .sequence(let items): return items
        case .mapping:
            guard var f = FieldReader(node, sink: sink, what: what) else { return nil }
            let items = f.sequence(key)
            f.finish(allowed: [key])
            return items ?? []
        default:
            sink.error("field.type", "\(what) должен быть списком (каждый элемент начинается с «- »)", at: node.ref)
            return nil
        }
    }
}
