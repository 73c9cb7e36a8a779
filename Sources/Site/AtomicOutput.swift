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

    /// Writes `data` at `relative` inside the staging folder, creating folders.
    public func write(_ data: Data, to relative: String) throws {
        let url = staging.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
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
