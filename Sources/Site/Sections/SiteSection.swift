import Domain
import Markdown

/// A kind of content with pages of its own, declared once: which pages it makes and where,
/// its menu entry, how its pages' models are made, what the search index takes from it and
/// what `serve` compares between rebuilds. The planner, the menu, the search index and the
/// change detection go through `SiteSections.all`; adding a kind is its domain type, its
/// loader (`EntryFolders` in Content), one section here, its templates and its tests.
protocol SiteSection: Sendable {
    var key: SectionKey { get }
    /// A bank publishes this part of its own folder too (its documents, news, pages).
    var inBank: Bool { get }
    /// Its entries in the menu, none when the site has nothing of it.
    func menu(_ content: SiteContent) -> [SitePlan.Section]
    /// Its pages, in the order they are built.
    func plan(_ content: SiteContent) -> [PlannedPage]
    /// The model of one of its pages.
    func make(_ page: SectionPage, path: String, _ site: PageContexts, root: String, md: MarkdownBodies) -> PageContexts.Made
    /// Its pages with words of their own, for the search index.
    func search(_ content: SiteContent) -> [SearchIndex.Input]
    /// Its fingerprints (`.entry`, `.list` or `.whole`), as its pages record their reads.
    func fingerprint(_ content: SiteContent, into prints: inout InputPrints)
}

/// Renders a Markdown body of an entry (body, its file, its folder) for the page being made.
typealias MarkdownBodies = (MarkdownBody, String, String) -> String

/// Which page of a section.
enum SectionPage: Sendable {
    /// The section's one page (documents, roadmap) or the first page of its entries (programmes).
    case index
    /// A page of a paginated list, maybe filtered (a facet of cases).
    case list(ListPage)
    /// The page of one entry, by its index in the content.
    case item(Int)
}

struct ListPage: Sendable {
    var title: String
    var filter: CaseFilter = .all
    /// The list's first page: `news/`, `cases/form/x/`.
    var base: String
    var number: Int
    var count: Int

    /// «Новости — страница 2» after the first page.
    var heading: String { number == 1 ? title : "\(title) — страница \(number)" }
}

enum SiteSections {
    /// In menu and plan order.
    static let all: [any SiteSection] = [
        DocumentsSection(), ProgramsSection(), RoadmapSection(), IndicatorsSection(), CasesSection(), MentorsSection(),
        NewsSection(), EventsSection(), PartnersSection(), PagesSection(),
    ]

    static func named(_ key: SectionKey) -> any SiteSection {
        // Every key has its section: `sectionsCoverEveryKey` in the tests.
        all.first { $0.key == key } ?? PagesSection()
    }

    /// The pages of a paginated list: `base`, `base/page/2/` …
    static func listing(_ key: SectionKey, base: String, title: String, filter: CaseFilter = .all, total: Int,
                        perPage: Int) -> [PlannedPage] {
        let count = max(1, (total + perPage - 1) / perPage)
        return (1...count).map { n in
            PlannedPage(path: SiteURLs.listing(base, page: n),
                        kind: .section(key, .list(ListPage(title: title, filter: filter, base: base, number: n, count: count))))
        }
    }
}
