import Content
import CPlatform
import Domain
import Foundation
import Synchronization

/// One file of the output as a build left it: what the next build compares with, to leave an
/// unchanged file alone.
struct OutputRecord: Sendable, Equatable {
    /// Of its bytes (a generated file) or of its source's path and stamp (a copied one).
    var print: Fingerprint
    /// What `stat` said of it once written: a file edited or removed since is written again.
    var stamp: OutputStamp
    /// Its number among the records read from the build cache (-1: not read from it): a
    /// listing marks the files it finds as recorded by number (`OutputListing.intact`), not
    /// by path in a table of 20,000.
    var number: Int32 = -1
}

/// Size, modification time and inode; not `Content.FileStamp`, which also holds the change
/// time: a `rename` into the output changes that, and the file would never count as kept.
struct OutputStamp: Sendable, Hashable, Codable {
    var size: Int
    var modified: Int
    var nanoseconds: Int
    var inode: UInt64

    init(size: Int, modified: Int, nanoseconds: Int, inode: UInt64) {
        self.size = size
        self.modified = modified
        self.nanoseconds = nanoseconds
        self.inode = inode
    }

    init(_ info: stat) {
        self.init(size: Int(info.st_size), modified: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec),
                  inode: UInt64(info.st_ino))
    }

    /// A regular file's stamp; nil for anything else (a link, a folder, nothing).
    static func of(_ path: String) -> OutputStamp? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return OutputStamp(info)
    }
}

/// Writes a build's output so that a failed or killed build never leaves a broken site, and an
/// unchanged file is never written again.
///
/// Every file that changed is written into a staging folder beside the output
/// (`.public.building-PID`), never into the output itself. Then:
/// - **A first or clean build** (nothing known of the output) swaps the staging folder with
///   the output in one system call (`renameat2(RENAME_EXCHANGE)`); the old output is removed
///   after that.
/// - **Any later build** (the build cache knows every file of the output and its stamp) writes
///   only the files whose bytes differ and commits them through a journal
///   (`.public.journal-PID`): the list of files to move in and files to remove, written whole
///   and renamed into place: that rename is the commit. The moves and removals follow, each a
///   single `rename` or `unlink`, and the journal is removed last.
///
/// A large file (the search index) is not written into a new file of its own: the file it
/// replaced at the last commit was kept aside (`spares`, in the build cache's folder), and is
/// written over and moved in instead (`SpareFile`).
///
/// A build killed before the commit leaves the output as it was (the staging folder is
/// removed by the next build); a build killed after it leaves a journal that the next build,
/// or `serve`, carries out before anything else. Every file of the output is at every moment
/// whole, in its old or its new version; no old tree is ever deleted on the way.
final class SiteOutput: Sendable {
    let destination: URL
    let staging: URL
    /// What the last build left, when known and trusted: then only changed files are written.
    private let previous: [String: OutputRecord]?
    /// The output as it is now: a file found there that the last build did not write (put
    /// there by hand, or by another build) is removed at the commit, so the output holds
    /// exactly this build's files.
    private let existing: OutputListing
    private let written = Mutex<[String: OutputRecord]>([:])
    /// Files written into the staging folder (the others are kept as they are).
    private let staged = Mutex<Set<String>>([])
    /// Where large files replaced by a commit are kept, to be written over by the next build.
    private let spares: URL?
    /// The large files this build wrote: the files they replace are kept at the commit.
    private let large = Mutex<[String]>([])
    /// A first build (no output yet) replaces nothing: it writes each large file a second time
    /// as its spare, for the next build to write over (33 MB more of a 400 MB first build,
    /// against a new file for each large one in the next).
    private let seedsSpares: Bool
    /// From this size a file is large: the search index of a small site too (the demo's is
    /// 33 KB), so that not only large sites go this way; a few more calls for a few files.
    /// Tests lower it (`NASTAVNIK_RECYCLE_FROM`) to have most files of the demo go this way.
    static let largeFrom = ProcessInfo.processInfo.environment["NASTAVNIK_RECYCLE_FROM"].flatMap(Int.init) ?? 32 << 10

    /// The output's folders as listed, for the next build's listing (`files(in:known:)`).
    let folders: OutputFolders
    /// How many of them the listing read (it could not take them as the last listing left them).
    let foldersRead: Int

