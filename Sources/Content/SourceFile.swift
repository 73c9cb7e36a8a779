import Domain
import Foundation

/// A text file of the content folder, decoded and with normalised line ends.
public struct SourceFile: Sendable {
    /// The path shown to the user, e.g. `content/news/x.md`.
    public var path: String
    public var text: String { didSet { digest = StableHasher.of(text) } }
    /// Of the text, made when it is read: kept with the file by `serve`, so what an edit
    /// changed is found without hashing every file again (`SiteInputs`).
    public private(set) var digest: Fingerprint

    public init(path: String, text: String) {
        self.path = path
        self.text = text
        digest = StableHasher.of(text)
    }

    /// The 1-based line, for showing under a diagnostic.
    public func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = text.startIndex
        while current < number {
            guard let newline = text[start...].firstIndex(of: "\n") else { return nil }
            start = text.index(after: newline)
            current += 1
        }
        let end = text[start...].firstIndex(of: "\n") ?? text.endIndex
        return String(text[start..<end])
    }
}

/// The files of a load by shown path: those it read, and any other of its folder read when
/// asked for (a file kept from an earlier load is read only if a message points into it).
public struct SourceLookup: Sendable {
    public var known: [String: SourceFile]
    public var folder: ContentFiles?

    public init(_ known: [String: SourceFile] = [:], folder: ContentFiles? = nil) {
        self.known = known
        self.folder = folder
    }

    public func file(_ path: String) -> SourceFile? { known[path] ?? folder?.read(shown: path) }
}

/// Reads content files as UTF-8. A BOM and CRLF line ends are accepted silently; any other
/// encoding is refused with a message that names it, so that no mojibake reaches a page.
public enum SourceReader {
    public static func read(_ url: URL, shownAs path: String) -> Result<SourceFile, Diagnostic> {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            return .failure(.error("file.unreadable", "не удалось прочитать файл", at: SourceRef(file: path),
                                   hint: "Проверьте права доступа к файлу."))
        }
        return decode(data, shownAs: path)
    }

    public static func decode(_ data: Data, shownAs path: String) -> Result<SourceFile, Diagnostic> {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return .failure(.error("encoding.not-utf8", "файл в кодировке UTF-16, а нужна UTF-8",
                                   at: SourceRef(file: path, line: 1, column: 1),
                                   hint: "Откройте файл в редакторе и сохраните его в кодировке UTF-8."))
        }
        guard var text = String(validating: bytes, as: UTF8.self) else {
            let (line, column) = firstInvalidPosition(bytes)
            let name = looksLikeWindows1251(bytes) ? "Windows-1251" : "не UTF-8"
            let message = name == "Windows-1251"
                ? "файл в кодировке Windows-1251, а нужна UTF-8"
                : "файл не в кодировке UTF-8 (неизвестная кодировка)"
            return .failure(.error("encoding.not-utf8", message, at: SourceRef(file: path, line: line, column: column),
                                   hint: "Откройте файл в редакторе (например, «Блокнот» или LibreOffice) и сохраните его в кодировке UTF-8."))
        }
        if bytes.contains(0x0D) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return .success(SourceFile(path: path, text: text))
    }

    /// Cyrillic in Windows-1251 lives in 0xC0–0xFF with lowercase dominant; as UTF-8 such
    /// bytes are mostly invalid lead bytes followed by non-continuation bytes.
    static func looksLikeWindows1251(_ bytes: [UInt8]) -> Bool {
        let high = bytes.filter { $0 >= 0x80 }
        guard !high.isEmpty else { return false }
        let cyrillic = high.filter { $0 >= 0xC0 || $0 == 0xA8 || $0 == 0xB8 }
        return Double(cyrillic.count) / Double(high.count) > 0.7
    }

    static func firstInvalidPosition(_ bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A { line += 1; lineStart = i + 1; i += 1; continue }
            let length: Int
            switch b {
            case 0x00..<0x80: length = 1
            case 0xC2..<0xE0: length = 2
            case 0xE0..<0xF0: length = 3
            case 0xF0..<0xF5: length = 4
            default: length = 0
            }
            var valid = length > 0 && i + length <= bytes.count
            if valid { for k in 1..<max(length, 1) where bytes[i + k] & 0xC0 != 0x80 { valid = false } }
            if !valid {
                let prefix = Array(bytes[lineStart..<i])
                let column = (String(validating: prefix, as: UTF8.self)?.count ?? prefix.count) + 1
                return (line, column)
            }
            i += length
        }
        return (line, 1)
    }
}
