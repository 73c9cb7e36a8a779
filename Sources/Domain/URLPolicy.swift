/// Which URLs from content may reach a page: the schemes a school site needs, and relative
/// paths. Everything else (`javascript:`, `data:`, `vbscript:`, `file:` …) would run code or
/// read the visitor's disk, so it never leaves the content folder.
public enum URLPolicy {
    public static let allowedSchemes: Set<String> = ["http", "https", "mailto", "tel"]

    /// The scheme as a browser sees it: browsers drop ASCII tabs, line breaks and leading
    /// spaces before parsing, so `java\tscript:` is `javascript:`.
    public static func scheme(of raw: String) -> String? {
        let cleaned = raw.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }
        var scheme = ""
        for scalar in cleaned {
            if scalar == ":" { return scheme.isEmpty ? nil : scheme.lowercased() }
            let isLetter = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
            let isOther = ("0"..."9").contains(scalar) || scalar == "+" || scalar == "-" || scalar == "."
            guard isLetter || (!scheme.isEmpty && isOther) else { return nil }
            scheme.unicodeScalars.append(scalar)
        }
        return nil
    }

    public static func isAllowed(_ raw: String) -> Bool {
        guard let scheme = scheme(of: raw) else { return true }
        return allowedSchemes.contains(scheme)
    }
}
