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
    case news, cases, mentors, programs, pages, documents, roadmaps, indicators, partners
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
        var schools: [SiteContent?]
    }

    static func between(_ old: Snapshot, _ new: Snapshot) -> Set<Dependency>? {
        guard old.content.assets == new.content.assets, old.images == new.images else { return nil }
        let (a, b) = (old.content, new.content)
        var out: Set<Dependency> = []
        if a.settings != b.settings { out.insert(.settings) }
        if a.home != b.home { out.insert(.home) }
        if old.sections != new.sections { out.insert(.sections) }
        if old.schools != new.schools { out.insert(.bank) }
        if a.documents != b.documents { out.insert(.whole(.documents)) }
        if a.roadmaps != b.roadmaps { out.insert(.whole(.roadmaps)) }
        if a.indicators != b.indicators { out.insert(.whole(.indicators)) }
        if a.partners != b.partners { out.insert(.whole(.partners)) }
        entries(.news, a.news, b.news, slug: \.slug, listed: { [$0.slug, $0.date.iso] }, into: &out)
        // Lists and facets of cases show their form, role model, year and tags; a mentor's page lists his cases.
        entries(.cases, a.cases, b.cases, slug: \.slug, listed: { c in
            var mentor = ""
            if case .page(let slug) = c.mentor { mentor = slug }
            return [c.slug, c.title, c.form.rawValue, c.roleModel ?? "", String(c.period?.year ?? 0), mentor] + c.tags
        }, into: &out)
        entries(.mentors, a.mentors, b.mentors, slug: \.slug, listed: { [$0.slug, $0.name] }, into: &out)
        entries(.programs, a.programs, b.programs, slug: \.slug, listed: { [$0.slug, $0.title] + $0.forms.map(\.rawValue) }, into: &out)
        entries(.pages, a.pages, b.pages, slug: \.slug, listed: { [$0.slug, $0.title, String($0.weight)] }, into: &out)
        return out
    }

    /// `.entry` for every entry edited, added or removed; `.list` when the section's listing changed.
    private static func entries<T: Equatable>(_ section: SectionKey, _ old: [T], _ new: [T], slug: (T) -> String,
                                              listed: (T) -> [String], into out: inout Set<Dependency>) {
        var before: [String: T] = [:]
        for item in old { before[slug(item)] = item }
        var seen: Set<String> = []
        for item in new {
            let key = slug(item)
            seen.insert(key)
            if before[key] != item { out.insert(.entry(section, key)) }
        }
        for key in before.keys where !seen.contains(key) { out.insert(.entry(section, key)) }
        if old.map(listed) != new.map(listed) { out.insert(.list(section)) }
    }
}
