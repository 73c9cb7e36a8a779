import Domain
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The files of one content folder, listed once. Every path the content references is
/// resolved against this list: nothing outside the folder is ever opened.
///
/// Symbolic links are resolved and kept only when their target lies inside the content
/// folder (a shared picture linked twice is fine); a link leading outside, a broken link
/// and a file name with control characters are refused and reported, never read.
/// A file as `stat` saw it: equal stamps mean the file was not written in between.
public struct FileStamp: Sendable, Hashable, Codable {
    var size: Int
    public internal(set) var modified: Int
    var modifiedNanoseconds: Int
    var changed: Int
    var changedNanoseconds: Int
    var inode: UInt64
    var device: UInt64

    /// For what is kept without a file of its own.
    static let none = FileStamp(stat())

    init(size: Int, modified: Int, modifiedNanoseconds: Int, changed: Int, changedNanoseconds: Int, inode: UInt64, device: UInt64) {
        self.size = size
        self.modified = modified
        self.modifiedNanoseconds = modifiedNanoseconds
        self.changed = changed
        self.changedNanoseconds = changedNanoseconds
        self.inode = inode
        self.device = device
    }

    init(_ info: stat) {
        size = Int(info.st_size)
        modified = Int(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
        changed = Int(info.st_ctim.tv_sec)
        changedNanoseconds = Int(info.st_ctim.tv_nsec)
        inode = UInt64(info.st_ino)
        device = UInt64(info.st_dev)
    }
}

extension FileStamp {
    /// Adds every field: equal fingerprints mean the file was not written in between.
    public func combine(into hasher: inout StableHasher) {
        for value in [size, modified, modifiedNanoseconds, changed, changedNanoseconds] { hasher.combine(value) }
        hasher.combine(Int(truncatingIfNeeded: inode))
        hasher.combine(Int(truncatingIfNeeded: device))
    }
}

public struct ContentFiles: Sendable {
    public let root: URL
    /// `root.path`, made once: a load keys every entry by it.
    public let rootPath: String
    /// How the root is shown in diagnostics, e.g. `content`.
    public let shownRoot: String
    /// Relative paths (with `/`) of every regular file, and their sizes.
    public let sizes: [String: Int]
    /// What the listing saw of each file (size, change time, inode): `serve` reads again
    /// only a file whose stamp changed.
    public let stamps: [String: FileStamp]
    /// Linked files that stay inside the folder: relative path → the real file's absolute path.
    /// Copies and reads go to the real file, so the output never holds a link.
    private let targets: [String: String]
    /// What was refused while listing, as located errors.
    public let problems: [Diagnostic]

    public init(root: URL, shownRoot: String) {
        self.root = root.standardizedFileURL
        rootPath = self.root.path
        self.shownRoot = shownRoot
        var listing = Listing(realRoot: Self.realPath(self.root.path) ?? self.root.path, shownRoot: shownRoot)
        listing.walk(self.root.path, prefix: "")
        sizes = listing.sizes
        stamps = listing.stamps
        targets = listing.targets
        problems = listing.problems
        children = Self.children(of: listing.sizes)
    }

    private static func children(of sizes: [String: Int]) -> [String: [String]] {
        var children: [String: [String]] = [:]
        let slash = UInt8(ascii: "/")
        for path in sizes.keys {
            // Bytes, not characters: a bank lists 33,000 paths.
            let utf8 = path.utf8
            guard let first = utf8.firstIndex(of: slash), !utf8[utf8.index(after: first)...].contains(slash) else { continue }
            children[String(path[..<first]), default: []].append(path)
        }
        return children.mapValues { $0.sorted() }
    }

