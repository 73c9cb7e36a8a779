import Domain
import Foundation
@testable import Site
import Testing
import TestSupport

/// events/<slug>.md, the kind added through the section registry: its pages, its place on
/// the main page, in the menu, the search index and `serve`'s change detection.
@Suite struct EventsTests {
    static let files = [
        "events/forum.md": """
        ---
        title: "Форум наставников"
        date: 2026-12-10
        end: 2026-12-11
        time: "10:00"
        place: "Киров, ИРО"
        registration: "https://example.ru/forum"
        summary: "Секция лучших практик"
        ---
        Программа будет позже.
        """,
        "events/open-lesson.md": """
        ---
        title: "Открытый урок молодого педагога"
        date: 2026-11-30
        form: "учитель – учитель"
        ---
        Урок и разбор с наставником.
        """,
        "events/meeting.md": """
        ---
        title: "Встреча с инженерами"
        date: 2026-10-15
        ---
        Встреча прошла.
        """,
    ]

    @Test func upcomingSoonestFirstThenPastWithPagesMenuAndSearch() throws {
        let site = try TestSite(Self.files)
        defer { site.remove() }
        let result = try site.build()
        #expect(result.outcome == .built, "\(result.diagnostics)")

        let list = untypeset(site.page("events/"))
        let upcoming = try #require(list.range(of: "Предстоящие"))
        let past = try #require(list.range(of: "Прошедшие"))
        let lesson = try #require(list.range(of: "Открытый урок молодого педагога"))
        let forum = try #require(list.range(of: "Форум наставников"))
        let meeting = try #require(list.range(of: "Встреча с инженерами"))
        #expect(upcoming.lowerBound < lesson.lowerBound && lesson.lowerBound < forum.lowerBound && forum.lowerBound < past.lowerBound)
        #expect(past.lowerBound < meeting.lowerBound)
        #expect(site.page("events/").contains("<time datetime=\"2026-12-10\">10–11 декабря 2026 г.</time>, 10:00"))

        let forumPage = untypeset(site.page("events/forum/"))
        #expect(forumPage.contains("href=\"https://example.ru/forum\">Записаться</a>"))
        #expect(forumPage.contains("<dt>Где</dt><dd>Киров, ИРО</dd>"))
        // A past event offers no sign-up and says it took place.
        #expect(untypeset(site.page("events/meeting/")).contains("Мероприятие прошло."))

        let home = untypeset(site.page(""))
        #expect(home.contains("Ближайшие мероприятия"))
        #expect(!home.contains("Встреча с инженерами"), "the main page shows only what is coming")
        #expect(home.contains("href=\"./events/\">Мероприятия</a>"))

        let index = read(site.output.appendingPathComponent("search-index.json"))
        #expect(index.contains("\"u\":\"events/forum/\""))
        #expect(index.contains("Мероприятие"))
    }

    @Test func serveRendersOnlyTheEditedEventAndWhatListsIt() throws {
        let site = try TestSite(Self.files)
        defer { site.remove() }
        try IncrementalRebuildTests.editAndCompare(site.content, "events/meeting.md", "Встреча прошла.", "Встреча прошла успешно.",
                                                   partial: true)
        try IncrementalRebuildTests.editAndCompare(site.content, "events/forum.md", "date: 2026-12-10", "date: 2026-12-01", partial: true)
    }

    @Test func eventDatesReadAsRussianRanges() {
        func event(_ from: DayDate, _ to: DayDate?) -> Event {
            Event(slug: "x", title: "x", date: from, end: to, body: MarkdownBody(text: "", firstLine: 1),
                  origin: SourceRef(file: "x"))
        }
        let d = { DayDate(year: $0, month: $1, day: $2)! }
        #expect(event(d(2026, 12, 10), nil).russianDates == "10 декабря 2026 г.")
        #expect(event(d(2026, 11, 30), d(2026, 12, 2)).russianDates == "30 ноября – 2 декабря 2026 г.")
        #expect(event(d(2026, 12, 31), d(2027, 1, 2)).russianDates == "31 декабря 2026 г. – 2 января 2027 г.")
        #expect(event(d(2026, 12, 10), d(2026, 12, 10)).russianDates == "10 декабря 2026 г.")
    }

    /// A time written with the date is the event's time; a page named `events` is reserved
    /// only on a site that has events.
    @Test func timeInTheDateAndAnOlderEventsPage() throws {
        let site = try TestSite(["events/seminar.md": "---\ntitle: \"Семинар\"\ndate: 2026-12-10 15:00\n---\nТекст.\n"])
        defer { site.remove() }
        #expect(try site.build().outcome == .built)
        #expect(site.page("events/seminar/").contains("10 декабря 2026 г.</time>, 15:00"))

        let older = try TestSite(["pages/events.md": "---\ntitle: \"Мероприятия\"\n---\nПлан мероприятий.\n"])
        defer { older.remove() }
        #expect(try older.build().outcome == .built)
        // Once the site has events, the page's address is theirs.
        try FileManager.default.createDirectory(at: older.content.appendingPathComponent("events"), withIntermediateDirectories: true)
        try "---\ntitle: \"Семинар\"\ndate: 2026-12-10\n---\nТекст.\n".write(
            to: older.content.appendingPathComponent("events/seminar.md"), atomically: true, encoding: .utf8)
        #expect(try older.build(write: false).diagnostics.contains { $0.rule == "slug.reserved" })
    }
}
