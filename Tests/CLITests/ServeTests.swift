import Foundation
import Testing
import TestSupport

/// `serve` end to end: the real binary, a real HTTP client, real file edits.
@Suite(.serialized) struct ServeTests {
    static func freePort() -> Int { Int.random(in: 20_000...40_000) }

    @Test func editReloadBreakOverlayFixAndStop() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let port = Self.freePort()
        let base = "http://127.0.0.1:\(port)"
        let serve = try LiveProcess(Repo.binary, ["serve", "--port", String(port), "--today", "2025-06-01"], in: site,
                                    environment: ["NASTAVNIK_THEMES": Repo.root.appendingPathComponent("themes").path])
        defer { if serve.process.isRunning { serve.process.terminate() } }
        #expect(serve.wait { serve.errors.contains("Сайт: \(base)/") }, "\(serve.errors)")

        let home = fetch(base + "/")
        #expect(home.status == 200)
        #expect(home.body.contains("<script src=\"/__nastavnik/reload.js\"></script></body>"))
        #expect(fetch(base + "/__nastavnik/reload.js").body.contains("EventSource"))
        #expect(fetch(base + "/news").status == 301 || fetch(base + "/news").status == 200)
        #expect(fetch(base + "/no-such-page/").status == 404)

        let events = try LiveProcess(URL(fileURLWithPath: "/usr/bin/curl"), ["-sN", base + "/__nastavnik/events"])
        defer { if events.process.isRunning { events.process.terminate() } }
        #expect(events.wait { events.output.contains("event: status\ndata: {\"ok\":true") })

        // An edit: the tab is told to reload and the page has the new text.
        let news = site.appendingPathComponent("content/news/2024-09-01-start.md")
        let original = read(news)
        try original.replacingOccurrences(of: "title: \"Старт программы\"", with: "title: \"Старт программы наставничества 2.0\"")
            .write(to: news, atomically: true, encoding: .utf8)
        #expect(events.wait { events.output.contains("event: reload") }, "\(events.output)\n\(serve.errors)")
        #expect(fetch(base + "/news/2024-09-01-start/").body.contains("Старт программы наставничества 2.0"))
        #expect(serve.wait(5) { serve.errors.contains("Изменено: 2024-09-01-start.md") })

        // A broken file: the old site stays, the overlay data names file and line.
        let broken = site.appendingPathComponent("content/news/2024-10-01-broken.md")
        try "---\ntitle: \"Сломано\"\ndate: 2024-13-45\n---\nТекст\n".write(to: broken, atomically: true, encoding: .utf8)
        #expect(events.wait { events.output.contains("\"ok\":false") }, "\(events.output)")
        let status = fetch(base + "/__nastavnik/status").body
        #expect(status.contains("\"file\":\"content/news/2024-10-01-broken.md\""), "\(status)")
        #expect(status.contains("\"line\":3"))
        #expect(fetch(base + "/news/2024-09-01-start/").body.contains("Старт программы наставничества 2.0"))
        #expect(serve.wait(5) { serve.errors.contains("content/news/2024-10-01-broken.md:3:") })

        // Fixing it clears the overlay: a reload follows and the status is clean again.
        let reloadsBefore = events.output.components(separatedBy: "event: reload").count
        try "---\ntitle: \"Исправлено\"\ndate: 2024-10-01\n---\nТекст\n".write(to: broken, atomically: true, encoding: .utf8)
        #expect(events.wait { events.output.components(separatedBy: "event: reload").count > reloadsBefore })
        #expect(fetch(base + "/__nastavnik/status").body.contains("\"ok\":true"))
        #expect(fetch(base + "/news/2024-10-01-broken/").body.contains("Исправлено"))

