/// Latin slugs for Russian text: heading ids, file names of new content, facet URLs.
///
/// The transliteration follows the common "Yandex" style that Russian sites use in URLs
/// (`Итоги года` → `itogi-goda`), because editors recognise it.
public enum Slug {
    private static let table: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
        "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
        "я": "ya", "і": "i", "ї": "yi", "є": "ye",
    ]

    /// `Итоги года 2024!` → `itogi-goda-2024`. Never empty: falls back to `fallback`.
    public static func make(_ text: String, fallback: String = "section") -> String {
        var out = ""
        var pendingDash = false
        for ch in text.lowercased() {
            let piece: String
            if let t = table[ch] {
                piece = t
                if t.isEmpty { continue }
            } else if ch.isASCII, ch.isLetter || ch.isNumber {
                piece = String(ch)
            } else {
                pendingDash = true
                continue
            }
            if pendingDash, !out.isEmpty { out += "-" }
            pendingDash = false
            out += piece
        }
        // File names are limited to 255 bytes: a 300-letter tag must still make a folder.
        if out.count > maxLength {
            out = String(out.prefix(maxLength))
            while out.hasSuffix("-") { out.removeLast() }
        }
        return out.isEmpty ? fallback : out
    }

    public static let maxLength = 80
}
