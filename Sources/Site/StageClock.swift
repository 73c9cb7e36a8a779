import Foundation

/// Where a rebuild's time goes, printed when NASTAVNIK_TIMING is set (for work on speed).
struct StageClock {
    private static let enabled = ProcessInfo.processInfo.environment["NASTAVNIK_TIMING"] != nil
    private var last = Date()

    mutating func lap(_ stage: String) {
        guard Self.enabled else { return }
        let now = Date()
        FileHandle.standardError.write(Data("  \(stage): \(Int(now.timeIntervalSince(last) * 1000)) мс (\(Self.peak()))\n".utf8))
        last = now
    }

    /// The process's peak memory so far (`VmHWM`), for work on memory.
    private static func peak() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return "?" }
        return "пик " + line.dropFirst(6).trimmingCharacters(in: .whitespaces)
    }
}
