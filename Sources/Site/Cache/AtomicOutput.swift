import CPlatform
import Foundation

/// The build writes into a fresh sibling folder and swaps it into place only when
/// complete: a failed build leaves the previous output untouched.
///
/// The swap exchanges the two folders in one system call (Linux `renameat2` with
/// `RENAME_EXCHANGE`), so there is no moment without an output folder; where the file
/// system cannot, the old folder is renamed aside first and restored if the second rename
/// fails. Folders left by a killed build (`.public.building-PID`, `.public.old-PID`) are
/// removed by the next build once their process is gone.
public struct AtomicOutput: Sendable {
    public let destination: URL
    public let staging: URL

    public init(destination: URL) throws {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        Self.removeDebris(of: self.destination)
        staging = parent.appendingPathComponent(".\(self.destination.lastPathComponent).building-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// Staging and old folders of builds that were killed: their process no longer runs.
    static func removeDebris(of destination: URL) {
        let parent = destination.deletingLastPathComponent()
        let name = destination.lastPathComponent
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries {
            for kind in [".building-", ".old-"] {
                let prefix = "." + name + kind
                guard entry.hasPrefix(prefix), let pid = Int32(entry.dropFirst(prefix.count)) else { continue }
                if pid != ProcessInfo.processInfo.processIdentifier, kill(pid, 0) == 0 || errno == EPERM { continue }
                try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
            }
        }
    }

    /// Writes `data` at `relative` inside the staging folder, creating folders. Plain POSIX
    /// calls: FileManager's per-file directory checks dominated the write of 10,000 pages.
    public func write(_ data: Data, to relative: String) throws {
        let path = staging.path + "/" + relative
        if let slash = relative.lastIndex(of: "/") { try makeDirectories(staging.path + "/" + relative[..<slash]) }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(fd) }
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                guard n > 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
                offset += n
            }
        }
    }

    private func makeDirectories(_ path: String) throws {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT, let slash = path.lastIndex(of: "/") else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        try makeDirectories(String(path[..<slash]))
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    }

    public func copy(_ source: URL, to relative: String) throws {
        let url = staging.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: url)
        // A real copy, not a hard link: a deploy step that edits the output in place must
        // never change the content folder or the image cache.
        try FileManager.default.copyItem(at: source, to: url)
    }

    /// Moves the staging folder into place; the old output is removed only after that.
    public func commit() throws {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: destination.path, isDirectory: &isFolder), isFolder.boolValue,
           nastavnik_exchange_paths(staging.path, destination.path) == 0 {
            // The staging name now holds the previous output.
            try? fm.removeItem(at: staging)
            return
        }
        let old = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
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
    }

    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}
