import Domain
import Foundation
@testable import Site

/// A site written inline in a test and built in-process, as Hugo's IntegrationTestBuilder
/// does: the files a test is about are in the test, the rest comes from Tests/Fixtures/base.
struct TestSite {
    let root: URL
    var content: URL { root.appendingPathComponent("content") }
    var output: URL { root.appendingPathComponent("public") }

    /// - Parameter files: content-relative path → text; laid over the base fixture unless `base` is false.
    init(base: Bool = true, _ files: [String: String]) throws {
        root = try temporaryDirectory()
        if base { try overlay(Repo.fixtures.appendingPathComponent("base"), onto: root) }
        for (path, text) in files {
            let url = content.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// Builds into `public/` (or only checks, with `write: false`).
    @discardableResult
    func build(today: DayDate = DayDate(year: 2026, month: 11, day: 26)!, baseURL: String? = nil, write: Bool = true) throws -> BuildResult {
        let options = BuildOptions(content: content, shownContent: "content", output: output, baseURL: baseURL, today: today,
                                   defaultTheme: Repo.defaultTheme)
        return try SiteBuilder.build(options, write: write)
    }

    /// A built file as text: `page("events/")` reads `public/events/index.html`.
    func page(_ path: String) -> String {
        read(output.appendingPathComponent(path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path))
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
