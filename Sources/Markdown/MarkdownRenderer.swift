import CCMarkGFM
import Foundation
import Synchronization

public struct MarkdownOptions: Sendable, Hashable {
    /// Raw HTML passes through (still filtered by the GFM tag filter) only when the site asks.
    public var unsafeHTML: Bool
    /// Give headings stable, transliterated ids (`## Итоги года` → `id="itogi-goda"`).
    public var headingIDs: Bool
    /// Russian typography on text nodes (`Typographer`).
    public var typography: Bool
    /// A VK Video or Rutube link alone in a paragraph becomes a player loaded on click.
    public var videoEmbeds: Bool

    public init(unsafeHTML: Bool = false, headingIDs: Bool = true, typography: Bool = true, videoEmbeds: Bool = true) {
        self.unsafeHTML = unsafeHTML
        self.headingIDs = headingIDs
        self.typography = typography
        self.videoEmbeds = videoEmbeds
    }
}

public struct Heading: Sendable, Hashable {
    public var level: Int
    public var text: String
    public var id: String
}

/// A link or image found in the document, with its position in the Markdown source.
public struct Reference: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case link, image }
    public var kind: Kind
    /// The URL as the author wrote it, before any rewriting.
    public var url: String
    /// Link text or image alt text, flattened.
    public var text: String
    public var line: Int
    public var column: Int
}

public struct RenderedMarkdown: Sendable {
    public var html: String
    public var headings: [Heading]
    public var references: [Reference]
    /// Where raw HTML stood (1-based line and column in the Markdown), whether it was
    /// dropped (safe mode) or sanitised (`unsafeHTML`).
    public var rawHTML: [(line: Int, column: Int, text: String)] = []
    /// How many video players the page got (it then needs `assets/video.js`).
    public var videos = 0
}

