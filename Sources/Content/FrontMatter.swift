import Domain
import Markdown

/// A Markdown file split into its YAML front matter (between `---` lines) and body.
struct FrontMatter {
    var yaml: String?
    /// File line of the first YAML line.
    var yamlFirstLine: Int
    var body: MarkdownBody

    /// nil plus an error when the front matter is opened but never closed.
    static func split(_ file: SourceFile, sink: DiagnosticSink) -> FrontMatter? {
        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingSpaces == "---" else {
            return FrontMatter(yaml: nil, yamlFirstLine: 1, body: MarkdownBody(text: file.text, firstLine: 1))
        }
        for i in 1..<lines.count where lines[i].trimmingSpaces == "---" || lines[i].trimmingSpaces == "..." {
            let yaml = lines[1..<i].joined(separator: "\n")
            let body = lines[(i + 1)...].joined(separator: "\n")
            return FrontMatter(yaml: yaml, yamlFirstLine: 2, body: MarkdownBody(text: body, firstLine: i + 2))
        }
        sink.error("frontmatter.unclosed", "блок полей начат строкой `---`, но не закрыт", at: SourceRef(file: file.path, line: 1, column: 1),
                   hint: "Добавьте строку `---` после последнего поля, перед текстом.")
        return nil
    }
}

/// The common first step of every Markdown content kind: split, parse the YAML, and
/// hand back a reader for its fields.
struct MarkdownDocument {
    var fields: FieldReader
    var body: MarkdownBody
    var draft: Bool

    /// nil for a draft when drafts are not built: it is skipped silently, as Hugo does.
    static func read(_ file: SourceFile, sink: DiagnosticSink, what: String, drafts: Bool) -> MarkdownDocument? {
        guard let split = FrontMatter.split(file, sink: sink) else { return nil }
        guard let yaml = split.yaml else {
            sink.error("frontmatter.missing", "нет блока полей между строками `---` в начале файла",
                       at: SourceRef(file: file.path, line: 1, column: 1),
                       hint: "Начните файл со строки `---`, затем поля (`title: …`), затем снова `---`.")
            return nil
        }
        let (node, diagnostics) = YAMLParser.parse(yaml, file: file.path, firstLine: split.yamlFirstLine)
        sink.add(contentsOf: diagnostics)
        guard !diagnostics.hasErrors else { return nil }
        let root = node ?? YAMLNode(value: .mapping([]), ref: SourceRef(file: file.path, line: 1, column: 1))
        guard var fields = FieldReader(root, sink: sink, what: what) else { return nil }
        // A missing field is reported on the opening `---`, where the editor adds it.
        fields = fields.reportingMissing(at: SourceRef(file: file.path, line: 1, column: 1))
        let draft = fields.bool("draft") ?? false
        if draft, !drafts { return nil }
        return MarkdownDocument(fields: fields, body: split.body, draft: draft)
    }
}

/// The URL name of an entry: its file name, or `slug:` when the editor sets one.
enum SlugField {
    static func read(_ f: inout FieldReader, fileSlug: String, sink: DiagnosticSink) -> String {
        guard let node = f.node("slug"), let raw = node.scalar?.trimmingSpaces else { return check(fileSlug, at: f.ref, sink: sink) }
        return check(raw, at: node.ref, sink: sink)
    }

    static func check(_ slug: String, at ref: SourceRef, sink: DiagnosticSink) -> String {
        let allowed = slug.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "_" }
        if allowed, !slug.isEmpty { return slug }
        let fixed = Slug.make(slug, fallback: "page")
        sink.warning("slug.invalid", "имя «\(slug)» попадёт в адрес страницы; в адресе будет `\(fixed)`", at: ref,
                     hint: "Называйте файлы латиницей, строчными буквами, через дефис: `\(fixed).md`.")
        return fixed
    }
}
