import Foundation

/// Raw HTML that a site let through (`markdown: { unsafe_html: true }`), made inert: the GFM
/// tag filter already disarms `<script>`, `<iframe>`, `<style>` and a few others; this also
/// drops event-handler attributes, `javascript:`/`vbscript:`/`data:` URLs and the tags that
/// load or submit elsewhere. A school asks for tables and spans, never for code.
public enum RawHTMLSanitizer {
    private static let handler = try! NSRegularExpression(
        pattern: #"\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]*)"#, options: [.caseInsensitive])
    private static let urlAttribute = try! NSRegularExpression(
        pattern: #"(\s(?:href|src|action|formaction|xlink:href|poster|background|srcset|data|cite|longdesc)\s*=\s*)("[^"]*"|'[^']*'|[^\s>]+)"#,
        options: [.caseInsensitive])
    private static let numericEntity = try! NSRegularExpression(pattern: #"&#(x[0-9a-f]+|[0-9]+);?"#, options: [.caseInsensitive])
    private static let dangerousTag = try! NSRegularExpression(
        pattern: #"<(/?)(script|iframe|object|embed|applet|base|meta|link|form|frame|frameset|svg|math|template|style)\b"#,
        options: [.caseInsensitive])

    public static func sanitize(_ html: String) -> String {
        var out = html
        func replace(_ regex: NSRegularExpression, _ template: String) {
            out = regex.stringByReplacingMatches(in: out, range: NSRange(out.startIndex..., in: out), withTemplate: template)
        }
        replace(handler, "")
        replace(dangerousTag, "&lt;$1$2")
        // URLs as the browser reads them: entities decoded, tabs and spaces dropped.
        let matches = urlAttribute.matches(in: out, range: NSRange(out.startIndex..., in: out))
        for match in matches.reversed() {
            guard let valueRange = Range(match.range(at: 2), in: out) else { continue }
            var value = String(out[valueRange])
            if value.hasPrefix("\"") || value.hasPrefix("'") { value = String(value.dropFirst().dropLast()) }
            let decoded = decodeEntities(value)
            let scheme = scheme(of: decoded)
            if let scheme, !["http", "https", "mailto", "tel"].contains(scheme) {
                out.replaceSubrange(valueRange, with: "\"#blocked\"")
            }
        }
        return out
    }

    static func decodeEntities(_ text: String) -> String {
        var out = text
        for (entity, char) in [("&colon;", ":"), ("&tab;", "\t"), ("&newline;", "\n"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: char, options: .caseInsensitive)
        }
        let matches = numericEntity.matches(in: out, range: NSRange(out.startIndex..., in: out))
        for match in matches.reversed() {
            guard let whole = Range(match.range, in: out), let number = Range(match.range(at: 1), in: out) else { continue }
            let digits = out[number]
            let value = digits.lowercased().hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            out.replaceSubrange(whole, with: value.flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? "")
        }
        return out
    }

    /// The scheme a browser would see: ASCII whitespace and control characters dropped.
    static func scheme(of url: String) -> String? {
        let cleaned = String(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }.map(Character.init))
        guard let colon = cleaned.firstIndex(of: ":") else { return nil }
        let candidate = cleaned[..<colon]
        guard let first = candidate.first, first.isLetter,
              candidate.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }) else { return nil }
        return candidate.lowercased()
    }
}
