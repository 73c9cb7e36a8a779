import Domain
import Foundation

enum DocumentsLoader {
    static let keys = ["title", "level", "type", "issuer", "number", "date", "file", "url"]

    static func load(_ file: SourceFile, sink: DiagnosticSink, files: ContentFiles) -> [NormativeDocument] {
        guard let items = YAMLList.items(file, sink: sink, what: "documents.yml", key: "documents") else { return [] }
        var documents: [NormativeDocument] = []
        for item in items {
            guard var f = FieldReader(item, sink: sink, what: "документ") else { continue }
            let title = f.string("title", required: true, describe: "название документа")
            let level = f.choice("level", DocumentLevel.self, required: true, describe: "уровень: federal, regional, municipal или school")
            let type = f.choice("type", DocumentType.self, required: true, describe: "вид: приказ, распоряжение, положение…")
            let number = f.string("number", required: true, describe: "номер документа")
            let date = f.date("date", required: true, describe: "дата документа")
            let issuer = f.string("issuer")
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
                sink.warning("document.no-file", "у документа «\(title ?? "без названия")» нет ни файла (`file`), ни ссылки (`url`)", at: item.ref,
                             hint: "Посетитель должен иметь возможность открыть документ: добавьте `file: files/….pdf`.")
            }
            f.finish(allowed: keys)
            if let title, let level, let type, let number, let date {
                documents.append(NormativeDocument(title: title, level: level, type: type, issuer: issuer, number: number,
                                                   date: date, source: source, origin: item.ref))
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