    /// - Parameters:
    ///   - listed: the output as `files(in:known:)` found it, when listed already.
    ///   - spares: the folder where replaced large files are kept; nil to keep none.
    init(destination: URL, previous: [String: OutputRecord]?, listed: OutputListing? = nil, spares: URL? = nil) throws {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        Self.recover(self.destination)
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: self.destination.path, isDirectory: &isFolder) && isFolder.boolValue
        self.previous = exists ? previous : nil
        seedsSpares = !exists
        let listing = exists && previous != nil ? listed ?? Self.files(in: self.destination.path) : nil
        existing = listing ?? OutputListing(files: [:], folders: OutputFolders())
        folders = listing?.folders ?? OutputFolders()
        foldersRead = listing?.read ?? 0
        // Sized once: a rebuild keeps most of the last build's files.
        if let previous { written.withLock { $0.reserveCapacity(previous.count) } }
        // A real folder only (a link there would have files written where it points), on the
        // output's file system (else the renames fail, and files are written anew).
        if let spares, ContentFiles.isRealFolder(spares.deletingLastPathComponent().path) {
            mkdir(spares.path, 0o755)
            self.spares = ContentFiles.isRealFolder(spares.path) ? spares : nil
        } else {
            self.spares = nil
        }
        staging = parent.appendingPathComponent(".\(self.destination.lastPathComponent).building-\(getpid())")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// Whether the whole output is made anew (no last build known): the commit swaps it in.
    var isClean: Bool { previous == nil }

    /// How many files this build wrote (the others were left as they were).
    var writtenCount: Int { staged.withLock { $0.count } }

    /// The output's files after `commit`, for the next build.
    var records: [String: OutputRecord] { written.withLock { $0 } }

