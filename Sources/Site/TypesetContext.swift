import Markdown

/// Russian typography on the text values of a page's data (YAML titles, summaries, roadmap
/// cells …) before the template sees them. Values under keys that name addresses, ids,
/// keys, markup or machine values are left alone, so URLs, `datetime`, `data-*` values and
/// the already typeset Markdown HTML (`*_html`) are never touched.
enum TypesetContext {
    static func apply(_ context: [String: Any]) -> [String: Any] {
        var out = context
        for (key, value) in context where !skipped(key) {
            out[key] = typeset(value)
        }
        return out
    }

    /// A path or an address under a key the list below does not name (a theme's own data, a
    /// future field): a slash and no space, or a scheme.
    static func looksLikePath(_ text: String) -> Bool {
        var slash = false
        for b in text.utf8 {
            if b == 0x20 { return false }
            if b == 0x2F { slash = true }
        }
        return slash || text.contains("://")
    }

    private static let machineKeys: Set<String> = [
        "root", "canonical", "id", "key", "slug", "class", "width", "height", "sizes", "src", "srcset", "datetime",
        "email", "phone", "phone_href", "url", "path", "vision", "lang", "format", "mime", "value", "x", "y", "code",
        "build_date_iso", "base_url", "query", "template", "prev", "next", "level", "count", "image", "cover", "photo",
    ]

    static func skipped(_ key: String) -> Bool {
        machineKeys.contains(key) || key.hasSuffix("href") || key.hasSuffix("_url") || key.hasSuffix("_html")
            || key.hasSuffix("_key") || key.hasSuffix("_id") || key.hasSuffix("_src") || key.hasSuffix("srcset")
            || key.hasSuffix("datetime") || key.hasSuffix("_json") || key.hasPrefix("data_") || key.hasSuffix("_slug")
            || key.hasSuffix("_path") || key.hasSuffix("_iso") || key.hasSuffix("_email") || key.hasSuffix("_class")
    }

    private static func typeset(_ value: Any) -> Any {
        switch value {
        case let text as String: return looksLikePath(text) ? text : Typographer.apply(text)
        case let dictionary as [String: Any]: return apply(dictionary)
        case let list as [[String: Any]]: return list.map(apply)
        case let list as [String]: return list.map { looksLikePath($0) ? $0 : Typographer.apply($0) }
        case let list as [Any]: return list.map(typeset)
        default: return value
        }
    }
}