/// Markdown → HTML through libcmark-gfm.
///
/// libcmark-gfm keeps its table of special inline characters in one process-wide
/// variable that every parse edits, so concurrent parses silently corrupt each other.
/// Parsing is therefore serialised behind one lock; walking and rendering the tree,
/// which touch only the document, stay parallel.
public enum MarkdownRenderer {
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()
    private static let parseLock = Mutex(())
    private static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]

    /// - Parameter rewriteURL: called for every link and image URL; a non-nil result replaces it.
    public static func render(
        _ markdown: String,
        options: MarkdownOptions = MarkdownOptions(),
        rewriteURL: ((String) -> String?)? = nil
    ) -> RenderedMarkdown {
        precondition(registered)
        var cmarkOptions = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES
        if options.unsafeHTML { cmarkOptions |= CMARK_OPT_UNSAFE }

        let parsed = parseLock.withLock { _ -> (parser: OpaquePointer, document: OpaquePointer?)? in
            // Only when out of memory; the page then has an empty body rather than no build.
            guard let parser = cmark_parser_new(cmarkOptions) else { return nil }
            for name in extensionNames {
                // A NULL extension attached crashes the parser; every core extension exists once registered.
                if let ext = cmark_find_syntax_extension(name) {
                    cmark_parser_attach_syntax_extension(parser, ext)
                }
            }
            var utf8 = markdown
            utf8.withUTF8 { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    cmark_parser_feed(parser, chars.baseAddress, chars.count)
                }
            }
            return (parser, cmark_parser_finish(parser))
        }
        guard let (parser, document) = parsed else { return RenderedMarkdown(html: "", headings: [], references: []) }
        defer {
            cmark_node_free(document)
            cmark_parser_free(parser)
        }

        var headings: [Heading] = []
        var references: [Reference] = []
        var headingNodes: [OpaquePointer] = []
        var rawHTML: [(line: Int, column: Int, text: String)] = []

        let iterator = cmark_iter_new(document)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING:
                headingNodes.append(node)
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                // Comments are harmless and common (`<!-- черновик -->`).
                if literal.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("<!--") { break }
                rawHTML.append((Int(cmark_node_get_start_line(node)), Int(cmark_node_get_start_column(node)), literal))
                if options.unsafeHTML { cmark_node_set_literal(node, RawHTMLSanitizer.sanitize(literal)) }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                let isImage = cmark_node_get_type(node) == CMARK_NODE_IMAGE
                references.append(Reference(
                    kind: isImage ? .image : .link, url: url, text: plainText(of: node),
                    line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node))))
                if let rewriteURL, let replacement = rewriteURL(url) {
                    cmark_node_set_url(node, replacement)
                }
            default:
                break
            }
        }
        cmark_iter_free(iterator)

        var usedIDs: [String: Int] = [:]
        for node in headingNodes {
            let level = Int(cmark_node_get_heading_level(node))
            let text = plainText(of: node)
            var id = Slug.make(text)
            if let count = usedIDs[id] {
                usedIDs[id] = count + 1
                id += "-\(count)"
            } else {
                usedIDs[id] = 1
            }
            headings.append(Heading(level: level, text: text, id: id))
            if options.headingIDs { attachID(id, level: level, to: node) }
        }

        var videos = 0
        if options.videoEmbeds, let document {
            for (paragraph, video) in videoParagraphs(document) {
                replace(paragraph, with: video)
                videos += 1
            }
        }
        if options.typography, let document { typeset(document) }

        let html: String
        if let raw = cmark_render_html(document, cmarkOptions, cmark_parser_get_syntax_extensions(parser)) {
            html = String(cString: raw)
            free(raw)
        } else {
            html = ""
        }
        return RenderedMarkdown(html: html, headings: headings, references: references, rawHTML: rawHTML, videos: videos)
    }

    /// Typography on every text node; quotes pair up within a block, across emphasis and links.
    private static func typeset(_ document: OpaquePointer) {
        joinTextRuns(document)
        var typographer = Typographer()
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            switch type {
            case CMARK_NODE_TEXT:
                guard let literal = cmark_node_get_literal(node) else { continue }
                let text = String(cString: literal)
                // An address shown as a link's text (an autolink) stays exactly as written.
                if let parent = cmark_node_parent(node), cmark_node_get_type(parent) == CMARK_NODE_LINK, Self.looksLikeAddress(text) {
                    _ = typographer.process("x")
                    continue
                }
                let set = typographer.process(text)
                if set != text { cmark_node_set_literal(node, set) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE:
                _ = typographer.process(type == CMARK_NODE_CODE ? "x" : "\n")
            default:
                // A new block starts its quotes afresh.
                if type.rawValue & nodeKindMask == blockKind {
                    typographer = Typographer()
                }
            }
        }
    }

    /// Adjacent text nodes and the line breaks of the source between them become one text
    /// node, so that «с⏎наставляемыми» binds like «с наставляемыми» (a soft break is a space
    /// in HTML anyway) and a rule sees the words on both sides of a node boundary.
    private static func joinTextRuns(_ document: OpaquePointer) {
        var starts: [OpaquePointer] = []
        let iterator = cmark_iter_new(document)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                  cmark_node_get_type(node) == CMARK_NODE_TEXT, let next = cmark_node_next(node),
                  [CMARK_NODE_TEXT, CMARK_NODE_SOFTBREAK].contains(cmark_node_get_type(next)) else { continue }
            // Not a start when it continues a run: after text, or after a break that follows text.
            if let previous = cmark_node_previous(node) {
                let type = cmark_node_get_type(previous)
                if type == CMARK_NODE_TEXT { continue }
                if type == CMARK_NODE_SOFTBREAK, let before = cmark_node_previous(previous),
                   cmark_node_get_type(before) == CMARK_NODE_TEXT { continue }
            }
            starts.append(node)
        }
        cmark_iter_free(iterator)
        // Changed only after the walk: the iterator must not meet a freed node.
        for first in starts {
            var text = cmark_node_get_literal(first).map { String(cString: $0) } ?? ""
            while let next = cmark_node_next(first) {
                let type = cmark_node_get_type(next)
                if type == CMARK_NODE_TEXT {
                    text += cmark_node_get_literal(next).map { String(cString: $0) } ?? ""
                } else if type == CMARK_NODE_SOFTBREAK {
                    text += " "
                } else {
                    break
                }
                cmark_node_unlink(next)
                cmark_node_free(next)
            }
            cmark_node_set_literal(first, text)
        }
    }

    /// cmark's node types carry their kind in the top bits (CMARK_NODE_TYPE_MASK, _BLOCK),
    /// which Swift does not import as constants; extension node types are blocks or inlines too.
    private static let nodeKindMask: UInt32 = 0xC000
    private static let blockKind: UInt32 = 0x8000

    /// A web or mail address: no spaces and a scheme, `www.` or `@`.
    static func looksLikeAddress(_ text: String) -> Bool {
        !text.contains(" ") && (text.contains("://") || text.hasPrefix("www.") || text.contains("@"))
    }

    /// Paragraphs that hold nothing but a link to a VK Video or Rutube video.
    private static func videoParagraphs(_ document: OpaquePointer) -> [(OpaquePointer, VideoEmbed)] {
        var found: [(OpaquePointer, VideoEmbed)] = []
        var child = cmark_node_first_child(document)
        while let node = child {
            child = cmark_node_next(node)
            guard cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH else { continue }
            // The autolink extension leaves empty text nodes around the link it makes.
            var links: [OpaquePointer] = []
            var other = false
            var inline = cmark_node_first_child(node)
            while let i = inline {
                inline = cmark_node_next(i)
                switch cmark_node_get_type(i) {
                case CMARK_NODE_LINK: links.append(i)
                case CMARK_NODE_TEXT where (cmark_node_get_literal(i).map { String(cString: $0) } ?? "").allSatisfy(\.isWhitespace): break
                default: other = true
                }
            }
            guard !other, links.count == 1, let link = links.first,
                  let url = cmark_node_get_url(link).map({ String(cString: $0) }),
                  var video = VideoEmbed(url: url) else { continue }
            let text = plainText(of: link).trimmingCharacters(in: .whitespaces)
            if !text.isEmpty, text != url, !text.hasPrefix("http") { video.title = text }
            found.append((node, video))
        }
        return found
    }

    private static func replace(_ paragraph: OpaquePointer, with video: VideoEmbed) {
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(block, video.html)
        cmark_node_set_on_exit(block, "")
        cmark_node_replace(paragraph, block)
        cmark_node_free(paragraph)
    }

    /// cmark renders headings without ids and offers no attribute API. The heading is
    /// replaced by an empty custom block holding a custom inline whose literal tags carry
    /// the id: the output keeps cmark's exact layout (`<h2 id="x">…</h2>\n`) and, unlike raw
    /// HTML nodes, survives safe mode.
    private static func attachID(_ id: String, level: Int, to heading: OpaquePointer) {
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK),
              let inline = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { return }
        cmark_node_set_on_enter(block, "")
        cmark_node_set_on_exit(block, "")
        cmark_node_set_on_enter(inline, "<h\(level) id=\"\(id)\">")
        cmark_node_set_on_exit(inline, "</h\(level)>")
        while let child = cmark_node_first_child(heading) {
            cmark_node_unlink(child)
            cmark_node_append_child(inline, child)
        }
        cmark_node_append_child(block, inline)
        cmark_node_replace(heading, block)
        cmark_node_free(heading)
    }

    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        cmark_iter_free(iterator)
        return text
    }
}
