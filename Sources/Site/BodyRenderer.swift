import Content
import Domain
import Foundation
import Images
import Markdown

/// Renders a Markdown body for one page: links to site pages and content files become
/// relative to that page, and every link and image is checked against the site.
struct BodyRenderer: Sendable {
    let files: ContentFiles
    /// Every page path the site has (`news/x/`), for checking internal links.
    let knownPaths: Set<String>
    let options: MarkdownOptions
    /// Where the content folder's files are published (`schools/school-7/` in a bank).
    var assetPrefix = ""
    /// A bank shows one page of a school's site: links to the school's other pages are
    /// the school's own business and are left as written.
    var checkPageLinks = true
    /// Processed pictures by output path: body images get `srcset`, `width` and `height`.
    var images: [String: ProcessedImage] = [:]

    struct Output {
        var html: String
        var headings: [Heading]
        var diagnostics: [Diagnostic]
        /// Video players in the body (the page then loads video.js).
        var videos = 0
    }

    /// - Parameters:
    ///   - folder: the entry's content folder (`cases`), for `./` and `../` paths.
    ///   - pagePath: where the page is published, for relative links.
    func render(_ body: MarkdownBody, file: String, folder: String, pagePath: String) -> Output {
        let root = SiteURLs.root(forPath: pagePath)
        let files = self.files, knownPaths = self.knownPaths, prefix = assetPrefix, checkPageLinks = self.checkPageLinks
        let images = self.images
        // Rewritten URL → output path, for the pictures among the files.
        var pictures: [String: String] = [:]
        let rendered = MarkdownRenderer.render(body.text, options: options) { url in
            if url.hasPrefix("#") || url.isEmpty { return nil }
            switch ContentFiles.resolve(url, from: url.hasPrefix("/") ? "" : folder) {
            case .external, .escapes: return nil
            case .inside(let path):
                let cut = url.firstIndex(where: { $0 == "#" || $0 == "?" }) ?? url.endIndex
                // Normalising dropped a folder's trailing slash; a page URL keeps it.
                let suffix = (url[..<cut].hasSuffix("/") && !path.isEmpty ? "/" : "") + String(url[cut...])
                if files.exists(path) {
                    if images[prefix + path] != nil { pictures[root + prefix + path + suffix] = prefix + path }
                    return root + prefix + path + suffix
                }
                guard checkPageLinks else { return nil }
                Reads.note(.page(path))
                if url.hasPrefix("/") || knownPaths.contains(path + "/") || knownPaths.contains(path) {
                    return root + path + suffix
                }
                return nil
            }
        }
        var diagnostics: [Diagnostic] = []
        if !options.unsafeHTML {
            var warnedLines: Set<Int> = []
            // One warning per line: `<b>…</b>` is two raw pieces of one mistake.
            for raw in rendered.rawHTML where warnedLines.insert(raw.line).inserted {
                let at = SourceRef(file: file, line: body.firstLine + raw.line - 1, column: raw.column)
                let isVideo = raw.text.lowercased().contains("<iframe")
                diagnostics.append(.warning("markdown.raw-html-dropped",
                                            isVideo ? "встроенный плеер (<iframe>) не публикуется: HTML в тексте отключён ради безопасности"
                                                : "HTML-код в тексте не публикуется (отключён ради безопасности)",
                                            at: at,
                                            hint: isVideo
                                                ? "Поставьте ссылку на видео VK Видео или Rutube отдельной строкой (просто адрес, скопированный из браузера): на странице появится плеер, который загрузится по нажатию."
                                                : "Используйте разметку Markdown: **жирный**, таблицы через |, списки через «- »."))
            }
        }
        for ref in rendered.references {
            let at = SourceRef(file: file, line: body.firstLine + ref.line - 1, column: ref.column)
            if ref.kind == .image, ref.text.trimmingSpaces.isEmpty {
                diagnostics.append(.error("image.alt", "у картинки `\(ref.url)` нет описания", at: at,
                                          hint: "Напишите в квадратных скобках, что изображено: `![Ученики на защите проекта](\(ref.url))`."))
            }
            if ref.url.hasPrefix("#") || ref.url.isEmpty { continue }
            switch ContentFiles.resolve(ref.url, from: ref.url.hasPrefix("/") ? "" : folder) {
            case .external:
                continue
            case .escapes:
                diagnostics.append(.error("path.escapes", "ссылка `\(ref.url)` ведёт за пределы папки content", at: at,
                                          hint: "Ссылайтесь на файлы внутри content, например `/files/polozhenie.pdf`."))
            case .inside(let path):
                if files.exists(path) { continue }
                if checkPageLinks { Reads.note(.page(path)) }
                if path.hasPrefix("files/") || path.hasPrefix("images/") || ref.kind == .image {
                    diagnostics.append(.error("file.missing", "файл `\(ref.url)` не найден", at: at,
                                              hint: "Проверьте имя файла (регистр букв важен) и папку."))
                } else if checkPageLinks, !path.isEmpty, !knownPaths.contains(path + "/"), !knownPaths.contains(path),
                          !(path.hasSuffix(".xml") || path.hasSuffix(".json")) {
                    diagnostics.append(.warning("link.broken", "ссылка `\(ref.url)` ведёт на страницу, которой нет на сайте", at: at,
                                                hint: "Адреса страниц: /news/<имя файла>/, /cases/<имя файла>/, /mentors/<имя файла>/."))
                }
            }
        }
        var html = Self.labelTaskCheckboxes(rendered.html)
        if Bytes.contains(html, "<table>") { html = Self.stackTables(html) }
        for (url, output) in pictures.sorted(by: { $0.key < $1.key }) {
            if let image = images[output] { html = Self.responsive(html, url: url, image: image, root: root) }
        }
        return Output(html: html, headings: rendered.headings, diagnostics: diagnostics, videos: rendered.videos)
    }

