import Mustache

/// The escaping of `{{value}}`: the same five characters as swift-mustache's HTML content type,
/// but over UTF-8 bytes, and untouched text (most of it) returned as is. The library's
/// Character-by-Character version was a sixth of a large build.
struct TemplateEscaping: MustacheContentType {
    static let name = "NASTAVNIK_HTML"
    /// A line put in front of every template so its values use this escaping; being alone on
    /// its line, it leaves no trace in the output.
    static let pragma = "{{% CONTENT_TYPE: \(name) }}\n"

    func escapeText(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            for byte in bytes {
                switch byte {
                case 0x26: out.append(contentsOf: "&amp;".utf8)
                case 0x3C: out.append(contentsOf: "&lt;".utf8)
                case 0x3E: out.append(contentsOf: "&gt;".utf8)
                case 0x22: out.append(contentsOf: "&quot;".utf8)
                case 0x27: out.append(contentsOf: "&#39;".utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    static let registered: Void = MustacheContentTypes.register(TemplateEscaping(), named: name)
}
