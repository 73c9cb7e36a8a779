import Content
import Domain
import Foundation
import Markdown

/// One page of the site: where it goes and what it shows. Plain values, so pages can be
/// rendered on all cores.
enum PageKind: Sendable {
    case home
    /// A page of a content section (`SiteSections`).
    case section(SectionKey, SectionPage)
    case search
    case notFound
    /// A page only a regional bank has.
    case bank(BankPageKind)
}

/// The pages of a regional bank (`kind: bank`) beside those it shares with a school's site.
enum BankPageKind: Sendable {
    case practices(title: String, filter: PracticeFilter, base: String, page: Int, of: Int)
    case practice(Int)
    case schools
    case school(Int)
    case mentors(page: Int, of: Int)
    case mentor(school: Int, mentor: Int)
    case rollup
    case competitions
    /// «База программ наставничества»: every school's programmes.
    case programs
    case program(school: Int, program: Int)
}

/// What kind of site is built: a school's mentoring page, or a regional bank of practices
/// made from many schools' folders. A bank has pages of its own and shares the others (its
/// documents, news, pages) and every component (frame, cards, lists, indicators) with a school's.
enum SiteKind: Sendable {
    case school
    case bank(BankSite)

    var bank: BankSite? {
        if case .bank(let bank) = self { return bank }
        return nil
    }
}

enum CaseFilter: Sendable, Hashable {
    case all
    case form(MentoringForm)
    case roleModel(String)
    case year(Int)
    case tag(String)

    func matches(_ c: MentoringCase) -> Bool {
        switch self {
        case .all: return true
        case .form(let f): return c.form == f
        case .roleModel(let r): return c.roleModel == r
        case .year(let y): return c.period?.year == y
        case .tag(let t): return c.tags.contains(t)
        }
    }
}

struct PlannedPage: Sendable {
    /// Site-relative path: `` for the home page, `news/x/`, or `404.html`.
    var path: String
    var kind: PageKind
}

/// Which pages the content makes, in a stable order.
enum SitePlan {
    /// A section of the site's menu.
    struct Section: Sendable, Equatable {
        var path: String
        var title: String
    }

    /// Cards on one page of the cases and mentors lists and of every facet page: a list of
    /// 4,000 cases on one page weighed 2.2 MB.
    static let perPage = 24

    static func pages(for content: SiteContent, today: DayDate) -> [PlannedPage] {
        [PlannedPage(path: "", kind: .home)]
            + SiteSections.all.flatMap { $0.plan(content) }
            + [PlannedPage(path: "search/", kind: .search), PlannedPage(path: "404.html", kind: .notFound)]
    }
}

struct Facet: Sendable {
    var path: String
    var title: String
    var label: String
    var filter: CaseFilter
    var count: Int
}

enum Facets {
    /// The last facets with what they were counted from: a build asks twice (the plan and the
    /// pages), and `serve` again after most edits. Hashing those fields as bytes costs a
    /// fraction of counting them (Russian strings as keys hash through Unicode normalization).
    private static let last = LastComputed<[Facet]>()

    /// Pre-rendered filter pages, so filtering works without JavaScript.
    static func caseFacets(_ cases: [MentoringCase]) -> [Facet] {
        var hasher = StableHasher()
        for c in cases {
            hasher.combine(c.form.rawValue)
            hasher.combine(c.roleModel.map { "+" + $0 } ?? "-")
            hasher.combine(c.period?.year ?? Int.min)
            hasher.combine(c.tags.count)
            for tag in c.tags { hasher.combine(tag) }
        }
        return last.value(for: hasher.finalize()) { count(cases) }
    }

    private static func count(_ cases: [MentoringCase]) -> [Facet] {
        // Counted in one pass: a facet per tag over thousands of cases was a tenth of a rebuild.
        var forms: [MentoringForm: Int] = [:], roles: [String: Int] = [:], years: [Int: Int] = [:], tags: [String: Int] = [:]
        for c in cases {
            forms[c.form, default: 0] += 1
            if let role = c.roleModel { roles[role, default: 0] += 1 }
            if let year = c.period?.year { years[year, default: 0] += 1 }
            for tag in Set(c.tags) { tags[tag, default: 0] += 1 }
        }
        var out: [Facet] = []
        for form in MentoringForm.allCases {
            if let n = forms[form] {
                out.append(Facet(path: SiteURLs.formFacet(form), title: "Кейсы: форма «\(form.title)»", label: form.title, filter: .form(form), count: n))
            }
        }
        var usedRoleSlugs: Set<String> = []
        for (role, n) in roles.sorted(by: { $0.key < $1.key }) {
            var slug = Slug.make(role)
            while usedRoleSlugs.contains(slug) { slug += "-2" }
            usedRoleSlugs.insert(slug)
            out.append(Facet(path: "cases/role/\(slug)/", title: "Кейсы: ролевая модель «\(role)»", label: role, filter: .roleModel(role), count: n))
        }
        for (year, n) in years.sorted(by: { $0.key > $1.key }) {
            out.append(Facet(path: "cases/year/\(year)/", title: "Кейсы \(year) года", label: String(year), filter: .year(year), count: n))
        }
        var usedTagSlugs: Set<String> = []
        for (tag, n) in tags.sorted(by: { $0.key < $1.key }) {
            var slug = Slug.make(tag)
            while usedTagSlugs.contains(slug) { slug += "-2" }
            usedTagSlugs.insert(slug)
            out.append(Facet(path: "cases/tag/\(slug)/", title: "Кейсы с меткой «\(tag)»", label: tag, filter: .tag(tag), count: n))
        }
        return out
    }
}