    /// cmark writes `<img src="…" alt="…" />`; a processed picture becomes a `<picture>` with
    /// WebP and smaller sizes, its `width` and `height` (no jump while loading), loaded lazily.
    static func responsive(_ html: String, url: String, image: ProcessedImage, root: String) -> String {
        let needle = "<img src=\"\(HTMLEscape.escape(url))\""
        guard html.contains(needle) else { return html }
        func set(_ variants: [ProcessedImage.Variant]) -> String {
            HTMLEscape.escape(variants.map { "\(root)\($0.path) \($0.width)w" }.joined(separator: ", "))
        }
        let sizes = "(min-width: 50em) 45em, 95vw"
        var open = "<picture>"
        if !image.webp.isEmpty { open += "<source type=\"image/webp\" srcset=\"\(set(image.webp))\" sizes=\"\(sizes)\">" }
        var attributes = ""
        if image.fallback.count > 1 { attributes += " srcset=\"\(set(image.fallback))\" sizes=\"\(sizes)\"" }
        attributes += " width=\"\(image.width)\" height=\"\(image.height)\" loading=\"lazy\" decoding=\"async\""
        var out = html
        var from = out.startIndex
        while let start = out.range(of: needle, range: from..<out.endIndex),
              let end = out.range(of: "/>", range: start.upperBound..<out.endIndex) {
            let replacement = open + needle + attributes + out[start.upperBound..<end.lowerBound] + "/></picture>"
            out.replaceSubrange(start.lowerBound..<end.upperBound, with: replacement)
            from = out.index(start.lowerBound, offsetBy: replacement.count)
        }
        return out
    }

    /// A table written in Markdown gets what the site's own tables have: a labelled region
    /// that the keyboard can scroll, and each cell its column's name, so that on a phone the
    /// rows stack as labelled cards (`table-stack` in the theme). Works without the script.
    ///
    /// One pass over the bytes (a 5 MB body of one huge table stays linear). A label is the
    /// header's text with tags dropped and entities decoded, escaped again for the attribute:
    /// with `unsafe_html` a header may hold raw HTML, and nothing of it may leave the quotes.
    static func stackTables(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 512)
        func at(_ i: Int, _ literal: StaticString) -> Bool {
            let n = literal.utf8CodeUnitCount
            guard i + n <= bytes.count else { return false }
            return literal.withUTF8Buffer { lit in (0..<n).allSatisfy { bytes[i + $0] == lit[$0] } }
        }
        var i = 0
        while i < bytes.count {
            guard at(i, "<table>") else { out.append(bytes[i]); i += 1; continue }
            // The header cells' labels, from <thead> up to </thead>.
            var headers: [String] = []
            var j = i + 7
            var cell: [UInt8]? = nil
            var depth = 0
            while j < bytes.count, !at(j, "</thead>"), !at(j, "</table>") {
                if at(j, "<th") && (at(j, "<th>") || at(j, "<th ")) {
                    while j < bytes.count, bytes[j] != UInt8(ascii: ">") { j += 1 }
                    cell = []
                } else if at(j, "</th>") {
                    headers.append(label(cell ?? []))
                    cell = nil
                    j += 4
                } else if cell != nil {
                    if bytes[j] == UInt8(ascii: "<") { depth += 1 }
                    if depth == 0 { cell?.append(bytes[j]) }
                    if bytes[j] == UInt8(ascii: ">"), depth > 0 { depth -= 1 }
                }
                j += 1
            }
            let names = headers.filter { !$0.isEmpty }.joined(separator: ", ")
            out += Array("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Таблица: \(names)\"><table class=\"table-stack\">".utf8)
            i += 7
            // Every <td> of a row gets its column's label, up to the table's end.
            var column = 0
            while i < bytes.count, !at(i, "</table>") {
                if at(i, "<tr>") {
                    column = 0
                } else if at(i, "<td>") || at(i, "<td ") {
                    out += Array("<td".utf8)
                    if column < headers.count, !headers[column].isEmpty { out += Array(" data-label=\"\(headers[column])\"".utf8) }
                    column += 1
                    i += 3
                    continue
                }
                out.append(bytes[i])
                i += 1
            }
            if i < bytes.count {
                out += Array("</table></div>".utf8)
                i += 8
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A header's text for an attribute: entities decoded, whitespace collapsed, escaped again.
    private static func label(_ bytes: [UInt8]) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: char)
        }
        return HTMLEscape.escape(text.split(whereSeparator: \.isWhitespace).joined(separator: " "))
    }

    /// cmark-gfm renders task list items as bare disabled checkboxes, which screen readers
    /// announce without a name (axe `label`); say what the box means.
    static func labelTaskCheckboxes(_ html: String) -> String {
        // A byte search: Foundation's `contains` over every rendered body cost 8 % of a build.
        guard Bytes.contains(html, "<input type=\"checkbox\"") else { return html }
        return html
            .replacingOccurrences(of: "<input type=\"checkbox\" checked=\"\" disabled=\"\" />",
                                  with: "<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Выполнено\" />")
            .replacingOccurrences(of: "<input type=\"checkbox\" disabled=\"\" />",
                                  with: "<input type=\"checkbox\" disabled=\"\" aria-label=\"Не выполнено\" />")
    }
}