        // Ctrl+C stops the server, ends the event stream and leaves no process behind.
        kill(serve.process.processIdentifier, SIGINT)
        #expect(serve.waitForExit(), "serve did not stop")
        #expect(serve.process.terminationStatus == 0)
        // The last lines may still be in the pipe when the process is gone.
        #expect(serve.wait(5) { serve.errors.contains("Остановлено.") }, "\(serve.errors)")
        #expect(events.waitForExit(), "the event stream was not closed")
    }

    /// After an edit only new warnings are printed in full; the ones the last rebuild reported
    /// are counted in one line (a large site repeated hundreds on every save).
    @Test func anEditReprintsOnlyNewWarnings() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let settings = site.appendingPathComponent("content/site.yml")
        try read(settings).replacingOccurrences(of: "  phone: \"+7 (8332) 00-00-00\"\n", with: "")
            .write(to: settings, atomically: true, encoding: .utf8)
        let port = Self.freePort()
        let serve = try LiveProcess(Repo.binary, ["serve", "--port", String(port), "--today", "2025-06-01"], in: site,
                                    environment: ["NASTAVNIK_THEMES": Repo.root.appendingPathComponent("themes").path])
        defer { if serve.process.isRunning { kill(serve.process.processIdentifier, SIGINT); _ = serve.waitForExit() } }
        #expect(serve.wait { serve.errors.contains("Сайт: ") }, "\(serve.errors)")
        func count(_ text: String) -> Int { serve.errors.components(separatedBy: text).count - 1 }
        #expect(count("[site.missing-curator]") == 1, "\(serve.errors)")

        let news = site.appendingPathComponent("content/news/2024-09-01-start.md")
        try (read(news) + "\nЕщё абзац.\n").write(to: news, atomically: true, encoding: .utf8)
        #expect(serve.wait(5) { count("Готово за") >= 2 }, "\(serve.errors)")
        #expect(count("[site.missing-curator]") == 1, "\(serve.errors)")
        #expect(serve.errors.contains("Ещё 1 сообщение — такое же, как при прошлой сборке (все сразу покажет nastavnik check)."), "\(serve.errors)")

        // A new warning is printed in full.
        try (read(news) + "\n![](images/nowhere.png)\n").write(to: news, atomically: true, encoding: .utf8)
        // A loaded machine may see one save as two rounds (the rename, then its attributes):
        // the round after this edit is the one that must print the new problem in full.
        #expect(serve.wait(5) {
            let rounds = serve.errors.components(separatedBy: "Изменено:")
            return rounds.count > 2 && rounds[2].contains("2024-09-01-start.md:10:1: ошибка: у картинки `images/nowhere.png` нет описания [image.alt]")
        }, "\(serve.errors)")
    }

    @Test func aBrokenTemplateShowsOverThePageAndTheServerKeepsRunning() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let settings = site.appendingPathComponent("content/site.yml")
        try (read(settings) + "theme: mine\n").write(to: settings, atomically: true, encoding: .utf8)
        let own = site.appendingPathComponent("themes/mine/templates")
        try FileManager.default.createDirectory(at: own, withIntermediateDirectories: true)
        let port = Self.freePort()
        let serve = try LiveProcess(Repo.binary, ["serve", "--port", String(port), "--today", "2025-06-01"], in: site,
                                    environment: ["NASTAVNIK_THEMES": Repo.root.appendingPathComponent("themes").path])
        defer { if serve.process.isRunning { kill(serve.process.processIdentifier, SIGINT); _ = serve.waitForExit() } }
        #expect(serve.wait { serve.errors.contains("Сайт: ") }, "\(serve.errors)")
        let events = try LiveProcess(URL(fileURLWithPath: "/usr/bin/curl"), ["-sN", "http://127.0.0.1:\(port)/__nastavnik/events"])
        defer { if events.process.isRunning { events.process.terminate() } }
        #expect(events.wait { events.output.contains("\"ok\":true") })

        let template = own.appendingPathComponent("page.mustache")
        try "x {{#a}}\n".write(to: template, atomically: true, encoding: .utf8)
        #expect(events.wait { events.output.contains("\"ok\":false") && events.output.contains("шаблон темы не разобран") }, "\(events.output)")
        #expect(serve.wait(5) { serve.errors.contains("page.mustache:2:1: ошибка: шаблон темы не разобран: секция {{#…}} не закрыта тегом {{/…}} [theme.syntax]") }, "\(serve.errors)")
        #expect(fetch("http://127.0.0.1:\(port)/").status == 200)  // the last good site is still served

        try FileManager.default.removeItem(at: template)
        #expect(events.wait { events.output.contains("event: reload") }, "\(events.output)")
    }

    @Test func busyPortIsExplainedWithAFreeOne() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let port = Self.freePort()
        let env = ["NASTAVNIK_THEMES": Repo.root.appendingPathComponent("themes").path]
        let first = try LiveProcess(Repo.binary, ["serve", "--port", String(port)], in: site, environment: env)
        defer { if first.process.isRunning { kill(first.process.processIdentifier, SIGINT); _ = first.waitForExit() } }
        #expect(first.wait { first.errors.contains("Сайт: ") })
        let second = try runNastavnik(["serve", "--port", String(port)], in: site)
        #expect(second.status == 2)
        #expect(second.stderr.contains("ошибка: порт \(port) занят другой программой"))
        #expect(second.stderr.contains("nastavnik serve --port "))
    }
}
