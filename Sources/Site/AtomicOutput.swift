import Foundation

/// The build writes into a fresh sibling folder and swaps it into place only when
/// complete: a failed build leaves the previous output untouched.
public struct AtomicOutput: Sendable {
    public let destination: URL
    public let staging: URL

    public init(destination: URL) throws {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        staging = parent.appendingPathComponent(".\(self.destination.lastPathComponent).building-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
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
        // A hard link is instant and safe: sources are never written through it.
        do { try FileManager.default.linkItem(at: source, to: url) } catch { try FileManager.default.copyItem(at: source, to: url) }
    }

    /// Moves the staging folder into place; the old output is removed only after that.
    public func commit() throws {
        let fm = FileManager.default
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