    /// The folders inside this one, listed from this listing instead of walked again: a bank
    /// lists its 500 schools' folders once. `folders` are relative (`schools/x/content`); a
    /// folder this listing did not walk as a real folder of its own (reached through a link,
    /// hidden, outside) is walked. The result is what walking it would give: a linked file
    /// inside the folder that leads out of it (into another school) is refused there.
    public func subfolders(_ folders: [(folder: String, shownAs: String)]) -> [ContentFiles] {
        let realRoot = Self.realPath(root.path) ?? root.path
        // Each path goes to the folders among its parents: one pass, no sort of every path.
        var index: [String: [Int]] = [:]
        for (i, folder) in folders.enumerated() { index[folder.folder, default: []].append(i) }
        var members = Array(repeating: [String](), count: folders.count)
        for path in sizes.keys {
            let utf8 = path.utf8
            var end = utf8.endIndex
            while let slash = utf8[..<end].lastIndex(of: UInt8(ascii: "/")) {
                for i in index[String(path[..<slash])] ?? [] { members[i].append(path) }
                end = slash
            }
        }
        return Array(zip(folders, members)).parallelMap { entry, paths in
            let (folder, shown) = entry
            let url = root.appendingPathComponent(folder)
            let parts = folder.split(separator: "/", omittingEmptySubsequences: false)
            guard !folder.isEmpty, !parts.contains(where: { $0.isEmpty || $0.hasPrefix(".") }),
                  let real = Self.realPath(url.path), real == realRoot + "/" + folder else {
                return ContentFiles(root: url, shownRoot: shown)
            }
            let prefix = folder + "/"
            var sizes: [String: Int] = [:]
            var stamps: [String: FileStamp] = [:]
            var targets: [String: String] = [:]
            var problems: [Diagnostic] = []
            sizes.reserveCapacity(paths.count)
            stamps.reserveCapacity(paths.count)
            // In order: links refused are reported as a walk of the folder would.
            for path in paths.sorted() {
                let relative = String(path.dropFirst(prefix.count))
                if let target = self.targets[path] {
                    guard target.hasPrefix(real + "/") else {
                        problems.append(Self.linkOutside(String(Self.fileName(relative)), to: target, at: shown + "/" + relative))
                        continue
                    }
                    targets[relative] = target
                }
                sizes[relative] = self.sizes[path]
                stamps[relative] = self.stamps[path]
            }
            problems += self.problems.filter { $0.location.file == shown || $0.location.file.hasPrefix(shown + "/") }
            return ContentFiles(url.standardizedFileURL, shownRoot: shown, sizes: sizes, stamps: stamps, targets: targets, problems: problems)
        }
    }

    /// - Parameter children: `children(of: sizes)`, when the same files are listed already.
    private init(_ root: URL, shownRoot: String, sizes: [String: Int], stamps: [String: FileStamp], targets: [String: String],
                 problems: [Diagnostic], children: [String: [String]]? = nil) {
        self.root = root
        rootPath = root.path
        self.shownRoot = shownRoot
        self.sizes = sizes
        self.stamps = stamps
        self.targets = targets
        self.problems = problems
        self.children = children ?? Self.children(of: sizes)
    }

    /// A link whose file lies outside the folder: refused, never read.
    static func linkOutside(_ name: String, to real: String, at shown: String) -> Diagnostic {
        .error("file.symlink", "символическая ссылка ведёт за пределы папки с материалами: \(name) → \(real)",
               at: SourceRef(file: shown),
               hint: "Файлы вне папки с материалами не публикуются. Скопируйте нужный файл внутрь папки вместо ссылки.")
    }

    /// The files directly in each top folder, sorted: what `list` answers from.
    private let children: [String: [String]]

