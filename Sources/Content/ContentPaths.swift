import Domain
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The files of one content folder, listed once. Every path the content references is
/// resolved against this list: nothing outside the folder is ever opened.
public struct ContentFiles: Sendable {
    public let root: URL
    /// How the root is shown in diagnostics, e.g. `content`.
    public let shownRoot: String
    /// Relative paths (with `/`) of every regular file, and their sizes.
    public let sizes: [String: Int]

    public init(root: URL, shownRoot: String) {
        self.root = root.standardizedFileURL
        self.shownRoot = shownRoot
        var sizes: [String: Int] = [:]
        Self.walk(self.root.path, prefix: "", into: &sizes)
        self.sizes = sizes
    }

    /// Regular files under `folder`, hidden ones skipped. POSIX calls: URL resource values
    /// cost a tenth of a rebuild in `serve`.
    private static func walk(_ folder: String, prefix: String, into sizes: inout [String: Int]) {
        guard let dir = opendir(folder) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            let path = folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            // A linked file counts; a linked folder is not followed (it could loop back).
            let isLink = info.st_mode & S_IFMT == S_IFLNK
            if isLink, stat(path, &info) != 0 { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR where !isLink: walk(path, prefix: prefix + name + "/", into: &sizes)
            case S_IFREG: sizes[prefix + name] = Int(info.st_size)
            default: break
            }
        }
    }

    public func shown(_ relative: String) -> String {
        shownRoot.isEmpty ? relative : shownRoot + "/" + relative
    }

    public func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    public func exists(_ relative: String) -> Bool { sizes[relative] != nil }

    /// Relative paths under `folder` with the extension, sorted.
    public func list(_ folder: String, ext: String) -> [String] {
        sizes.keys.filter { $0.hasPrefix(folder + "/") && $0.hasSuffix("." + ext) && !$0.dropFirst(folder.count + 1).contains("/") }.sorted()
    }

    public enum Resolution: Equatable {
        case inside(String)
        /// `../../etc/passwd`: refused, never read.
        case escapes
        /// `https://…`, `mailto:`: not a file of the folder.
        case external
    }

    /// Resolves a path written in content (`images/a.jpg`, `/files/b.pdf`, `./x.pdf`)
    /// relative to the content folder, or relative to `from` (a content-relative folder)
    /// for paths in Markdown bodies that start with `./` or `../`.
    public static func resolve(_ raw: String, from folder: String = "") -> Resolution {
        let path = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? raw
        let noQuery = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? path
        if noQuery.contains("://") || noQuery.hasPrefix("mailto:") || noQuery.hasPrefix("tel:") || noQuery.hasPrefix("//")
            || noQuery.hasPrefix("data:") || noQuery.hasPrefix("javascript:") {
            return .external
        }
        let decoded = noQuery.removingPercentEncoding ?? noQuery
        var parts: [Substring] = []
        let relativeToFolder = decoded.hasPrefix("./") || decoded.hasPrefix("../")
        if relativeToFolder { parts = folder.split(separator: "/") }
        for piece in decoded.split(separator: "/") {
            switch piece {
            case ".": continue
            case "..":
                if parts.isEmpty { return .escapes }
                parts.removeLast()
            default: parts.append(piece)
            }
        }
        return .inside(parts.joined(separator: "/"))
    }
}
