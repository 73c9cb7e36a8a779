import Foundation

/// Where a rebuild's time goes, printed when NASTAVNIK_TIMING is set (for work on speed).
struct StageClock {
    private static let enabled = ProcessInfo.processInfo.environment["NASTAVNIK_TIMING"] != nil
    private var last = Date()

    mutating func lap(_ stage: String) {
        guard Self.enabled else { return }
        let now = Date()
        FileHandle.standardError.write(Data("  \(stage): \(Int(now.timeIntervalSince(last) * 1000)) мс\n".utf8))
        last = now
    }
}
