import Content
import Domain
import Foundation
import Site

/// A site written inline in a test and built in-process, as Hugo's IntegrationTestBuilder
/// does: the files a test is about are in the test, the rest comes from Tests/Fixtures/base.
public struct TestSite {
    public let root: URL
    public var content: URL { root.appendingPathComponent("content") }
    public var output: URL { root.appendingPathComponent("public") }

    /// - Parameter files: content-relative path → text; laid over the base fixture unless `base` is false.
    public init(base: Bool = true, _ files: [String: String]) throws {
        root = try temporaryDirectory()
        if base { try overlay(Repo.fixtures.appendingPathComponent("base"), onto: root) }
        for (path, text) in files {
            let url = content.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// A site already in `root` (a fixture copied by the test).
    public init(at root: URL) { self.root = root }

    /// What a build said, as the program would print it: `status` 0 when built, 1 with
    /// errors; `stderr` the located messages (`file:line:col: ошибка: … [rule]`).
    public struct Built {
        public var result: BuildResult
        public var status: Int32 { result.outcome == .contentErrors ? 1 : 0 }
        public var stderr: String
    }

    /// Builds in-process, as `build` (or `check`, with `write: false`) does.
    @discardableResult
    public func run(today: DayDate = DayDate(year: 2026, month: 11, day: 26)!, baseURL: String? = nil, write: Bool = true) throws -> Built {
        let result = try build(today: today, baseURL: baseURL, write: write)
        return Built(result: result, stderr: DiagnosticReport.text(result.diagnostics, sources: result.sources))
    }

    /// Builds into `public/` (or only checks, with `write: false`).
    @discardableResult
    public func build(today: DayDate = DayDate(year: 2026, month: 11, day: 26)!, baseURL: String? = nil, write: Bool = true) throws -> BuildResult {
        let options = BuildOptions(content: content, shownContent: "content", output: output, baseURL: baseURL, today: today,
                                   defaultTheme: Repo.defaultTheme)
        return try SiteBuilder.build(options, write: write)
    }

    /// A built file as text: `page("events/")` reads `public/events/index.html`.
    public func page(_ path: String) -> String {
        read(output.appendingPathComponent(path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path))
    }

    public func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path)
    }

    public func remove() { try? FileManager.default.removeItem(at: root) }
}
