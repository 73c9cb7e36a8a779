import Domain
import Images
import Synchronization

/// A piece of content a page reads. Recorded while the page's model is made (`Reads`), so
/// which pages an edit touches follows from what the pages read, not from a second list.
enum Dependency: Hashable, Sendable {
    /// site.yml.
    case settings
    /// index.md.
    case home
    /// The menu: which sections have content, the pages' titles and order.
    case sections
    /// One entry, by its section and slug.
    case entry(SectionKey, String)
    /// Which entries a section has, in which order, with the fields lists and facets show.
    case list(SectionKey)
    /// A file read whole: documents.yml, roadmap.yml, indicators, partners.yml.
    case whole(SectionKey)
    /// A bank's schools and everything made from them.
    case bank
}

enum SectionKey: String, Hashable, Sendable, CaseIterable {
    case news, cases, mentors, programs, pages, documents, roadmaps, indicators, partners, events
}

/// What one page read; the component that reads content notes it.
final class Reads: Sendable {
    private let found = Mutex<Set<Dependency>>([])

    /// Bound while one page's model is made (thread by thread: pages render in parallel).
    @TaskLocal static var current: Reads?

    static func note(_ dependency: Dependency) { current?.found.withLock { _ = $0.insert(dependency) } }
    static func note(_ section: SectionKey, _ slug: String) { note(.entry(section, slug)) }

    var all: Set<Dependency> { found.withLock { $0 } }

    /// Runs `body` recording what it reads.
    static func recording<T>(_ body: () -> T) -> (T, Set<Dependency>) {
        let reads = Reads()
        let value = $current.withValue(reads) { body() }
        return (value, reads.all)
    }
}

/// What changed between two loads of a site, as the dependencies pages record; nil when
/// anything may have (pictures, the theme, the set of pages).
struct ContentChange {
    /// The values the change is worked out from, kept from the last rebuild.
    struct Snapshot: Sendable {
        var content: SiteContent
        var sections: [SitePlan.Section]
        var images: [String: ProcessedImage]
        /// A bank's schools, the centre's decisions and competitions; nil for a school's site.
        var bank: BankState?
    }

    struct BankState: Sendable, Equatable {
        var schools: [SiteContent?]
        var practices: [Practice]
        var reviews: [String: ReviewDecision]?
        var competitions: [Competition]
        var otherRegion: Set<Int>

        init(_ bank: Bank) {
            schools = bank.schools.map(\.content)
            practices = bank.practices
            reviews = bank.reviews
            competitions = bank.competitions
            otherRegion = bank.otherRegion
        }
    }

    static func between(_ old: Snapshot, _ new: Snapshot) -> Set<Dependency>? {
        guard old.content.assets == new.content.assets, old.images == new.images else { return nil }
        let (a, b) = (old.content, new.content)
        var out: Set<Dependency> = []
        if a.settings != b.settings { out.insert(.settings) }
        if a.home != b.home { out.insert(.home) }
        if old.sections != new.sections { out.insert(.sections) }
        for section in SiteSections.all { section.changes(a, b, into: &out) }
        // A bank's own pages combine its schools with its settings, targets, decisions and
        // competitions: any change renders them again.
        if new.bank != nil, old.bank != new.bank || !out.isEmpty { out.insert(.bank) }
        return out
    }
}
