import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Something that reports changed files until stopped.
public protocol ChangeWatcher: Sendable {
    func stop()
}

/// The one place that chooses how files are watched: inotify on Linux, polling where it is
/// not available or does not work (network shares, some containers: `serve --poll`).
public enum FileWatcher {
    public static func start(folders: [URL], poll: Bool = false, quiet: TimeInterval = 0.02,
                             onChange: @escaping @Sendable ([String]) -> Void) -> (watcher: ChangeWatcher, polling: Bool) {
        #if os(Linux)
        if !poll, let watcher = InotifyWatcher(folders: folders, quiet: quiet, onChange: onChange) { return (watcher, false) }
        #endif
        return (PollingWatcher(folders: folders, onChange: onChange), true)
    }
}

/// Portable fallback: compares every file's modification time and size once a second.
public final class PollingWatcher: ChangeWatcher, Sendable {
    private let running = Atomic(true)

    init(folders: [URL], interval: TimeInterval = 1, onChange: @escaping @Sendable ([String]) -> Void) {
        let worker = Thread { [self] in
            var known = Self.scan(folders)
            while running.load(ordering: .acquiring) {
                Thread.sleep(forTimeInterval: interval)
                let now = Self.scan(folders)
                let changed = Set(now.keys).union(known.keys).filter { now[$0] != known[$0] }
                known = now
                if !changed.isEmpty, running.load(ordering: .acquiring) { onChange(changed.sorted()) }
            }
        }
        worker.name = "nastavnik-poll"
        worker.start()
    }

    public func stop() {
        running.store(false, ordering: .releasing)
    }

    struct Stamp: Equatable {
        var modified: Date?
        var size: Int?
    }

    /// Hidden files and linked folders are skipped, as in the content listing.
    static func scan(_ folders: [URL]) -> [String: Stamp] {
        var out: [String: Stamp] = [:]
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey, .isRegularFileKey]
        for folder in folders {
            let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles])
            while let url = walker?.nextObject() as? URL {
                guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
                out[url.path] = Stamp(modified: values.contentModificationDate, size: values.fileSize)
            }
        }
        return out
    }
}

#if os(Linux)
/// Watches folders recursively with inotify and reports the changed paths, gathered over a
/// short quiet period: an editor's save is often several events (temp file, rename).
final class InotifyWatcher: ChangeWatcher, Sendable {
    private let fd: Int32
    private let watches = Mutex<[Int32: String]>([:])
    private let running = Atomic(true)

    private static let mask = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
                                     | IN_DELETE_SELF | IN_ATTRIB)

    /// - Parameters:
    ///   - folders: watched with every sub-folder, including ones created later.
    ///   - quiet: how long to wait after the last event before reporting.
    ///   - onChange: called on the watcher's thread with the changed file paths.
    init?(folders: [URL], quiet: TimeInterval = 0.02, onChange: @escaping @Sendable ([String]) -> Void) {
        fd = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard fd >= 0 else { return nil }
        for folder in folders { addRecursively(folder.path) }
        let worker = Thread { self.loop(quiet: quiet, onChange: onChange) }
        worker.name = "nastavnik-watch"
        worker.start()
    }

    public func stop() {
        running.store(false, ordering: .releasing)
    }

    private func addRecursively(_ path: String) {
        // Real folders only: a linked folder could lead back up and never end.
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return }
        let wd = inotify_add_watch(fd, path, Self.mask)
        if wd >= 0 { watches.withLock { $0[wd] = path } }
        for child in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] where !child.hasPrefix(".") {
            addRecursively(path + "/" + child)
        }
    }

    private func loop(quiet: TimeInterval, onChange: @Sendable ([String]) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var changed: [String] = []
        // Files written to and not yet closed: while there are any, the save is not over.
        var open: Set<String> = []
        var lastEvent = Date.distantPast
        // Once every written file is closed (or renamed into place), a save is complete: the
        // rebuild waits only for a last event of the same save, not the whole quiet period.
        let settled = min(quiet, 0.003)
        while running.load(ordering: .acquiring) {
            let wait = open.isEmpty ? settled : quiet
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, changed.isEmpty ? 200 : Int32(max(1, wait * 1000)))
            if ready > 0 {
                let count = read(fd, &buffer, buffer.count)
                if count > 0 {
                    for (path, mask) in parse(buffer, count: count) {
                        changed.append(path)
                        if mask & UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE | IN_MOVED_FROM) != 0 {
                            open.remove(path)
                        } else if mask & UInt32(IN_MODIFY | IN_CREATE) != 0, mask & UInt32(IN_ISDIR) == 0 {
                            open.insert(path)
                        }
                    }
                    lastEvent = Date()
                }
            }
            if !changed.isEmpty, Date().timeIntervalSince(lastEvent) >= (open.isEmpty ? settled : quiet) {
                let unique = Array(Set(changed)).sorted()
                changed.removeAll()
                open.removeAll()
                onChange(unique)
            }
        }
        close(fd)
    }

    private func parse(_ buffer: [UInt8], count: Int) -> [(path: String, mask: UInt32)] {
        var paths: [(path: String, mask: UInt32)] = []
        var offset = 0
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= count {
            let (wd, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                return (event.wd, event.mask, Int(event.len))
            }
            let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)].prefix { $0 != 0 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            offset += header + length
            guard let folder = watches.withLock({ $0[wd] }) else { continue }
            // Editors' swap and backup files are not content.
            if name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") { continue }
            let path = name.isEmpty ? folder : folder + "/" + name
            if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { addRecursively(path) }
            paths.append((path, mask))
        }
        return paths
    }
}
#endif
