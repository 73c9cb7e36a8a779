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
        // Works on UTF-8 offsets: splitting whole files into Character lines was a hot spot.
        let utf8 = Array(file.text.utf8)
        func lineIsFence(_ start: Int, _ end: Int) -> Bool {
            var e = end
            while e > start, utf8[e - 1] == 0x20 || utf8[e - 1] == 0x09 { e -= 1 }
            return e - start == 3 && ((utf8[start] == 0x2D && utf8[start + 1] == 0x2D && utf8[start + 2] == 0x2D)
                || (utf8[start] == 0x2E && utf8[start + 1] == 0x2E && utf8[start + 2] == 0x2E))
        }
        var firstEnd = 0
        while firstEnd < utf8.count, utf8[firstEnd] != 0x0A { firstEnd += 1 }
        guard firstEnd >= 3, lineIsFence(0, firstEnd), utf8[0] == 0x2D else {
            return FrontMatter(yaml: nil, yamlFirstLine: 1, body: MarkdownBody(text: file.text, firstLine: 1))
        }
        var line = 2
        var start = firstEnd + 1
        while start <= utf8.count {
            var end = start
            while end < utf8.count, utf8[end] != 0x0A { end += 1 }
            if lineIsFence(start, end) {
                let yaml = String(decoding: utf8[(firstEnd + 1)..<max(firstEnd + 1, start - 1)], as: UTF8.self)
                let body = end < utf8.count ? String(decoding: utf8[(end + 1)...], as: UTF8.self) : ""
                return FrontMatter(yaml: start - 1 > firstEnd ? yaml : "", yamlFirstLine: 2, body: MarkdownBody(text: body, firstLine: line + 1))
            }
            if end >= utf8.count { break }
            start = end + 1
            line += 1
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
        guard nestingIsBounded(split.body, file: file.path, sink: sink) else { return nil }
        return MarkdownDocument(fields: fields, body: split.body, draft: draft)
    }

    /// cmark-gfm's time grows with the square of the nesting depth: megabytes of `> > > …`
    /// took twenty seconds. Real texts quote a quote at most a few times.
    static let maxNesting = 32

    static func nestingIsBounded(_ body: MarkdownBody, file: String, sink: DiagnosticSink) -> Bool {
        // By bytes, line by line: the `>` and blanks that open each line.
        var line = 0
        var depth = 0
        var opening = true
        var bytes = body.text.utf8.makeIterator()
        while true {
            let next = bytes.next()
            if next == UInt8(ascii: "\n") || next == nil {
                line += 1
                if depth > maxNesting { break }
                if next == nil { return true }
                depth = 0
                opening = true
                continue
            }
            guard opening, let ch = next else { continue }
            if ch == UInt8(ascii: ">") { depth += 1 } else if ch != UInt8(ascii: " ") && ch != UInt8(ascii: "\t") { opening = false }
        }
        sink.error("markdown.too-deep", "цитата вложена \(depth) \(depth % 10 >= 2 && depth % 10 <= 4 && !(12...14).contains(depth % 100) ? "раза" : "раз") — допустимо не больше \(maxNesting)",
                   at: SourceRef(file: file, line: body.firstLine + line - 1, column: 1),
                   hint: "Уберите лишние знаки `>` в начале строки.")
        return false
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