    /// Writes `data` at `relative`, unless the output already holds these bytes there.
    func write(_ data: Data, to relative: String) throws {
        let print = StableHasher.of(data)
        if keepIfSame(relative, print: print) { return }
        let path = staging.path + "/" + relative
        if let slash = relative.lastIndex(of: "/") { try Self.makeDirectories(staging.path + "/" + relative[..<slash]) }
        let isLarge = data.count >= Self.largeFrom
        let spare = isLarge ? spareFile(relative).flatMap { SpareFile.reuse($0, at: path) } : nil
        // Plain POSIX calls: FileManager's per-file directory checks dominated the write of 10,000 pages.
        let fd = spare ?? open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(fd) }
        if isLarge { large.withLock { $0.append(relative) } }
        // A new large file gets its blocks at once: renamed over the old one at the commit, it
        // is then not flushed to disk there (`nastavnik_allocate`).
        if spare == nil && data.count >= 1 << 20 { nastavnik_allocate(fd, Int64(data.count)) }
        guard data.withUnsafeBytes({ SpareFile.write($0, to: fd) }) else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        if isLarge && seedsSpares, let spare = spareFile(relative) {
            unlink(spare)
            let copy = open(spare, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if copy >= 0 {
                if !data.withUnsafeBytes({ SpareFile.write($0, to: copy) }) { unlink(spare) }
                close(copy)
            }
        }
        // A kept file longer than the new bytes is cut to them.
        if spare != nil, ftruncate(fd, off_t(data.count)) != 0 { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        record(relative, OutputRecord(print: print, stamp: OutputStamp(info)), staged: true)
    }

    /// Where the file of the output at `relative` is kept once replaced.
    private func spareFile(_ relative: String) -> String? {
        guard let spares else { return nil }
        let name = StableHasher.of(relative)
        return spares.path + "/" + String(name.high, radix: 16) + String(name.low, radix: 16)
    }

    /// Keeps the files the large ones of this build replace, under a second name that
    /// outlives their replacement.
    private func keepReplaced() {
        let root = destination.path + "/"
        for relative in large.withLock({ $0 }) {
            guard let spare = spareFile(relative) else { return }
            SpareFile.keep(root + relative, as: spare)
        }
    }

    /// Removes the kept files of large files the output no longer holds (a page removed), and
    /// those still linked to a file of the output (a build killed before its commit kept them).
    private func removeStaleSpares() {
        guard let spares, let names = try? FileManager.default.contentsOfDirectory(atPath: spares.path) else { return }
        let wanted = Set(records.compactMap { $0.value.stamp.size >= Self.largeFrom ? spareFile($0.key) : nil })
        for name in names {
            let path = spares.path + "/" + name
            var info = stat()
            let usable = lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && info.st_nlink == 1
            if !usable || !wanted.contains(path) { unlink(path) }
        }
    }

    /// Copies `source` to `relative`, unless the output holds the copy made of this very file
    /// (its path and stamp unchanged).
    func copy(_ source: URL, to relative: String) throws {
        guard let sourceStamp = OutputStamp.of(source.resolvingSymlinksInPath().path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: source.path])
        }
        var hasher = StableHasher()
        hasher.combine(source.path)
        hasher.combine(sourceStamp.size)
        hasher.combine(sourceStamp.modified)
        hasher.combine(sourceStamp.nanoseconds)
        hasher.combine(Int(truncatingIfNeeded: sourceStamp.inode))
        let print = hasher.finalize()
        if keepIfSame(relative, print: print) { return }
        let url = staging.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: url)
        // A real copy, not a hard link: a deploy step that edits the output in place must
        // never change the content folder or the image cache.
        try FileManager.default.copyItem(at: source, to: url)
        guard let stamp = OutputStamp.of(url.path) else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
        record(relative, OutputRecord(print: print, stamp: stamp), staged: true)
    }

    /// Keeps the file of a page not rendered again; false when the output no longer holds
    /// what the last build wrote there (the page must be rendered).
    func keep(_ relative: String) -> Bool {
        guard let known = previous?[relative], existing.holds(relative, as: known) else { return false }
        record(relative, known, staged: false)
        return true
    }

    /// What the last build wrote at `relative`, if the output still holds it as written.
    func intact(_ relative: String) -> OutputRecord? {
        guard let known = previous?[relative], existing.holds(relative, as: known) else { return nil }
        return known
    }

    private func keepIfSame(_ relative: String, print: Fingerprint) -> Bool {
        guard let known = previous?[relative], known.print == print else { return false }
        return keep(relative)
    }

    private func record(_ relative: String, _ record: OutputRecord, staged isStaged: Bool) {
        written.withLock { $0[relative] = record }
        if isStaged { staged.withLock { _ = $0.insert(relative) } }
    }

    /// Puts the new files in place and removes those no longer made.
    func commit() throws {
        guard let previous else { return try swap() }
        let moves = staged.withLock { $0 }.sorted()
        // Looked up in what this build wrote or kept, without sets of the 20,000 paths. Every
        // file kept was the last build's: when the files written that were not are as many as
        // the last build's files not among this build's, there are none (the usual rebuild),
        // and the 20,000 paths are not looked up.
        let removals = written.withLock { kept in
            let added = moves.lazy.filter { previous[$0] == nil }.count
            let gone = kept.count - added == previous.count ? [] : previous.keys.filter { kept[$0] == nil }
            let found = existing.strays ?? existing.files.keys.filter { previous[$0] == nil }
            return gone + found.filter { kept[$0] == nil && previous[$0] == nil }
        }.sorted()
        FaultInjection.point("staged")
        if !moves.isEmpty || !removals.isEmpty {
            keepReplaced()
            FaultInjection.point("spared")
            let journal = Journal(staging: staging.lastPathComponent, moves: moves, removals: removals)
            try journal.write(to: Self.journalURL(destination, pid: getpid()))
            FaultInjection.point("journal")
            journal.apply(to: destination)
        }
        try? FileManager.default.removeItem(at: Self.journalURL(destination, pid: getpid()))
        try? FileManager.default.removeItem(at: staging)
        if !moves.isEmpty || !removals.isEmpty { removeStaleSpares() }
    }

    /// A clean build: the staging folder becomes the output.
    private func swap() throws {
        let fm = FileManager.default
        FaultInjection.point("staged")
        var isFolder: ObjCBool = false
        let replaces = fm.fileExists(atPath: destination.path, isDirectory: &isFolder) && isFolder.boolValue
        // The old tree is removed whole; its large files are kept first for the next build.
        if replaces {
            keepReplaced()
            FaultInjection.point("spared")
        }
        if replaces, nastavnik_exchange_paths(staging.path, destination.path) == 0 {
            FaultInjection.point("swapped")
            // The staging name now holds the previous output: removed by another process, off
            // the build's time (21,000 files take seconds to unlink).
            Self.removeInBackground(staging, as: destination.deletingLastPathComponent()
                .appendingPathComponent(".\(destination.lastPathComponent).old-\(getpid())"))
            removeStaleSpares()
            return
        }
        let old = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).old-\(getpid())")
        try? fm.removeItem(at: old)
        if fm.fileExists(atPath: destination.path) {
            try fm.moveItem(at: destination, to: old)
        }
        do {
            try fm.moveItem(at: staging, to: destination)
        } catch {
            if fm.fileExists(atPath: old.path) { try? fm.moveItem(at: old, to: destination) }
            throw error
        }
        try? fm.removeItem(at: old)
        removeStaleSpares()
    }

    /// Renames `folder` to `name` and has `rm -rf` remove it without waiting: a leftover is
    /// removed by the next build (`recover`) once this process is gone.
    static func removeInBackground(_ folder: URL, as name: URL) {
        guard rename(folder.path, name.path) == 0 else {
            try? FileManager.default.removeItem(at: folder)
            return
        }
        var pid: pid_t = 0
        let args = ["rm", "-rf", "--", name.path]
        var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for arg in argv { free(arg) } }
        if posix_spawn(&pid, "/bin/rm", nil, nil, &argv, environ) != 0 {
            try? FileManager.default.removeItem(at: name)
        }
    }

    func discard() {
        try? FileManager.default.removeItem(at: staging)
    }

    static func journalURL(_ destination: URL, pid: Int32) -> URL {
        destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).journal-\(pid)")
    }

    /// Finishes what killed builds left: a committed journal is carried out, then staging and
    /// old folders of processes that no longer run are removed.
    static func recover(_ destination: URL) {
        let parent = destination.deletingLastPathComponent()
        let name = destination.lastPathComponent
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        func deadProcess(_ entry: String, _ kind: String) -> Bool {
            let prefix = "." + name + kind
            guard entry.hasPrefix(prefix), let pid = Int32(entry.dropFirst(prefix.count)) else { return false }
            return pid != getpid() && !(kill(pid, 0) == 0 || errno == EPERM)
        }
        for entry in entries where deadProcess(entry, ".journal-") {
            let url = parent.appendingPathComponent(entry)
            if let journal = Journal.read(url) {
                journal.apply(to: destination)
                try? FileManager.default.removeItem(at: parent.appendingPathComponent(journal.staging))
            }
            try? FileManager.default.removeItem(at: url)
        }
        for entry in entries where deadProcess(entry, ".building-") || deadProcess(entry, ".old-") {
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
        }
    }

    /// Every file under `root`, relative, with its stamp, and the stamps of its folders.
    ///
    /// A folder whose stamp is the one the last listing saw, and was already old then, holds
    /// the same names as then: a name added, removed or renamed in a folder changes its
    /// modification time. Such a folder is not read again; only its files' stamps are taken
    /// (a file edited in place changes its own stamp, not its folder's). Its names are the
    /// last build's files in it (`known.files`): the commit that followed that listing changed
    /// any folder it put a file in or removed one from, and removed every file it did not make.
    /// Others are read (`readdir`, `fstatat`; FileManager's enumerator is several times slower).
    /// The top folders are walked on all cores.
    static func files(in root: String, known: KnownOutput? = nil) -> OutputListing {
        let listedAt = time(nil)
        let trusted = known.map { KnownOutput.Trusted($0) }
        // The folders are split between the cores, the version for the visually impaired by its
        // own folders: it holds half the site.
        let vision = String(SiteURLs.visionFolder.dropLast())
        var top = FolderWalk(root: root, trusted: trusted)
        top.visit("", split: { $0.isEmpty || $0 == vision })
        let found = top.deferred.parallelMap { folder -> FolderWalk in
            var walk = FolderWalk(root: root, trusted: trusted)
            walk.visit(folder, split: { _ in false })
            return walk
        }
        // The parts go into tables sized once (merging part by part grew them a dozen times).
        let parts = [top] + found
        var files: [String: OutputStamp] = [:]
        var folders: [String: OutputStamp] = [:]
        files.reserveCapacity(parts.reduce(0) { $0 + $1.files.count })
        folders.reserveCapacity(parts.reduce(0) { $0 + $1.folders.count })
        for part in parts {
            for (path, stamp) in part.files { files[path] = stamp }
            for (path, stamp) in part.folders { folders[path] = stamp }
        }
        var intact: [Bool] = []
        if let known {
            intact = Array(repeating: false, count: known.files.count)
            for part in parts {
                for number in part.intact where Int(number) < intact.count { intact[Int(number)] = true }
            }
        }
        return OutputListing(files: files, folders: OutputFolders(stamps: folders, listedAt: listedAt), read: parts.reduce(0) { $0 + $1.read },
                             strays: trusted == nil ? nil : parts.flatMap(\.strays), intact: intact)
    }

    /// The stamps of the folders that hold `files` (relative), and of the output itself: for an
    /// output made whole by this build, which holds exactly those files, this is what listing it
    /// would keep, for half the calls.
    static func folders(of files: some Collection<String>, in root: String) -> OutputFolders {
        let listedAt = time(nil)
        var names: Set<String> = [""]
        for path in files {
            var folder = path[...]
            while let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) {
                folder = folder[..<slash]
                if !names.insert(String(folder)).inserted { break }
            }
        }
        // Looked up from the output's own descriptor, not by a path joined to the root for each
        // folder: at 10,000 pages this went from 106–182 ms to 89–94 ms.
        let rootFD = open(root, nastavnik_open_path_flag() | O_DIRECTORY | O_CLOEXEC)
        defer { if rootFD >= 0 { close(rootFD) } }
        let stamps = Array(names).parallelMap { folder -> (String, OutputStamp?) in
            var info = stat()
            let found = folder.isEmpty ? lstat(root, &info) : rootFD >= 0 ? fstatat(rootFD, folder, &info, AT_SYMLINK_NOFOLLOW) : -1
            guard found == 0, info.st_mode & S_IFMT == S_IFDIR else { return (folder, nil) }
            return (folder, OutputStamp(info))
        }
        var out = OutputFolders(listedAt: listedAt)
        out.stamps.reserveCapacity(stamps.count)
        for case let (folder, stamp?) in stamps { out.stamps[folder] = stamp }
        return out
    }

    static func makeDirectories(_ path: String) throws {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT, let slash = path.lastIndex(of: "/") else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        try makeDirectories(String(path[..<slash]))
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    }
}