    /// The listing with `paths` (files listed already, directly in a top folder) looked at
    /// again, for `serve` after an edit of them; nil when one is no longer a file of its own in
    /// a real folder (removed, linked, replaced): the folder must then be walked again.
    public func restamped(_ paths: [String]) -> ContentFiles? {
        var sizes = self.sizes
        var stamps = self.stamps
        for relative in paths {
            guard sizes[relative] != nil, targets[relative] == nil, let slash = relative.firstIndex(of: "/"),
                  !relative[relative.index(after: slash)...].contains("/"),
                  Self.isRealFolder(rootPath + "/" + relative[..<slash]) else { return nil }
            var info = stat()
            guard lstat(rootPath + "/" + relative, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            sizes[relative] = Int(info.st_size)
            stamps[relative] = FileStamp(info)
        }
        return ContentFiles(root, shownRoot: shownRoot, sizes: sizes, stamps: stamps, targets: targets, problems: problems,
                            children: children)
    }

    /// The file name of a relative path (`news/x.md` → `x.md`), without bridging to NSString:
    /// a load asks it of every entry file.
    public static func fileName(_ relative: String) -> Substring {
        guard let slash = relative.utf8.lastIndex(of: UInt8(ascii: "/")) else { return relative[...] }
        return relative[relative.utf8.index(after: slash)...]
    }

    /// The largest file of each kind read into memory: bounds memory and time on hostile
    /// input (docs/rules.md, `file.too-large`).
    public static func sizeLimit(for relative: String) -> Int {
        switch (relative as NSString).pathExtension.lowercased() {
        case "md": return 5 << 20
        case "yml", "yaml": return 1 << 20
        case "csv": return 5 << 20
        default: return 50 << 20
        }
    }

    /// Reads a text file of the folder, refusing one over its size limit.
    public func read(_ relative: String) -> Result<SourceFile, Diagnostic> {
        let limit = Self.sizeLimit(for: relative)
        if let size = sizes[relative], size > limit {
            return .failure(.error("file.too-large",
                                   "файл слишком большой: \(Self.megabytes(size)) МБ (\(size) байт), допустимо не больше \(Self.megabytes(limit)) МБ",
                                   at: SourceRef(file: shown(relative), line: 1, column: 1),
                                   hint: "Разделите текст на несколько страниц или уберите из него вставленные данные (картинки в base64, таблицы из Excel)."))
        }
        return SourceReader.read(url(relative), shownAs: shown(relative))
    }

    /// A file of this folder by the path messages show (`content/news/x.md`); nil for another folder's.
    public func read(shown path: String) -> SourceFile? {
        let prefix = shownRoot.isEmpty ? "" : shownRoot + "/"
        guard path.hasPrefix(prefix), case .success(let file) = read(String(path.dropFirst(prefix.count))) else { return nil }
        return file
    }

    /// The files `diagnostics` point into, for showing their lines: those in `known`, the others
    /// of this folder read again (a load does not keep texts it did not need).
    public func sources(for diagnostics: [Diagnostic], known: [String: SourceFile]) -> [String: SourceFile] {
        var out = known.filter { _ in false }
        for path in Set(diagnostics.map(\.location.file)) {
            if let file = known[path] ?? read(shown: path) { out[path] = file }
        }
        return out
    }

    static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + (1 << 20) / 2) >> 20
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10),\(tenths % 10)"
    }

    /// Whether `path` is a folder itself, not a link to one: what the program writes its caches
    /// into must not lead elsewhere (a site folder can come from an archive).
    public static func isRealFolder(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// A file an entry may name and a page may link or show: a picture or a document (any file
    /// under files/ and images/, any file that is not one of the texts the loader reads).
    /// What entries say depends on which of these exist, so caches of entries follow them.
    public static func isNamedFile(_ relative: String) -> Bool {
        !isText(relative) || relative.hasPrefix("files/") || relative.hasPrefix("images/")
    }

    /// The path with every symbolic link resolved; nil when it does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// One walk over the folder. POSIX calls: URL resource values cost a tenth of a rebuild in `serve`.
    private struct Listing {
        let realRoot: String
        let shownRoot: String
        var sizes: [String: Int] = [:]
        var stamps: [String: FileStamp] = [:]
        var targets: [String: String] = [:]
        var problems: [Diagnostic] = []

        init(realRoot: String, shownRoot: String) {
            self.realRoot = realRoot
            self.shownRoot = shownRoot
        }

        func shown(_ relative: String) -> String { shownRoot.isEmpty ? relative : shownRoot + "/" + relative }

        /// `folder` is opened relative to `parent` (a folder already open): no path is looked
        /// up from the root again, which cost a bank of 500 schools a second per walk.
        mutating func walk(_ folder: String, prefix: String, parent: Int32 = AT_FDCWD, name folderName: String? = nil) {
            // The content folder itself may be a link; a folder inside it was seen as a real one.
            let fd = openat(parent, folderName ?? folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (folderName == nil ? 0 : O_NOFOLLOW))
            guard fd >= 0 else { return }
            guard let dir = fdopendir(fd) else { close(fd); return }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name.hasPrefix(".") { continue }
                let path = folder + "/" + name
                let relative = prefix + name
                if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{FFFD}" }) {
                    // The name cannot be shown on one line: the message names the folder that holds it.
                    let escaped = name.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
                    problems.append(.error("file.name", "в имени файла «\(escaped)» есть управляющие символы (перевод строки, табуляция) или байты не в UTF-8",
                                           at: SourceRef(file: prefix.isEmpty ? shownRoot : shown(String(prefix.dropLast()))),
                                           hint: "Переименуйте файл: буквы, цифры, дефис и точка."))
                    continue
                }
                var info = stat()
                guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFLNK {
                    guard let real = ContentFiles.realPath(path), stat(real, &info) == 0 else {
                        problems.append(.error("file.symlink", "ссылка «\(name)» никуда не ведёт (битая символическая ссылка)",
                                               at: SourceRef(file: shown(relative)), hint: "Удалите ссылку или положите на её место сам файл."))
                        continue
                    }
                    guard real.hasPrefix(realRoot + "/") else {
                        problems.append(ContentFiles.linkOutside(name, to: real, at: shown(relative)))
                        continue
                    }
                    // A linked folder is not followed (it could loop back); a linked file inside counts.
                    if info.st_mode & S_IFMT == S_IFREG {
                        sizes[relative] = Int(info.st_size)
                        stamps[relative] = FileStamp(info)
                        targets[relative] = real
                    }
                    continue
                }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: walk(path, prefix: relative + "/", parent: fd, name: name)
                case S_IFREG:
                    sizes[relative] = Int(info.st_size)
                    stamps[relative] = FileStamp(info)
                default: break
                }
            }
        }
    }

    /// Every file's path, size and text digest (by shown path, as loads keep them), in no
    /// order: what a school's loaded and checked content is made of.
    public func print(digests: [String: Fingerprint]) -> Fingerprint {
        var all = UnorderedHasher()
        for (path, size) in sizes {
            var file = StableHasher()
            file.combine(path)
            file.combine(size)
            file.combine(digests[shown(path)] ?? .zero)
            all.add(file.finalize())
        }
        return all.finalize()
    }

    public func shown(_ relative: String) -> String {
        shownRoot.isEmpty ? relative : shownRoot + "/" + relative
    }

    /// The file to open or copy: for a linked file, the real file it leads to.
    public func url(_ relative: String) -> URL {
        if let real = targets[relative] { return URL(fileURLWithPath: real) }
        return root.appendingPathComponent(relative)
    }

    public func exists(_ relative: String) -> Bool { sizes[relative] != nil }

    /// Whether the file is one the loader reads as text (an entry, a YAML file, a table),
    /// not a picture or document that pages only link or show.
    public static func isText(_ relative: String) -> Bool {
        relative.hasSuffix(".md") || relative.hasSuffix(".yml") || relative.hasSuffix(".csv")
    }

    /// Relative paths under `folder` with the extension, sorted.
    public func list(_ folder: String, ext: String) -> [String] {
        guard !folder.contains("/") else {
            return sizes.keys.filter { $0.hasPrefix(folder + "/") && $0.hasSuffix("." + ext) && !$0.dropFirst(folder.count + 1).contains("/") }.sorted()
        }
        return (children[folder] ?? []).filter { $0.hasSuffix("." + ext) }
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
        // Cut at the first `#`, then at the first `?`; a path without `%` has nothing to decode
        // (every link of every body comes here: this was a thirty-fifth of a regional bank's
        // load).
        var path = Substring(raw)
        if let hash = path.utf8.firstIndex(of: UInt8(ascii: "#")) { path = path[..<hash] }
        if let query = path.utf8.firstIndex(of: UInt8(ascii: "?")) { path = path[..<query] }
        let noQuery = String(path)
        if noQuery.contains("://") || noQuery.hasPrefix("mailto:") || noQuery.hasPrefix("tel:") || noQuery.hasPrefix("//")
            || noQuery.hasPrefix("data:") || noQuery.hasPrefix("javascript:") {
            return .external
        }
        let decoded = noQuery.utf8.contains(UInt8(ascii: "%")) ? noQuery.removingPercentEncoding ?? noQuery : noQuery
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
