import Content
import Domain
import Foundation
import Site
import Testing
import TestSupport

/// Every folder in Tests/Fixtures/invalid is a small site: Tests/Fixtures/base with the
/// case's files laid over it (and remove.txt's files taken away). Its expected.txt lists
/// the exit code and, exactly, every diagnostic as `severity rule file:line`.
@Suite struct FixtureSiteTests {
    static let cases = (try? FileManager.default.contentsOfDirectory(atPath: Repo.fixtures.appendingPathComponent("invalid").path).sorted()) ?? []

    @Test func thereAreAtLeastThirtyInvalidFixtures() {
        #expect(Self.cases.count >= 30)
    }

    @Test(arguments: cases)
    func invalidFixtureYieldsExactlyItsDiagnostics(_ name: String) throws {
        let folder = Repo.fixtures.appendingPathComponent("invalid/\(name)")
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        try overlay(folder.appendingPathComponent("content"), onto: site.appendingPathComponent("content"))
        for line in read(folder.appendingPathComponent("remove.txt")).split(separator: "\n") {
            try FileManager.default.removeItem(at: site.appendingPathComponent("content/\(line)"))
        }
        let result = try runNastavnik(["check", "--content", "content", "--format", "json", "--today", "2025-06-01"], in: site)
        let items = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
        let actual = ["exit \(result.status)"] + items.map { "\($0["severity"]!) \($0["rule"]!) \($0["file"]!):\($0["line"]!)" }
        let expected = read(folder.appendingPathComponent("expected.txt")).split(separator: "\n").map(String.init)
        #expect(actual == expected, "\(name): \(result.stdout)")
        #expect(expected.count >= 2, "a fixture must expect at least one diagnostic")
    }

    @Test func baseFixtureIsClean() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let result = try runNastavnik(["check", "--content", "content", "--today", "2025-06-01"], in: site)
        #expect(result.status == 0)
        #expect(result.stderr == "Ошибок и предупреждений нет.\n")
    }
}

/// A target out of range is named as the editor wrote it: a huge number is not shown as
/// «1e+23», a decimal comma stays a comma.
@Suite struct TargetRangeMessageTests {
    @Test func outOfRangeTargetIsQuotedAsWritten() throws {
        let site = try TestSite([
            "indicators.yml": "indicators:\n  - id: mentees_10_19\n    targets:\n      2020: 99999999999999999999999\n      2021: 150,5%\n      2022: 30\n",
        ])
        defer { try? FileManager.default.removeItem(at: site.root) }
        let built = try site.run()
        #expect(built.status == 1)
        #expect(built.stderr.contains("целевое значение 99999999999999999999999 % на 2020 год вне пределов 0–100 %"), "\(built.stderr)")
        #expect(built.stderr.contains("целевое значение 150,5 % на 2021 год вне пределов 0–100 %"), "\(built.stderr)")
        #expect(!built.stderr.contains("e+"))
    }
}
