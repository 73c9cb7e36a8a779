import Foundation
import Testing
import TestSupport

/// The findings of the fuzzing run (issue #16), each as a test against the real binary:
/// data loss, files from outside the content folder, active content, unbounded input,
/// debris of killed builds.
@Suite(.serialized) struct HostileInputTests {
    static let today = ["--today", "2025-06-01"]

    /// A hash of every file under `folder` (path → bytes), to prove nothing was touched.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            if let data = try? Data(contentsOf: url) { out[url.path] = data }
        }
        return out
    }

    @Test(arguments: ["content", ".", "..", "content/site.yml", "content/news", "content/../content/"])
    func outputThatWouldDestroySourcesIsRefused(_ out: String) throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let before = Self.snapshot(site)
        let result = try runNastavnik(["build", "--out", out] + Self.today, in: site)
        #expect(result.status == 2, "\(out): \(result.stderr)")
        #expect(result.stderr.hasPrefix("ошибка: "), "\(result.stderr)")
        #expect(Self.snapshot(site) == before, "\(out) changed the site folder")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func outputThatIsAThemeFolderIsRefused() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let theme = site.appendingPathComponent("themes/school/templates")
        try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
        try "<p>x</p>".write(to: theme.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
        let settings = site.appendingPathComponent("content/site.yml")
        try (read(settings) + "theme: school\n").write(to: settings, atomically: true, encoding: .utf8)
        for out in ["themes/school", "themes", "themes/school/templates"] {
            let result = try runNastavnik(["build", "--out", out] + Self.today, in: site)
            #expect(result.status == 2, "\(out): \(result.stderr)")
            #expect(result.stderr.contains("темы «school»"), "\(result.stderr)")
        }
        #expect(read(theme.appendingPathComponent("page.mustache")) == "<p>x</p>")
    }

    @Test func unknownThemeNamesTheFolderSearched() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let settings = site.appendingPathComponent("content/site.yml")
        try (read(settings) + "theme: nosuch\n").write(to: settings, atomically: true, encoding: .utf8)
        let result = try runNastavnik(["build"] + Self.today, in: site)
        #expect(result.status == 2)
        #expect(result.stderr.contains("тема «nosuch» не найдена; искали в: "), "\(result.stderr)")
        #expect(result.stderr.contains("themes/nosuch"))
    }

    @Test func symlinksLeadingOutsideAreRefusedAndInsideOnesPublishedAsFiles() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let content = site.appendingPathComponent("content")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: content.appendingPathComponent("files/passwd.pdf").path, withDestinationPath: "/etc/passwd")
        try fm.createSymbolicLink(atPath: content.appendingPathComponent("images/etc").path, withDestinationPath: "/etc")
        let outsideNews = site.appendingPathComponent("secret.md")
        try "---\ntitle: \"Секрет\"\ndate: 2024-01-01\n---\nroot:x:0:0\n".write(to: outsideNews, atomically: true, encoding: .utf8)
        try fm.createSymbolicLink(atPath: content.appendingPathComponent("news/2024-01-01-secret.md").path, withDestinationPath: outsideNews.path)
        var result = try runNastavnik(["build"] + Self.today, in: site)
        #expect(result.status == 1)
        for name in ["content/files/passwd.pdf", "content/images/etc", "content/news/2024-01-01-secret.md"] {
            #expect(result.stderr.contains("\(name): ошибка: символическая ссылка ведёт за пределы папки с материалами"), "\(result.stderr)")
        }
        #expect(!fm.fileExists(atPath: site.appendingPathComponent("public").path))

        // Links that stay inside the folder are fine; the output holds the file, not a link.
        for name in ["files/passwd.pdf", "images/etc", "news/2024-01-01-secret.md"] { try fm.removeItem(at: content.appendingPathComponent(name)) }
        try fm.createSymbolicLink(atPath: content.appendingPathComponent("images/again.png").path, withDestinationPath: "photo.png")
        result = try runNastavnik(["build"] + Self.today, in: site)
        #expect(result.status == 0, "\(result.stderr)")
        let published = site.appendingPathComponent("public/images/again.png")
        let attributes = try fm.attributesOfItem(atPath: published.path)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        // Pictures are re-encoded (no metadata): the linked one is published exactly like its target.
        #expect(try Data(contentsOf: published) == Data(contentsOf: site.appendingPathComponent("public/images/photo.png")))
    }

    @Test func oversizedMarkdownIsALocatedErrorNotAHang() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let big = "---\ntitle: \"Большая\"\ndate: 2024-01-01\n---\n" + String(repeating: "Очень длинный текст новости. ", count: 200_000)
        try big.write(to: site.appendingPathComponent("content/news/2024-01-02-big.md"), atomically: true, encoding: .utf8)
        let result = try runNastavnik(["check", "--format", "json"] + Self.today, in: site)
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"rule\" : \"file.too-large\""), "\(result.stdout)")
        #expect(result.stdout.contains("\"file\" : \"content/news/2024-01-02-big.md\""))
    }

    @Test func feedsCarryPlainTextNeverMarkup() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let news = site.appendingPathComponent("content/news/2024-09-02-xss.md")
        try "---\ntitle: \"Новость <b>жирная</b>\"\ndate: 2024-09-02\nsummary: \"Итоги & планы <img src=x onerror=alert(1)> &lt;script&gt;\"\n---\nТекст\n"
            .write(to: news, atomically: true, encoding: .utf8)
        let result = try runNastavnik(["build"] + Self.today, in: site)
        #expect(result.status == 0, "\(result.stderr)")
        let rss = read(site.appendingPathComponent("public/news/rss.xml"))
        let atom = read(site.appendingPathComponent("public/news/atom.xml"))
        for feed in [rss, atom] {
            #expect(!feed.contains("&lt;img"), "\(feed)")
            #expect(!feed.contains("onerror"))
            #expect(!feed.contains("&lt;script"))
        }
        // RSS descriptions are HTML to a reader: plain text is escaped once more.
        #expect(rss.contains("<description>Итоги &amp;amp; планы &amp;amp;lt;script&amp;amp;gt;</description>"), "\(rss)")
        #expect(atom.contains("<summary type=\"text\">Итоги &amp; планы &amp;lt;script&amp;gt;</summary>"), "\(atom)")
    }

    @Test func bankRollupCSVNeutralisesFormulas() throws {
        let work = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        try overlay(Repo.fixtures.appendingPathComponent("bank"), onto: work)
        let schools = work.appendingPathComponent("content/schools")
        let school = try FileManager.default.contentsOfDirectory(atPath: schools.path).sorted().first { $0 != "broken" }!
        let settings = schools.appendingPathComponent("\(school)/content/site.yml")
        let text = read(settings)
        let patched = text.replacingOccurrences(of: #"municipality: "[^"]*""#, with: #"municipality: "=HYPERLINK(\\"http://evil\\",\\"x\\")""#,
                                                options: .regularExpression)
        #expect(patched != text)
        try patched.write(to: settings, atomically: true, encoding: .utf8)
        let result = try runNastavnik(["build", "--today", "2026-11-26"], in: work)
        #expect(result.status == 0, "\(result.stderr)")
        let csv = read(work.appendingPathComponent("public/indicators-rollup.csv"))
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""), "\(csv)")
        for line in csv.split(separator: "\r\n") {
            for cell in line.split(separator: ";") {
                #expect(!["=", "+", "@"].contains(cell.first), "\(line)")
            }
        }
    }

    @Test func bankSchoolOutsideTheBankFolderNeedsAnOptIn() throws {
        let work = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        try overlay(Repo.fixtures.appendingPathComponent("bank"), onto: work)
        let elsewhere = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        try overlay(Repo.fixtures.appendingPathComponent("base"), onto: elsewhere)
        let settings = work.appendingPathComponent("content/site.yml")
        let withOutside = read(settings).replacingOccurrences(of: "sources: [", with: "sources: [\"\(elsewhere.path)/content\", ")
        try withOutside.write(to: settings, atomically: true, encoding: .utf8)
        var result = try runNastavnik(["build", "--today", "2026-11-26"], in: work)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("content/site.yml:9:10: предупреждение: папка школы `\(elsewhere.path)/content` лежит вне папки банка"), "\(result.stderr)")
        #expect(result.stderr.contains("Банк практик: 5 организаций"), "\(result.stderr)")

        try (withOutside + "sources_outside: true\n").write(to: settings, atomically: true, encoding: .utf8)
        result = try runNastavnik(["build", "--today", "2026-11-26"], in: work)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Банк практик: 6 организаций"), "\(result.stderr)")
    }

    @Test func debrisOfKilledBuildsIsRemovedAndTheOutputNeverDisappears() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try runNastavnik(["build"] + Self.today, in: site).status == 0)
        let index = site.appendingPathComponent("public/index.html")

        // Builds killed at random moments: the output is always a whole site, old or new.
        for delay in [0.0, 0.005, 0.01, 0.02, 0.04, 0.08] {
            let build = try LiveProcess(Repo.binary, ["build"] + Self.today, in: site,
                                        environment: ["NASTAVNIK_THEMES": Repo.defaultTheme.deletingLastPathComponent().path])
            Thread.sleep(forTimeInterval: delay)
            kill(build.process.processIdentifier, SIGKILL)
            _ = build.waitForExit()
            #expect(FileManager.default.fileExists(atPath: index.path), "killed after \(delay) s: no output")
        }
        // A folder left by a process that no longer runs goes at the next build.
        for stale in [".public.building-999999", ".public.old-999998"] {
            try FileManager.default.createDirectory(at: site.appendingPathComponent(stale), withIntermediateDirectories: true)
        }
        // While builds swap the output in, a reader never finds it missing.
        let missing = ManagedCounter()
        let watcher = Thread {
            while !missing.stopped { if !FileManager.default.fileExists(atPath: index.path) { missing.add() } }
        }
        watcher.start()
        for _ in 0..<5 { #expect(try runNastavnik(["build"] + Self.today, in: site).status == 0) }
        missing.stop()
        #expect(missing.count == 0)
        let hidden = try FileManager.default.contentsOfDirectory(atPath: site.path).filter { $0.hasPrefix(".") && $0 != ".nastavnik-cache" }
        #expect(hidden.isEmpty, "\(hidden)")
    }

    @Test func serveAnswersOnlyReads() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let port = Int.random(in: 40_001...50_000)
        let serve = try LiveProcess(Repo.binary, ["serve", "--port", String(port)] + Self.today, in: site,
                                    environment: ["NASTAVNIK_THEMES": Repo.root.appendingPathComponent("themes").path])
        defer { if serve.process.isRunning { serve.process.terminate() } }
        #expect(serve.wait { serve.errors.contains("Сайт: http://127.0.0.1:\(port)/") }, "\(serve.errors)")
        for method in ["DELETE", "PUT", "POST"] {
            let curl = try LiveProcess(URL(fileURLWithPath: "/usr/bin/curl"),
                                       ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", method, "http://127.0.0.1:\(port)/index.html"])
            #expect(curl.waitForExit())
            Thread.sleep(forTimeInterval: 0.05)
            #expect(curl.output == "405", "\(method): \(curl.output)")
        }
        let head = try LiveProcess(URL(fileURLWithPath: "/usr/bin/curl"), ["-s", "-I", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(port)/"])
        #expect(head.waitForExit())
        Thread.sleep(forTimeInterval: 0.05)
        #expect(head.output == "200")

        // Oversized request lines and heads are refused at once; the server keeps serving.
        let longURL = "http://127.0.0.1:\(port)/" + String(repeating: "a", count: 64 << 10)
        let started = Date()
        for _ in 0..<3 {
            let curl = try LiveProcess(URL(fileURLWithPath: "/usr/bin/curl"), ["-s", "-o", "/dev/null", "-w", "%{http_code}", longURL])
            #expect(curl.waitForExit())
            Thread.sleep(forTimeInterval: 0.05)
            #expect(curl.output == "414", "\(curl.output)")
        }
        #expect(Date().timeIntervalSince(started) < 5)
        let bigHeader = try LiveProcess(URL(fileURLWithPath: "/usr/bin/curl"),
                                        ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "X-Big: " + String(repeating: "b", count: 40 << 10),
                                         "http://127.0.0.1:\(port)/"])
        #expect(bigHeader.waitForExit())
        Thread.sleep(forTimeInterval: 0.05)
        #expect(bigHeader.output == "431", "\(bigHeader.output)")
        #expect(fetch("http://127.0.0.1:\(port)/").status == 200)
    }
}

