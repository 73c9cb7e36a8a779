import Foundation
import Synchronization

/// A running process whose output is collected as it arrives.
/// `Process` is not `Sendable`; it is only touched from the test's thread, while the pipes'
/// handlers append through the mutex.
public final class LiveProcess: @unchecked Sendable {
    public let process = Process()
    private let collected = Mutex((out: Data(), err: Data()))

    public init(_ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws {
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        out.fileHandleForReading.readabilityHandler = { [weak self] h in
            let d = h.availableData
            self?.collected.withLock { $0.out.append(d) }
        }
        err.fileHandleForReading.readabilityHandler = { [weak self] h in
            let d = h.availableData
            self?.collected.withLock { $0.err.append(d) }
        }
        try process.run()
    }

    public var output: String { collected.withLock { String(decoding: $0.out, as: UTF8.self) } }
    public var errors: String { collected.withLock { String(decoding: $0.err, as: UTF8.self) } }

    /// Polls until `condition` holds or `seconds` pass.
    public func wait(_ seconds: Double = 15, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition()
    }

    public func waitForExit(_ seconds: Double = 10) -> Bool {
        wait(seconds) { !process.isRunning }
    }
}

public func fetch(_ url: String) -> (status: Int, body: String) {
    guard let curl = try? LiveProcess(URL(fileURLWithPath: "/usr/bin/curl"), ["-s", "-w", "\n%{http_code}", url]),
          curl.waitForExit() else { return (0, "") }
    Thread.sleep(forTimeInterval: 0.05)
    var lines = curl.output.components(separatedBy: "\n")
    let status = Int(lines.popLast() ?? "") ?? 0
    // Plain spaces for the typography's, as `read` does.
    return (status, lines.joined(separator: "\n").replacingOccurrences(of: "\u{00A0}", with: " "))
}
