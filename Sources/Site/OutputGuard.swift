import Content
import Foundation

/// Where a build may write. The swap replaces the whole output folder, so an output that is,
/// holds or lies inside the content, the site folder or a theme would delete the sources.
public enum OutputGuard {
    /// A folder the build reads from, with how it is named after «папка» in messages
    /// («с материалами content», «темы default»).
    public struct Protected: Sendable {
        public var url: URL
        public var what: String
        /// Whether writing inside it is also refused (the content folder, themes); an output
        /// inside the site folder (`site/public`) is the usual layout.
        public var insideRefused: Bool

        public init(_ url: URL, _ what: String, insideRefused: Bool = true) {
            self.url = url
            self.what = what
            self.insideRefused = insideRefused
        }
    }

    /// nil when `output` may be written; otherwise a Russian reason.
    public static func problem(output: URL, shownAs shown: String, protected: [Protected]) -> String? {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: output.path, isDirectory: &isFolder), !isFolder.boolValue {
            return "«\(shown)» — существующий файл, а не папка; укажите папку для сайта"
        }
        let out = canonical(output)
        for folder in protected {
            let p = canonical(folder.url)
            if out == p {
                return "папка для сайта «\(shown)» совпадает с папкой \(folder.what): сборка заменила бы её целиком"
            }
            if p.hasPrefix(out == "/" ? "/" : out + "/") {
                return "папка для сайта «\(shown)» содержит папку \(folder.what): сборка удалила бы её"
            }
            if folder.insideRefused, out.hasPrefix(p == "/" ? "/" : p + "/") {
                return "папка для сайта «\(shown)» лежит внутри папки \(folder.what)"
            }
        }
        return nil
    }

    /// The real path: symbolic links resolved for the part that exists, the rest appended.
    public static func canonical(_ url: URL) -> String {
        var existing = url.standardizedFileURL.path
        var rest: [String] = []
        while existing != "/", ContentFiles.realPath(existing) == nil {
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
            if existing.isEmpty { existing = "/" }
        }
        let base = ContentFiles.realPath(existing) ?? existing
        let joined = ([base == "/" ? "" : base] + rest).joined(separator: "/")
        return joined.isEmpty ? "/" : joined
    }
}

/// A path as short as messages can show it: relative to the working folder when inside it.
public enum ShownPath {
    public static func relative(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let path = url.standardizedFileURL.path
        if path == cwd { return "." }
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }
}