extension HostileInputTests {
    @Test func zipNeverReplacesAFolderOrASource() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let before = Self.snapshot(site.appendingPathComponent("content"))
        for zip in ["content", "content/site.yml", "content/news/x.zip", "public/site.zip"] {
            let result = try runNastavnik(["build", "--zip", zip] + Self.today, in: site)
            #expect(result.status == 2, "\(zip): \(result.stderr)")
        }
        #expect(Self.snapshot(site.appendingPathComponent("content")) == before)
        #expect(try runNastavnik(["build", "--zip", "site.zip"] + Self.today, in: site).status == 0)
    }

    @Test func outputFilesAreCopiesNotLinksToTheSources() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try runNastavnik(["build"] + Self.today, in: site).status == 0)
        let published = site.appendingPathComponent("public/files/doc.pdf").path
        let links = try FileManager.default.attributesOfItem(atPath: published)[.referenceCount] as? Int
        #expect(links == 1)
        // A deploy step that edits the output in place leaves the content alone.
        try "changed".write(toFile: published, atomically: false, encoding: .utf8)
        #expect(read(site.appendingPathComponent("content/files/doc.pdf")) != "changed")
    }

    @Test func feedTitlesAreTextAndLongTagsStillMakeFolders() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let news = site.appendingPathComponent("content/news/2024-09-02-xss.md")
        try "---\ntitle: \"<script>alert(1)</script>Итоги\"\ndate: 2024-09-02\ntags: [\"<b>метка</b>\"]\n---\nТекст\n"
            .write(to: news, atomically: true, encoding: .utf8)
        let tag = String(repeating: "тег", count: 100)
        let kase = site.appendingPathComponent("content/cases/keis.md")
        try read(kase).replacingOccurrences(of: "---\n", with: "---\ntags: [\"\(tag)\"]\n", options: [], range: read(kase).range(of: "---\n"))
            .write(to: kase, atomically: true, encoding: .utf8)
        let result = try runNastavnik(["build"] + Self.today, in: site)
        #expect(result.status == 0, "\(result.stderr)")
        for feed in ["public/news/rss.xml", "public/news/atom.xml"] {
            let text = read(site.appendingPathComponent(feed))
            #expect(!text.contains("&lt;script") && !text.contains("&lt;b"), "\(text)")
            #expect(text.contains("Итоги"))
        }
        let tagFolders = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("public/cases/tag").path)
        #expect(tagFolders.allSatisfy { $0.count <= 80 }, "\(tagFolders)")
    }

    @Test func baseURLThatWouldBreakOutOfAnAttributeIsRefused() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let settings = site.appendingPathComponent("content/site.yml")
        try read(settings).replacingOccurrences(of: "base_url: \"https://school1.example.ru/nastavnichestvo/\"",
                                                with: "base_url: 'https://school1.example.ru/\"><script>alert(1)</script>'")
            .write(to: settings, atomically: true, encoding: .utf8)
        let result = try runNastavnik(["check"] + Self.today, in: site)
        #expect(result.status == 1)
        #expect(result.stderr.contains("[site.base-url]"), "\(result.stderr)")
    }
}

/// A counter shared with a watcher thread.
final class ManagedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    private var done = false
    var count: Int { lock.withLock { value } }
    var stopped: Bool { lock.withLock { done } }
    func add() { lock.withLock { value += 1 } }
    func stop() { lock.withLock { done = true } }
}
