import Domain
import Foundation

/// An SVG is a document, not a picture: opened by its address it runs its scripts on the
/// site's origin. SVGs are published only when they hold nothing active; anything that
/// could run code or pull in other content is a located error (`image.svg-active`).
enum SVGCheck {
    /// Patterns matched case-insensitively against the file's text.
    static let active: [(pattern: String, what: String)] = [
        ("<script", "скрипт <script>"),
        ("<foreignobject", "вставка HTML <foreignObject>"),
        ("<iframe", "встроенная страница <iframe>"),
        ("<embed", "встроенный объект <embed>"),
        ("<object", "встроенный объект <object>"),
        ("<!entity", "определение сущности <!ENTITY>"),
        ("<handler", "обработчик <handler>"),
        ("javascript:", "ссылка javascript:"),
        ("vbscript:", "ссылка vbscript:"),
        ("data:text/html", "встроенный HTML data:text/html"),
    ]

    static func check(_ file: SourceFile) -> [Diagnostic] {
        let lower = file.text.lowercased()
        var found: [Diagnostic] = []
        var seen: Set<String> = []
        for (pattern, what) in active {
            guard !seen.contains(what), let range = lower.range(of: pattern) else { continue }
            seen.insert(what)
            found.append(diagnostic(what, at: range.lowerBound, in: file, lower: lower))
        }
        // Event handlers: onload=, onclick= … inside any tag.
        if let range = lower.range(of: #"<[^>]*\son[a-z]+\s*="#, options: .regularExpression) {
            found.append(diagnostic("обработчик событий (атрибут on…=)", at: range.lowerBound, in: file, lower: lower))
        }
        return found
    }

    private static func diagnostic(_ what: String, at index: String.Index, in file: SourceFile, lower: String) -> Diagnostic {
        let before = lower[..<index]
        let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
        return .error("image.svg-active", "в SVG есть активное содержимое: \(what); такой файл не публикуется",
                      at: SourceRef(file: file.path, line: line, column: column),
                      hint: "Сохраните картинку как PNG или пересохраните SVG без скриптов (например, в Inkscape: «Оптимизированный SVG»).")
    }
}