/// The files a build moves into the output and removes from it, written before the first
/// move: what makes a killed build's update finishable.
struct Journal: Equatable {
    /// The staging folder's name, beside the output.
    var staging: String
    var moves: [String]
    var removals: [String]

    private static let magic = "nastavnik-journal 1"

    /// Written whole under a temporary name, synced, then renamed: a journal either exists
    /// complete or not at all.
    func write(to url: URL) throws {
        // Paths are separated by NUL, the one byte no file name holds.
        var text = Self.magic + "\0" + staging + "\0"
        for path in moves { text += "M\0" + path + "\0" }
        for path in removals { text += "D\0" + path + "\0" }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent + ".tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path]) }
        let bytes = Array(text.utf8)
        let ok = bytes.withUnsafeBytes { SpareFile.write($0, to: fd) } && fsync(fd) == 0
        close(fd)
        guard ok, rename(temporary.path, url.path) == 0 else {
            unlink(temporary.path)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }

    static func read(_ url: URL) -> Journal? {
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else { return nil }
        var fields = text.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
        guard fields.count >= 3, fields[0] == magic, fields.removeLast().isEmpty else { return nil }
        var journal = Journal(staging: fields[1], moves: [], removals: [])
        var i = 2
        while i + 1 < fields.count {
            switch fields[i] {
            case "M": journal.moves.append(fields[i + 1])
            case "D": journal.removals.append(fields[i + 1])
            default: return nil
            }
            i += 2
        }
        guard i == fields.count, !journal.staging.contains("/"), journal.staging.hasPrefix(".") else { return nil }
        // Only paths inside the output: a damaged journal must not move or remove anything else.
        let safe = (journal.moves + journal.removals).allSatisfy { path in
            !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains("..")
        }
        return safe ? journal : nil
    }

    /// Moves and removes; each step can be done again (a move whose file is gone was made).
    func apply(to destination: URL) {
        let root = destination.path
        let from = destination.deletingLastPathComponent().path + "/" + staging
        // A link put into the output (a build never makes one) goes first: a move into a
        // linked folder would follow the link out of the output.
        for path in removals {
            var info = stat()
            if lstat(root + "/" + path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK { unlink(root + "/" + path) }
        }
        for (n, path) in moves.enumerated() {
            let source = from + "/" + path
            guard access(source, F_OK) == 0 else { continue }
            if let slash = path.lastIndex(of: "/") { try? SiteOutput.makeDirectories(root + "/" + path[..<slash]) }
            let target = root + "/" + path
            // A folder where a file now goes (a page that became a file) is moved aside whole.
            var info = stat()
            if lstat(target, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { try? FileManager.default.removeItem(atPath: target) }
            if rename(source, target) != 0 {
                // Another file system (an output folder that is a mount point): copied, then renamed.
                let temporary = target + ".nastavnik-tmp"
                unlink(temporary)
                if (try? FileManager.default.copyItem(atPath: source, toPath: temporary)) != nil { rename(temporary, target) }
            }
            FaultInjection.point("move-\(n + 1)")
        }
        var folders: Set<String> = []
        for path in removals {
            unlink(root + "/" + path)
            var folder = path
            while let slash = folder.lastIndex(of: "/") {
                folder = String(folder[..<slash])
                folders.insert(folder)
            }
        }
        FaultInjection.point("removed")
        // Folders left empty go, deepest first; a folder still holding files stays.
        for folder in folders.sorted(by: { $0.count > $1.count }) { rmdir(root + "/" + folder) }
    }
}

/// Named points where a test may have the build killed (`NASTAVNIK_KILL_AT=journal`), to check
/// that a build killed at any step leaves the output whole.
enum FaultInjection {
    private static let target = ProcessInfo.processInfo.environment["NASTAVNIK_KILL_AT"]

    static func point(_ name: String) {
        if let target, target == name { kill(getpid(), SIGKILL) }
    }
}

/// The output's files and folders as a listing found them.
struct OutputListing: Sendable {
    var files: [String: OutputStamp]
    var folders: OutputFolders
    /// How many folders were read, not taken as the last listing left them.
    var read = 0
    /// The files the last build did not leave (listed with what it knew; else nil).
    var strays: [String]?
    /// Which of the last build's files (by `OutputRecord.number`) were found as it recorded
    /// them; those are not in `files`, which then holds only the others found.
    var intact: [Bool] = []

    /// Whether the file `known` records is there as recorded.
    func holds(_ relative: String, as known: OutputRecord) -> Bool {
        if known.number >= 0, Int(known.number) < intact.count, intact[Int(known.number)] { return true }
        return files[relative] == known.stamp
    }
}

/// The stamps of the output's folders (relative; the output itself is ""), and when they were
/// taken (seconds since 1970): kept with the build cache for the next listing.
struct OutputFolders: Sendable, Equatable {
    var stamps: [String: OutputStamp] = [:]
    var listedAt: Int = 0
}

/// What the last build knew of its output: the folders as listed, and the files it left.
struct KnownOutput: Sendable {
    var folders: OutputFolders
    var files: [String: OutputRecord]

    /// The folders a listing may take as unchanged, with the names they held.
    struct Trusted: Sendable {
        let folders: OutputFolders
        /// The last build's files: one found in a folder read is a stray if not among them.
        let files: [String: OutputRecord]
        /// Names by folder: slices of the known paths (20,000 of them at 10,000 pages), not
        /// copies. The folders are keys as strings: hashing a slice costs several times more.
        var names: [String: Names] = [:]

        struct Names: Sendable {
            var files: [(name: Substring, stamp: OutputStamp, number: Int32)] = []
            var folders: [Substring] = []
        }

        init(_ known: KnownOutput) {
            folders = known.folders
            files = known.files
            func split(_ path: String) -> (Substring, Substring) {
                guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return ("", path[...]) }
                return (path[..<slash], path[path.utf8.index(after: slash)...])
            }
            names.reserveCapacity(known.folders.stamps.count)
            for (path, record) in known.files {
                let (folder, name) = split(path)
                names[String(folder), default: Names()].files.append((name, record.stamp, record.number))
            }
            for path in known.folders.stamps.keys where !path.isEmpty {
                let (folder, name) = split(path)
                names[String(folder), default: Names()].folders.append(name)
            }
        }

        /// The names `folder` held when last listed, if its stamp is still `stamp`. A folder
        /// changed within two seconds before it was listed could have changed again in the same
        /// tick of the clock, after it was read, keeping its stamp.
        func names(of folder: String, stamp: OutputStamp) -> Names? {
            guard let known = folders.stamps[folder], known == stamp, known.modified + 2 < folders.listedAt else { return nil }
            return names[folder] ?? Names()
        }
    }
}

/// One core's part of a listing of the output.
private struct FolderWalk {
    let root: String
    let trusted: KnownOutput.Trusted?
    var files: [String: OutputStamp] = [:]
    var folders: [String: OutputStamp] = [:]
    /// Folders left for other cores (`split`).
    var deferred: [String] = []
    /// Folders read (`readdir`), not trusted.
    var read = 0
    /// Files found in folders read that the last build did not leave (with `trusted` only:
    /// a trusted folder's names are the last build's files).
    var strays: [String] = []
    /// The numbers of the last build's files found as recorded (`OutputListing.intact`).
    var intact: [Int32] = []

    init(root: String, trusted: KnownOutput.Trusted?) {
        self.root = root
        self.trusted = trusted
    }

    /// Lists `folder` (relative) and everything under it; the sub-folders of a folder that
    /// `split` accepts are only named in `deferred`. `parent` is an open descriptor of the
    /// folder holding it, where `name` names it: each file is then looked up from its folder,
    /// not along the whole path (a third of the kernel's time at 20,000 pages).
    mutating func visit(_ folder: String, parent: Int32 = AT_FDCWD, name: String? = nil, split: (String) -> Bool) {
        let local = name ?? (folder.isEmpty ? root : root + "/" + folder)
        let prefix = folder.isEmpty ? "" : folder + "/"
        // The folder's stamp is taken before its names are read: a change during the read
        // leaves a newer stamp, and the next listing reads it again.
        var info = stat()
        guard fstatat(parent, local, &info, AT_SYMLINK_NOFOLLOW) == 0, info.st_mode & S_IFMT == S_IFDIR else { return }
        let stamp = OutputStamp(info)
        folders[folder] = stamp
        var subfolders: [String] = []
        var fd: Int32 = -1
        if let names = trusted?.names(of: folder, stamp: stamp) {
            // A page's folder holds files only: it is not opened, its files are looked up from its parent.
            if !names.folders.isEmpty {
                fd = openat(parent, local, nastavnik_open_path_flag() | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard fd >= 0 else { return }
            }
            for (name, known, number) in names.files {
                var file = stat()
                let found = fd >= 0 ? fstatat(fd, String(name), &file, AT_SYMLINK_NOFOLLOW)
                    : fstatat(parent, local + "/" + name, &file, AT_SYMLINK_NOFOLLOW)
                guard found == 0 else { continue }
                if file.st_mode & S_IFMT == S_IFDIR {
                    subfolders.append(String(name))
                } else if number >= 0, file.st_mode & S_IFMT == S_IFREG, OutputStamp(file) == known {
                    intact.append(number)
                } else {
                    add(prefix + name, file)
                }
            }
            subfolders += names.folders.map(String.init)
        } else {
            fd = openat(parent, local, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { return }
            read += 1
            // The listing closes its own copy of the descriptor; `fd` stays open for the sub-folders.
            let copy = dup(fd)
            guard copy >= 0, let dir = fdopendir(copy) else {
                if copy >= 0 { close(copy) }
                close(fd)
                return
            }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                if entry.pointee.d_type == UInt8(DT_DIR) { subfolders.append(name); continue }
                var file = stat()
                guard fstatat(fd, name, &file, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                if file.st_mode & S_IFMT == S_IFDIR { subfolders.append(name); continue }
                add(prefix + name, file)
                if let trusted, trusted.files[prefix + name] == nil { strays.append(prefix + name) }
            }
        }
        // A name the last build left as a file may be a folder now.
        if fd < 0 && !subfolders.isEmpty {
            fd = openat(parent, local, nastavnik_open_path_flag() | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { return }
        }
        defer { if fd >= 0 { close(fd) } }
        let splitHere = split(folder)
        for name in subfolders {
            let sub = prefix + name
            if splitHere && !split(sub) { deferred.append(sub) } else { visit(sub, parent: fd, name: name, split: split) }
        }
    }

    /// A link or anything else than a regular file has no stamp a record can match.
    private mutating func add(_ relative: String, _ info: stat) {
        files[relative] = info.st_mode & S_IFMT == S_IFREG ? OutputStamp(info) : OutputStamp(size: -1, modified: 0, nanoseconds: 0, inode: 0)
    }
}
