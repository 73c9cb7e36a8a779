import Domain

/// events/<slug>.md — «Мероприятия»: what is coming (soonest first), then what took place
/// (latest first). The main page shows the next three.
struct EventsSection: SiteSection {
    let key = SectionKey.events
    let inBank = true

    func menu(_ content: SiteContent) -> [SitePlan.Section] {
        content.events.isEmpty ? [] : [SitePlan.Section(path: "events/", title: "Мероприятия")]
    }

    func plan(_ content: SiteContent) -> [PlannedPage] {
        guard !content.events.isEmpty else { return [] }
        return [PlannedPage(path: "events/", kind: .section(key, .index))]
            + content.events.enumerated().map { PlannedPage(path: Self.url($1.slug), kind: .section(key, .item($0))) }
    }

    static func url(_ slug: String) -> String { "events/\(slug)/" }

    func make(_ page: SectionPage, path: String, _ site: PageContexts, root: String, md: MarkdownBodies) -> PageContexts.Made {
        if case .item(let i) = page {
            let e = site.content.events[i]
            var card = Self.card(e, site, root: root)
            card.coverImage = PageContexts.atTop(card.coverImage, class: "cover")
            return PageContexts.Made(template: "event", title: e.title, section: "events/",
                                     body: EventPage(event: card, bodyHTML: md(e.body, e.origin.file, "events")),
                                     summary: e.summary ?? PageContexts.lead(e.body), image: card.coverImage)
        }
        Reads.note(.list(key))
        let (upcoming, past) = Self.split(site.content.events, today: site.today)
        return PageContexts.Made(template: "events", title: "Мероприятия", section: "events/", body: EventsPage(
            upcoming: upcoming.map { Self.card($0, site, root: root) }, past: past.map { Self.card($0, site, root: root) }))
    }

    /// Coming events soonest first, past ones latest first.
    static func split(_ events: [Event], today: DayDate) -> (upcoming: [Event], past: [Event]) {
        let upcoming = events.filter { $0.isUpcoming(on: today) }.sorted { ($0.date, $0.slug) < ($1.date, $1.slug) }
        let past = events.filter { !$0.isUpcoming(on: today) }.sorted { ($0.date, $0.slug) > ($1.date, $1.slug) }
        return (upcoming, past)
    }

    static func card(_ e: Event, _ site: PageContexts, root: String) -> EventCard {
        Reads.note(.events, e.slug)
        return EventCard(title: e.title, href: root + url(e.slug), dates: e.russianDates, datetime: e.date.iso,
                         endDatetime: e.end?.iso ?? "", time: e.time ?? "", place: e.place ?? "", audience: e.audience ?? "",
                         form: e.form?.title ?? "", registration: e.registration ?? "", summary: e.summary ?? "",
                         upcoming: e.isUpcoming(on: site.today), draft: e.draft, cover: e.cover.map { root + $0.path } ?? "", coverAlt: e.cover?.alt ?? "",
                         coverImage: e.cover.map { site.picture($0.path, alt: $0.alt, root: root, sizes: PageContexts.cardSizes, lazy: true) })
    }

    func search(_ content: SiteContent) -> [SearchIndex.Input] {
        content.events.map { e in
            SearchIndex.Input(title: e.title, path: Self.url(e.slug), kind: "Мероприятие",
                              parts: [e.summary ?? "", e.place ?? "", e.audience ?? "", e.form?.title ?? "", e.russianDates],
                              markdown: e.body)
        }
    }

    func fingerprint(_ content: SiteContent, into prints: inout InputPrints) {
        // The list and the main page order events by their dates.
        prints.entries(key, content.events, slug: \.slug, origin: \.origin, listed: { [$0.slug, $0.date.iso, $0.end?.iso ?? ""] })
    }
}
