import Content
import Domain
import Foundation
import Site
import Testing
import TestSupport

/// `serve` renders only the pages an edit can affect; the result must equal a full build.
@Suite struct IncrementalRebuildTests {
    static func options(_ content: URL) -> BuildOptions {
        BuildOptions(content: content, shownContent: "content", output: URL(fileURLWithPath: "/nonexistent"),
                     baseURL: "http://127.0.0.1:1313/", today: DayDate(year: 2026, month: 11, day: 26)!,
                     defaultTheme: Repo.defaultTheme)
    }

    static func edit(_ file: URL, _ from: String, _ to: String) throws {
        let text = read(file)
        #expect(text.contains(from), "\(file.lastPathComponent) has no «\(from)»")
        try text.replacingOccurrences(of: from, with: to).write(to: file, atomically: true, encoding: .utf8)
    }

    /// An edit of one entry renders only the pages that read it; an edit of what every
    /// page shows (site.yml, the menu) renders them all. Either way the result is a full build's.
    @Test(arguments: [
        ("news/2025-09-01-novyy-nabor.md", "title: \"Открыт набор наставников на новый учебный год\"", "title: \"Набор открыт\"", true),
        ("news/2025-09-01-novyy-nabor.md", "date: 2025-09-01", "date: 2023-01-15", true),
        ("cases/robototehnika.md", "tags: [\"робототехника\", \"инженерное образование\"]", "tags: [\"робототехника\"]", true),
        ("cases/robototehnika.md", "Команда заняла 2 место", "Команда заняла 1 место", true),
        ("cases/molodoy-pedagog.md", "mentor: mentors/ivanova", "mentor: mentors/sokolov", true),
        ("mentors/ivanova.md", "учитель математики", "учитель информатики", true),
        ("programs/programma-2024.md", "forms: [\"ученик – ученик\", \"учитель-учитель\", \"работодатель — ученик\"]",
         "forms: [\"ученик – ученик\", \"учитель-учитель\"]", true),
        ("programs/programma-2024.md", "number: \"112-о\"", "number: \"113-о\"", true),
        ("pages/roditelyam.md", "## Зачем ребёнку наставник", "## Зачем нужен наставник", true),
        ("pages/roditelyam.md", "title: \"Родителям\"", "title: \"Для родителей\"", false),
        ("index.md", "С 2020 года школа", "С 2020 года наша школа", true),
        ("documents.yml", "number: \"Р-145\"", "number: \"Р-146\"", true),
        ("roadmap.yml", "Подготовка условий для запуска программы наставничества", "Подготовка условий", true),
        ("indicators/actual.csv", "mentees_10_19,2021,139,476", "mentees_10_19,2021,140,476", true),
        ("partners.yml", "mentors: 3", "mentors: 4", true),
        ("site.yml", "municipality: \"г. Слободской\"", "municipality: \"город Слободской\"", false),
    ])
    func incrementalEqualsFull(_ change: (String, String, String, Bool)) throws {
        let work = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        try overlay(Repo.root.appendingPathComponent("content"), onto: work.appendingPathComponent("content"))
        try Self.editAndCompare(work.appendingPathComponent("content"), change.0, change.1, change.2, partial: change.3)
    }

    /// An edit after which the entry cannot stand in for the last one loads the folder whole:
    /// news moved into the future, a draft, a file that no longer parses.
    @Test(arguments: [
        ("news/2025-09-01-novyy-nabor.md", "date: 2025-09-01", "date: 2027-01-15"),
        ("news/2025-09-01-novyy-nabor.md", "tags: [\"набор\"]", "tags: [\"набор\"]\ndraft: true"),
        ("cases/robototehnika.md", "---\n", "--\n"),
    ])
    func editsThatChangeWhichEntriesExistLoadTheFolder(_ change: (String, String, String)) throws {
        let work = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let content = work.appendingPathComponent("content")
        try overlay(Repo.root.appendingPathComponent("content"), onto: content)
        try Self.editAndCompare(content, change.0, change.1, change.2, partial: false, alone: false)
    }

    /// A bank's pages read its schools: an edit in one school renders them again, and the
    /// bank's own main page alone renders only itself.
    @Test(arguments: [
        ("schools/alpha/content/cases/robototehnika.md", "Команда заняла 2 место", "Команда заняла 1 место", false),
        ("index.md", "Практики школ Кировской области", "Практики школ и колледжей Кировской области", true),
    ])
    func bankIncrementalEqualsFull(_ change: (String, String, String, Bool)) throws {
        let work = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        try overlay(Repo.fixtures.appendingPathComponent("bank"), onto: work)
        try Self.editAndCompare(work.appendingPathComponent("content"), change.0, change.1, change.2, partial: change.3)
    }

