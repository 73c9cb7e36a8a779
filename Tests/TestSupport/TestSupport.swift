import Foundation
import Synchronization

/// Paths of the checkout, found from this file, so tests run from any working directory.
public enum Repo {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let fixtures = root.appendingPathComponent("Tests/Fixtures")
    public static let binary = root.appendingPathComponent(".build/debug/nastavnik")
    public static let defaultTheme = root.appendingPathComponent("themes/default")
}

public struct ProcessResult {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// Runs the built `nastavnik` binary, as a user would.
public func runNastavnik(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> ProcessResult {
    let process = Process()
    process.executableURL = Repo.binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env["NASTAVNIK_THEMES"] = Repo.root.appendingPathComponent("themes").path
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Both pipes are drained at once: a child that fills one (64 KiB of warnings on stderr)
    // while the other is being read would otherwise wait forever.
    let errBox = DataBox()
    let reader = Thread { errBox.set(err.fileHandleForReading.readDataToEndOfFile()) }
    reader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let errData = errBox.wait()
    return ProcessResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

/// Data handed over from a reader thread.
final class DataBox: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let data = Mutex(Data())
    func set(_ value: Data) { data.withLock { $0 = value }; done.signal() }
    func wait() -> Data { done.wait(); return data.withLock { $0 } }
}

public func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("nastavnik-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Copies `source` into `destination`, merging folders and replacing files.
public func overlay(_ source: URL, onto destination: URL) throws {
    let fm = FileManager.default
    guard let walker = fm.enumerator(at: source, includingPropertiesForKeys: [.isDirectoryKey]) else { return }
    for case let url as URL in walker {
        let relative = String(url.standardizedFileURL.path.dropFirst(source.standardizedFileURL.path.count + 1))
        let target = destination.appendingPathComponent(relative)
        if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
            try fm.createDirectory(at: target, withIntermediateDirectories: true)
        } else {
            try? fm.removeItem(at: target)
            try fm.copyItem(at: url, to: target)
        }
    }
}

/// A file's text with the typography's spaces back to plain ones (non-breaking → space, the
/// narrow space in thousands removed), so assertions read as the content was written;
/// TypographyTests hold the typography itself.
public func read(_ url: URL) -> String {
    ((try? String(contentsOf: url, encoding: .utf8)) ?? "")
        .replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: "")
}

/// Text compared modulo typography: dashes, quotes and the ellipsis as typed on a keyboard.
public func untypeset(_ text: String) -> String {
    var out = text.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: "")
    for (from, to) in [("–", "-"), ("—", "-"), ("«", "\""), ("»", "\""), ("„", "\""), ("“", "\""), ("…", "...")] {
        out = out.replacingOccurrences(of: from, with: to)
    }
    return out
}

/// A fresh copy of Tests/Fixtures/base (a small valid site) in a temporary folder; the caller removes it.
public func makeBaseSite() throws -> URL {
    let site = try temporaryDirectory()
    try overlay(Repo.fixtures.appendingPathComponent("base"), onto: site)
    return site
}

/// Every regular file under `folder`, by its path relative to it, with its bytes: two builds
/// compared byte for byte.
public func fileTree(_ folder: URL) -> [String: Data] {
    var out: [String: Data] = [:]
    let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
    while let url = walker?.nextObject() as? URL {
        guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
        out[String(url.path.dropFirst(folder.path.count + 1))] = FileManager.default.contents(atPath: url.path)
    }
    return out
}
