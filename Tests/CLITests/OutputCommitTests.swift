import Content
import Foundation
import Testing
import TestSupport

/// A build killed at any step of writing its output leaves every file whole, old or new; a
/// build killed before its commit leaves the old site exactly, and the next build finishes or
/// discards what it left (`SiteOutput`).
@Suite struct OutputCommitTests {
    static let today = ["--today", "2026-11-26"]

    /// The paths where two trees differ (missing on one side or other bytes), for short messages.
    func differences(_ a: [String: Data], _ b: [String: Data]) -> [String] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }

    /// Folders and files a build leaves beside the output, other than the cache; the old tree
    /// of a clean build is removed by a process of its own, so it is given a moment.
    func debris(_ root: URL) -> [String] {
        for _ in 0..<50 {
            let hidden = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
                .filter { $0.hasPrefix(".") && $0 != ".nastavnik-cache" }
            if hidden.isEmpty { return [] }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter { $0.hasPrefix(".") && $0 != ".nastavnik-cache" }
    }

    @Test(arguments: [
        // An update through the journal, step by step.
        ("staged", false), ("spared", false), ("journal", false), ("move-1", false), ("move-2", false), ("removed", false),
        // A clean build (`--no-cache`): the whole new folder swapped in.
        ("staged", true), ("spared", true), ("swapped", true),
    ])
    func buildKilledAtEveryStepLeavesAWholeSite(step: String, clean: Bool) throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try overlay(Repo.root.appendingPathComponent("content"), onto: root.appendingPathComponent("content"))
        // Files from 8 KB (the search index, the sitemap, the lists) are written over the
        // files they replaced the time before (`SiteOutput`'s spares), as large ones are.
        func build(_ arguments: [String], killedAt: String? = nil) throws -> Int32 {
            var environment = ["NASTAVNIK_RECYCLE_FROM": "8192"]
            environment["NASTAVNIK_KILL_AT"] = killedAt
            return try runNastavnik(["build"] + arguments + Self.today, in: root, environment: environment).status
        }
        #expect(try build([]) == 0)
        // A first build writes each large file a second time, to be written over by the next.
        let large = { fileTree(root.appendingPathComponent("public")).values.filter { $0.count >= 8192 } }
        let seeded = Set(try spares(root).values)
        let index = try Data(contentsOf: root.appendingPathComponent("public/search-index.json"))
        #expect(seeded.isSubset(of: Set(large())) && seeded.contains(index), "the first build's spares are its large files")
        let news = root.appendingPathComponent("content/news")
        let items = try FileManager.default.contentsOfDirectory(atPath: news.path).sorted()
        // A first rebuild keeps the files it replaces, for the one killed to write over.
        let first = news.appendingPathComponent(items[3])
        try (read(first) + "\nПервая правка.\n").write(to: first, atomically: true, encoding: .utf8)
        #expect(try build([]) == 0)
        let output = root.appendingPathComponent("public")
        let old = fileTree(output)

        // An edit that changes some files and removes others.
        try FileManager.default.removeItem(at: news.appendingPathComponent(items[0]))
        let edited = news.appendingPathComponent(items[1])
        try (read(edited) + "\nНовый абзац.\n").write(to: edited, atomically: true, encoding: .utf8)
        #expect(try build(["--no-cache", "--out", "expected"]) == 0)
        let new = fileTree(root.appendingPathComponent("expected"))
        #expect(!differences(old, new).isEmpty)

        let killed = try runNastavnik(["build"] + (clean ? ["--no-cache"] : []) + Self.today, in: root,
                                      environment: ["NASTAVNIK_KILL_AT": step, "NASTAVNIK_RECYCLE_FROM": "8192"])
        #expect(killed.status == SIGKILL, "step \(step): the build was not killed there (\(killed.status))")
        let left = fileTree(output)
        #expect(left["index.html"] != nil, "step \(step): no site")
        let mixed = left.filter { path, data in old[path] != data && new[path] != data }.keys.sorted()
        #expect(mixed.isEmpty, "step \(step): files neither old nor new: \(mixed.prefix(5))")
        if step == "staged" { #expect(differences(left, old).isEmpty, "step \(step): the old site was changed before the commit") }
        if step == "swapped" { #expect(differences(left, new).isEmpty) }

        // The next build finds an error: it writes nothing, but finishes what the killed one
        // committed, so the site is whole: the old one if killed before the commit, else the new.
        let other = news.appendingPathComponent(items[2])
        let good = read(other)
        try ("---\ntitle: [\n---\n" + good).write(to: other, atomically: true, encoding: .utf8)
        #expect(try build([]) == 1)
        let committed = !["staged", "spared"].contains(step)
        let whole = differences(fileTree(output), committed ? new : old)
        #expect(whole.isEmpty, "step \(step): after a failed build the site is not whole: \(whole.prefix(5))")

        // The next good build, killed before its commit, has changed nothing yet: a kept file
        // still linked to one of the output (killed at `spared`) was not written over.
        try good.write(to: other, atomically: true, encoding: .utf8)
        let third = news.appendingPathComponent(items[4])
        let before = read(third)
        try (before + "\nЕщё правка.\n").write(to: third, atomically: true, encoding: .utf8)
        #expect(try build([], killedAt: "staged") == SIGKILL)
        let untouched = differences(fileTree(output), committed ? new : old)
        #expect(untouched.isEmpty, "step \(step): a build killed before its commit changed the site: \(untouched.prefix(5))")
        try before.write(to: third, atomically: true, encoding: .utf8)
        #expect(try build([]) == 0)
        let after = differences(fileTree(output), new)
        #expect(after.isEmpty, "step \(step): the next build did not give the new site: \(after.prefix(5))")
        #expect(debris(root).isEmpty, "step \(step): \(debris(root))")

        // What is kept to be written over: at most one file per large file of the output (none
        // of a removed page), each linked nowhere else. (A build killed before its commit used
        // some up: the last build, which changed files, kept others.)
        let kept = try spares(root)
        #expect(kept.count <= large().count, "step \(step): \(kept.count) kept for \(large().count) large files")
        for path in kept.keys {
            var info = stat()
            #expect(lstat(path, &info) == 0 && info.st_nlink == 1)
        }
    }

    /// A large file of the output that someone linked to from elsewhere (a backup made with
    /// `ln`) is never written over when replaced: a spare that another name links to is dropped
    /// at the commit, and not reused. The copy stays as it was.
    @Test func aLargeFileLinkedFromElsewhereIsNeverWrittenOver() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try overlay(Repo.root.appendingPathComponent("content"), onto: root.appendingPathComponent("content"))
        let news = root.appendingPathComponent("content/news")
        let item = news.appendingPathComponent(try #require(try FileManager.default.contentsOfDirectory(atPath: news.path).sorted().first))
        func build(_ step: Int) throws {
            try (read(item) + "\nАбзац \(step).\n").write(to: item, atomically: true, encoding: .utf8)
            #expect(try runNastavnik(["build"] + Self.today, in: root).status == 0)
        }
        try build(0)
        let backup = root.appendingPathComponent("backup.json")
        try FileManager.default.linkItem(at: root.appendingPathComponent("public/search-index.json"), to: backup)
        let saved = try Data(contentsOf: backup)
        for step in 1...3 { try build(step) }
        #expect(try Data(contentsOf: backup) == saved, "the linked copy was written over")
        #expect(try Data(contentsOf: root.appendingPathComponent("public/search-index.json")) != saved)
        #expect(read(root.appendingPathComponent("public/search-index.json")).contains("Абзац 3"))
    }

    /// The files kept for the next build to write over (`SiteOutput`'s spares), by path.
    func spares(_ root: URL) throws -> [String: Data] {
        let cache = root.appendingPathComponent(".nastavnik-cache/build")
        let folder = try #require(try FileManager.default.contentsOfDirectory(atPath: cache.path).first { $0.hasSuffix(".spare") })
        return fileTree(cache.appendingPathComponent(folder)).reduce(into: [:]) { $0[cache.path + "/" + folder + "/" + $1.key] = $1.value }
    }

    /// A folder of the output replaced by a link (by hand, or by a deploy step) is never
    /// followed: the next build writes a real folder in its place, and nothing outside.
    @Test func aLinkPutIntoTheOutputIsNotFollowed() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try overlay(Repo.root.appendingPathComponent("content"), onto: root.appendingPathComponent("content"))
        #expect(try runNastavnik(["build"] + Self.today, in: root).status == 0)
        let unchanged = try runNastavnik(["build"] + Self.today, in: root)
        #expect(unchanged.stderr.contains("Материалы не менялись с прошлой сборки: страницы не собирались заново, файлы сайта не переписывались."),
                "\(unchanged.stderr)")
        let outside = root.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let news = root.appendingPathComponent("public/news")
        try FileManager.default.removeItem(at: news)
        try FileManager.default.createSymbolicLink(at: news, withDestinationURL: outside)
        // An edit of a news item: its page is written again, into news/.
        let items = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("content/news").path).sorted()
        let edited = root.appendingPathComponent("content/news/" + items[0])
        try (read(edited) + "\nНовый абзац.\n").write(to: edited, atomically: true, encoding: .utf8)
        let rebuilt = try runNastavnik(["build"] + Self.today, in: root)
        #expect(rebuilt.status == 0)
        // The news item, and every other news page its missing folder held, are written again.
        #expect(rebuilt.stderr.range(of: #"Собрано заново: \d+ страниц[аы]? из 50, записано файлов: \d+; остальное не менялось\."#,
                                     options: .regularExpression) != nil, "\(rebuilt.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty, "a build wrote through the link")
        let kind = try FileManager.default.attributesOfItem(atPath: news.path)[.type] as? FileAttributeType
        #expect(kind == .typeDirectory)
        #expect(try runNastavnik(["build", "--no-cache", "--out", "expected"] + Self.today, in: root).status == 0)
        let differing = differences(fileTree(root.appendingPathComponent("public")), fileTree(root.appendingPathComponent("expected")))
        #expect(differing.isEmpty, "\(differing.prefix(5))")
    }

    /// A `.nastavnik-cache` that is a link (a site folder unpacked from an archive) is not used:
    /// nothing is read or written where it points.
    @Test func aLinkedCacheFolderIsNotFollowed() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try overlay(Repo.fixtures.appendingPathComponent("base"), onto: root)
        let outside = root.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent(".nastavnik-cache"), withDestinationURL: outside)
        #expect(try runNastavnik(["build", "--today", "2025-06-01"], in: root).status == 0)
        #expect(try runNastavnik(["build", "--today", "2025-06-01"], in: root).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
    }

    /// Inside a real cache folder, the kept entries' folder replaced by a link (as an archive
    /// could bring it) is neither read nor written through: it becomes a real folder again.
    @Test func aLinkedEntriesFolderIsNotFollowed() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try overlay(Repo.fixtures.appendingPathComponent("base"), onto: root)
        #expect(try runNastavnik(["build", "--today", "2025-06-01"], in: root).status == 0)
        let build = root.appendingPathComponent(".nastavnik-cache/build")
        let entries = try #require(try FileManager.default.contentsOfDirectory(atPath: build.path).first { $0.hasSuffix(".entries") })
        let outside = root.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.removeItem(at: build.appendingPathComponent(entries))
        try FileManager.default.createSymbolicLink(at: build.appendingPathComponent(entries), withDestinationURL: outside)
        let index = root.appendingPathComponent("content/news/2024-09-01-start.md")
        try (read(index) + "\nНовый абзац.\n").write(to: index, atomically: true, encoding: .utf8)
        #expect(try runNastavnik(["build", "--today", "2025-06-01"], in: root).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
        #expect(ContentFiles.isRealFolder(build.appendingPathComponent(entries).path))
    }
}