    /// The centre's decisions, its competitions and its targets are the bank's too.
    @Test(arguments: [
        ("review.yml", "  status: selected\n  score: 24", "  status: rejected\n  score: 24", false),
        ("competitions.yml", "Лучшая практика наставничества — 2025", "Лучшая практика наставничества 2025 года", false),
    ])
    func bankFilesIncrementalEqualsFull(_ change: (String, String, String, Bool)) throws {
        let work = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        try overlay(Repo.fixtures.appendingPathComponent("bank-v2"), onto: work)
        try Self.editAndCompare(work.appendingPathComponent("content"), change.0, change.1, change.2, partial: change.3)
    }

    /// - Parameter alone: the edited file is read alone, the folder is not loaded whole; by
    ///   default, when it is an entry (`news/x.md`): anything else loads the folder whole.
    static func editAndCompare(_ content: URL, _ file: String, _ from: String, _ to: String, partial: Bool, alone: Bool? = nil) throws {
        let alone = alone ?? (file.split(separator: "/").count == 2 && file.hasSuffix(".md"))
        let live = LiveSite(options: Self.options(content))
        #expect(try live.rebuild().succeeded)

        try Self.edit(content.appendingPathComponent(file), from, to)
        // As the watcher names it.
        let incremental = try live.rebuild(themeChanged: false, changed: [file])
        #expect(incremental.loadedWhole == !alone, "editing \(file)")
        if partial {
            #expect(incremental.rendered < incremental.pages, "editing \(file) should not re-render everything")
        }

        let full = LiveSite(options: Self.options(content))
        let fullRebuild = try full.rebuild()
        #expect(incremental.succeeded == fullRebuild.succeeded, "\(incremental.diagnostics)")
        #expect(incremental.diagnostics.sortedForReport() == fullRebuild.diagnostics.sortedForReport(), "editing \(file)")
        guard fullRebuild.succeeded else { return }
        #expect(!incremental.changed.isEmpty)
        #expect(live.paths == full.paths)
        for path in full.paths {
            guard case .generated(let expected)? = full.resource(path) else { continue }
            guard case .generated(let actual)? = live.resource(path) else { Issue.record("\(path) missing"); continue }
            #expect(actual == expected, "\(path) differs from a full build after editing \(file)")
        }
    }
}

/// What `serve` keeps between rebuilds never hides a change of the folder's other files.
@Suite struct ServeCacheTests {
    @Test func addingTheMissingPictureClearsTheError() throws {
        let site = try TestSite(["news/cover.md": """
            ---
            title: "Новость"
            date: 2024-10-01
            cover: images/later.png
            cover_alt: "Фото"
            ---
            Текст.
            """])
        defer { site.remove() }
        let live = LiveSite(options: IncrementalRebuildTests.options(site.content))
        let first = try live.rebuild()
        #expect(!first.succeeded)
        #expect(first.diagnostics.contains { $0.rule == "file.missing" })
        try FileManager.default.copyItem(at: site.content.appendingPathComponent("images/photo.png"),
                                         to: site.content.appendingPathComponent("images/later.png"))
        let second = try live.rebuild(themeChanged: false)
        #expect(second.succeeded, "\(second.diagnostics)")
    }

    /// A warning of a page that an edit does not render again is still reported.
    @Test func warningsOfPagesNotRenderedAgainStay() throws {
        let site = try TestSite(["pages/roditelyam.md": "---\ntitle: \"Родителям\"\n---\nСм. [страницу](/nowhere/).\n"])
        defer { site.remove() }
        let live = LiveSite(options: IncrementalRebuildTests.options(site.content))
        #expect(try live.rebuild().diagnostics.contains { $0.rule == "link.broken" })
        try IncrementalRebuildTests.edit(site.content.appendingPathComponent("news/2024-09-01-start.md"), "Текст новости.", "Новый текст.")
        let next = try live.rebuild(themeChanged: false)
        #expect(next.rendered < next.pages)
        #expect(next.diagnostics.contains { $0.rule == "link.broken" }, "\(next.diagnostics)")
    }
}
