import Foundation
import Testing
import TestSupport
import Theme

/// The program as a user installs it: no theme folder beside it, run from any folder.
@Suite(.serialized) struct CLITests {
    static let today = ["--today", "2025-06-01"]
    /// No theme folder anywhere: only what the binary carries.
    static let bare = ["NASTAVNIK_THEMES": ""]

    static func files(_ folder: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            out[String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count))] = try? Data(contentsOf: url)
        }
        return out
    }

    @Test func builtInThemeMatchesThemesDefaultAndDocs() throws {
        let check = try LiveProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "Scripts/embed.py", "--check"], in: Repo.root)
        #expect(check.waitForExit(30))
        #expect(check.process.terminationStatus == 0, "\(check.errors)")
        let onDisk = Self.files(Repo.defaultTheme)
        let embedded = Dictionary(uniqueKeysWithValues: EmbeddedTheme.files.map { ("/" + $0.path, $0.data) })
        #expect(embedded == onDisk)
    }

    @Test func theBuiltInThemeBuildsTheSameSiteAsTheThemeFolder() throws {
        let work = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let content = Repo.root.appendingPathComponent("content").path
        let fromFolder = try runNastavnik(["build", "-c", content, "-o", "a", "--today", "2026-11-26"], in: work)
        let builtIn = try runNastavnik(["build", "-c", content, "-o", "b", "--today", "2026-11-26"], in: work, environment: Self.bare)
        #expect(fromFolder.status == 0 && builtIn.status == 0, "\(builtIn.stderr)")
        let a = Self.files(work.appendingPathComponent("a")), b = Self.files(work.appendingPathComponent("b"))
        #expect(a.count > 100)
        #expect(a == b)
    }

    @Test func initBuildFromASubfolderVersionAndHelp() throws {
        let work = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(try runNastavnik(["init", "s"] + Self.today, in: work, environment: Self.bare).status == 0)
        // Found from a sub-folder, as git finds its repository; the site goes beside content/.
        let deep = work.appendingPathComponent("s/content/news")
        let build = try runNastavnik(["build"] + Self.today, in: deep, environment: Self.bare)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("s/public/index.html").path))
        #expect(!FileManager.default.fileExists(atPath: deep.appendingPathComponent("public").path))
        let lost = try runNastavnik(["check"] + Self.today, in: work, environment: Self.bare)
        #expect(lost.status == 2)
        #expect(lost.stderr.contains("папка content с файлом site.yml не найдена ни здесь, ни в папках выше"))

        for call in [["--version"], ["version"]] {
            let version = try runNastavnik(call, in: work)
            #expect(version.status == 0)
            #expect(version.stdout.range(of: #"^nastavnik \d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(version.stdout)")
        }
        let help = try runNastavnik(["help", "content"], in: work)
        #expect(help.status == 0)
        #expect(help.stdout.hasPrefix("# Материалы сайта"))
        #expect(help.stdout == read(Repo.root.appendingPathComponent("docs/content.md")) + "\n")
        #expect(try runNastavnik(["help", "rules"], in: work).stdout.contains("`file.symlink`"))
    }

    @Test func quietAndColour() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let news = site.appendingPathComponent("content/news/2024-09-02-bad.md")
        try "---\ntitle: \"Плохая\"\ndate: 2024-13-45\n---\n".write(to: news, atomically: true, encoding: .utf8)
        let plain = try runNastavnik(["check"] + Self.today, in: site)
        #expect(!plain.stderr.contains("\u{1B}["))
        #expect(plain.stderr.contains("Найдена 1 ошибка"))
        let coloured = try runNastavnik(["check", "--color", "always"] + Self.today, in: site)
        #expect(coloured.stderr.contains("\u{1B}[1;31mошибка\u{1B}[0m"))
        let quiet = try runNastavnik(["check", "-q"] + Self.today, in: site)
        #expect(quiet.status == 1)
        #expect(quiet.stderr.contains("[date.invalid]"))
        #expect(!quiet.stderr.contains("Найдена"))
    }

    @Test func themeExportWritesTheBuiltInThemeOnce() throws {
        let work = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let first = try runNastavnik(["theme", "export", "mine"], in: work, environment: Self.bare)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(Self.files(work.appendingPathComponent("mine")) == Self.files(Repo.defaultTheme))
        let again = try runNastavnik(["theme", "export", "mine"], in: work, environment: Self.bare)
        #expect(again.status == 2)
        #expect(again.stderr.contains("не перезаписываю"))
    }

    @Test func servePollsWhereNotificationsDoNotWork() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let port = Int.random(in: 50_001...60_000)
        let serve = try LiveProcess(Repo.binary, ["serve", "--poll", "-p", String(port)] + Self.today, in: site, environment: Self.bare)
        defer { if serve.process.isRunning { serve.process.terminate() } }
        #expect(serve.wait { serve.errors.contains("Проверяю раз в секунду") }, "\(serve.errors)")
        let page = "http://127.0.0.1:\(port)/news/2024-09-01-start/"
        #expect(fetch(page).status == 200)
        let news = site.appendingPathComponent("content/news/2024-09-01-start.md")
        try read(news).replacingOccurrences(of: "title: \"Старт программы\"", with: "title: \"Опрошено по таймеру\"")
            .write(to: news, atomically: true, encoding: .utf8)
        #expect(serve.wait(10) { fetch(page).body.contains("Опрошено по таймеру") }, "\(serve.errors)")
    }

    @Test func serveBindsTheAddressAskedForAndOpensTheBrowser() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let port = Int.random(in: 30_001...40_000)
        let opened = site.appendingPathComponent("opened.txt")
        // $BROWSER stands for the desktop's browser: it records the address it was given.
        let serve = try LiveProcess(Repo.binary, ["serve", "--bind", "127.0.0.2", "-p", String(port), "--open"] + Self.today, in: site,
                                    environment: Self.bare.merging(["BROWSER": "echo > \(opened.path)"]) { $1 })
        defer { if serve.process.isRunning { serve.process.terminate() } }
        #expect(serve.wait { serve.errors.contains("Сайт: http://127.0.0.2:\(port)/") }, "\(serve.errors)")
        #expect(fetch("http://127.0.0.2:\(port)/").status == 200)
        #expect(fetch("http://127.0.0.1:\(port)/").status == 0)  // nothing listens there
        #expect(serve.wait(5) { read(opened) == "http://127.0.0.2:\(port)/\n" }, "\(read(opened))")
    }
}
