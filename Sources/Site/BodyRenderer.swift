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
    static func stackTables(_ html: String) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count + 256)
        var rest = html[...]
        while let open = rest.range(of: "<table>"), let close = rest.range(of: "</table>", range: open.upperBound..<rest.endIndex) {
            out += rest[..<open.lowerBound]
            let table = rest[open.upperBound..<close.lowerBound]
            var headers: [String] = []
            if let head = table.range(of: "</thead>") {
                var scan = table[..<head.lowerBound]
                while let th = scan.range(of: "<th"), let gt = scan.range(of: ">", range: th.upperBound..<scan.endIndex),
                      let end = scan.range(of: "</th>", range: gt.upperBound..<scan.endIndex) {
                    headers.append(plainText(scan[gt.upperBound..<end.lowerBound]))
                    scan = scan[end.upperBound...]
                }
            }
            let label = headers.filter { !$0.isEmpty }.joined(separator: ", ")
            out += "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Таблица: \(label)\"><table class=\"table-stack\">"
            var column = 0
            var body = table[...]
            while let cell = body.range(of: "<t") {
                out += body[..<cell.lowerBound]
                let after = body[cell.upperBound...]
                if after.hasPrefix("r>") {
                    column = 0
                    out += "<tr>"
                    body = after.dropFirst(2)
                } else if after.hasPrefix("d>") || after.hasPrefix("d ") {
                    out += "<td"
                    if column < headers.count, !headers[column].isEmpty { out += " data-label=\"\(headers[column])\"" }
                    column += 1
                    body = after.dropFirst(1)
                } else {
                    out += "<t"
                    body = after
                }
            }
            out += body
            out += "</table></div>"
            rest = rest[close.upperBound...]
        }
        out += rest
        return out
    }

    /// The text of an HTML fragment (tags dropped; entities stay escaped, as an attribute needs).
    private static func plainText(_ fragment: Substring) -> String {
        var text = ""
        var inTag = false
        for ch in fragment {
            if ch == "<" { inTag = true } else if ch == ">" { inTag = false } else if !inTag { text.append(ch) }
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
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
