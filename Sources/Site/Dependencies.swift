import Content
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
    /// Which cases name a mentor page (by the mentor's slug): the mentor's page lists them.
    case casesOf(String)
    /// Whether the site has a page at this path (without its final «/»): a link to it is
    /// written, or reported broken, by what the answer is.
    case page(String)
    /// A bank's schools and everything made from them.
    case bank
    /// One school of a bank: its files, its pictures and documents, which of its practices
    /// the bank publishes (by its id).
    case school(String)
    /// What a bank's practice cards show, of every practice in the bank's order: the lists of
    /// practices and their facets read only this (a practice's body is not on a card).
    case practiceCards
    /// A bank's own files beside its site.yml and index.md (review.yml, competitions.yml, its
    /// news and pages): a practice's badges come from them.
    case bankOwn
    /// One case or mentor file of a bank's school, whole (by its shown path): its own page shows
    /// its body. `.school` and `.bank` hold such files without their bodies.
    case schoolEntry(String)
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

/// What pages are made from, as one fingerprint per `Dependency`: what `serve` compares
/// between two rebuilds and what the build cache compares between two runs. An entry's
/// fingerprint is its file's text, a list's the fields lists show, so an edit of a body
/// renders its page again but not the list of its section.
struct SiteInputs: Sendable, Equatable {
    /// What any page may show: the pictures as processed, the other files (their sizes), the
    /// date the build is for and whether drafts are shown. When it differs, every page is
    /// rendered again.
    var global: Fingerprint
    var prints: [Dependency: Fingerprint]

    init(global: Fingerprint, prints: [Dependency: Fingerprint]) {
        self.global = global
        self.prints = prints
    }

    /// The entries' fingerprints (each section's `fingerprint`): the larger part, made from the
    /// content and the files' digests alone, so it can be made while the content is checked.
    static func entryPrints(content: SiteContent, digests: [String: Fingerprint], root: String) -> InputPrints {
        var builder = InputPrints(digests: digests, root: root)
        for section in SiteSections.all { section.fingerprint(content, into: &builder) }
        builder.finishWhole()
        return builder
    }

    /// - Parameters:
    ///   - pages: the paths of the planned pages.
    ///   - entries: `entryPrints` of this content and these digests, when made already.
    init(content: SiteContent, digests: [String: Fingerprint], files: ContentFiles, sections: [SitePlan.Section],
         pages: [String], images: [String: ProcessedImage], today: DayDate, bank: BankSite?, entries: InputPrints? = nil) {
        var global = StableHasher()
        global.combine(today.iso)
        global.combine(content.settings.baseURL ?? "")
        for (path, size) in files.sizes.filter({ !ContentFiles.isText($0.key) }).sorted(by: { $0.key < $1.key }) {
            global.combine(path)
            global.combine(size)
        }
        for (path, image) in images.sorted(by: { $0.key < $1.key }) {
            global.combine(path)
            global.combine(image.width)
            global.combine(image.height)
            for variant in image.fallback + image.webp {
                global.combine(variant.path)
                global.combine(variant.width)
            }
            for output in image.outputs {
                global.combine(output.path)
                global.combine(output.source.path)
            }
        }
        self.global = global.finalize()

        // A bank's schools' files are not its own: its sections' files read whole (`.whole`:
        // documents, roadmap, partners) are its own, and its pages that show the schools read them
        // through `.school` and `.bank`.
        let schoolFiles = Set((bank?.files ?? []).flatMap { files in files.sizes.keys.map(files.shown) })
        func file(_ path: String) -> Fingerprint { digests[path] ?? Fingerprint(high: 0, low: 1) }
        var builder = entries ?? Self.entryPrints(content: content, digests: bank == nil ? digests : digests.filter { !schoolFiles.contains($0.key) },
                                                  root: files.shownRoot)
        builder.prints[.settings] = builder.file(files.shownRoot + "/site.yml")
        builder.prints[.home] = builder.file(files.shownRoot + "/index.md")
        var menu = StableHasher()
        for section in sections {
            menu.combine(section.path)
            menu.combine(section.title)
        }
        builder.prints[.sections] = menu.finalize()
        for path in pages {
            builder.prints[.page(path.hasSuffix("/") ? String(path.dropLast()) : path)] = .zero
        }
        if let bank {
            // A case or a mentor is shown whole only on its own page: every other page of the
            // bank shows it without its body (a card, a name), so that an edit of one body
            // renders one page again, not every page of its school and every list.
            // Made while the schools were checked, and kept for a school whose files are the same.
            let cases = bank.bank.practices.parallelMap { practice -> (String, Fingerprint?) in
                let entry = bank.bank.mentoringCase(practice)
                return (entry.origin.file, bank.made.bodilessPrint(for: entry.origin.file) ?? BodilessPrints.print(entry))
            }
            let mentors = bank.bank.schools.flatMap { $0.content?.mentors ?? [] }.parallelMap { mentor -> (String, Fingerprint?) in
                (mentor.origin.file, bank.made.bodilessPrint(for: mentor.origin.file) ?? BodilessPrints.print(mentor))
            }
            var bodiless: [String: Fingerprint] = [:]
            for (path, print) in cases + mentors {
                builder.prints[.schoolEntry(path)] = file(path)
                // Not encodable: never equal to the last build's, so its pages are rendered again.
                bodiless[path] = print ?? Fingerprint(high: UInt64.random(in: .min ... .max), low: 2)
            }
            func shownWithoutBody(_ path: String) -> Fingerprint { bodiless[path] ?? file(path) }
            // A bank's own pages combine its schools with its settings, targets, decisions and
            // competitions: any file of it or of a school, added, removed or changed, renders
            // them again (but a case's or a mentor's body).
            func element(_ path: String, _ print: Fingerprint) -> Fingerprint {
                var hasher = StableHasher()
                hasher.combine(path)
                hasher.combine(print)
                return hasher.finalize()
            }
            var all = UnorderedHasher()
            for path in digests.keys { all.add(element(path, shownWithoutBody(path))) }
            builder.prints[.bank] = all.finalize()
            // A school's own pages (its practices, mentors, programmes, its page) show that
            // school, the bank's settings and its own files.
            for (i, (school, files)) in zip(bank.bank.schools, bank.files).enumerated() {
                var schoolFiles = UnorderedHasher()
                for (relative, size) in files.sizes {
                    let shown = files.shown(relative)
                    if let entry = bodiless[shown] {
                        schoolFiles.add(element(relative, entry))
                    } else {
                        var file = StableHasher()
                        file.combine(size)
                        file.combine(digests[shown] ?? .zero)
                        schoolFiles.add(element(relative, file.finalize()))
                    }
                }
                var print = StableHasher()
                print.combine(school.excluded ? 1 : 0)
                print.combine(schoolFiles.finalize())
                for practice in bank.practicesOfSchool[i] ?? [] {
                    print.combine(bank.bank.mentoringCase(bank.bank.practices[practice]).slug)
                }
                builder.prints[.school(school.id)] = print.finalize()
            }
            // The case without its body, as kept: every other field may be on a card. Encoded
            // on all cores (10,000 practices of a regional bank).
            let cardPrints = cases.map(\.1)
            var cards = StableHasher()
            for (practice, print) in zip(bank.bank.practices, cardPrints) {
                let school = bank.bank.schools[practice.school]
                for field in [school.id, school.name, school.fullName, school.municipality ?? "",
                              PageContexts.curatorName(school.content?.settings)] {
                    cards.combine(field)
                }
                cards.combine(bank.bank.otherRegion.contains(practice.school) ? 1 : 0)
                if let print {
                    cards.combine(print)
                } else {
                    // Never equal to the last build's: the lists are rendered again.
                    cards.combine(Int.random(in: .min ... .max))
                }
            }
            builder.prints[.practiceCards] = cards.finalize()
            var own = UnorderedHasher()
            for path in digests.keys where !schoolFiles.contains(path) { own.add(element(path, file(path))) }
            builder.prints[.bankOwn] = own.finalize()
        }
        prints = builder.prints
    }
}

/// Builds the fingerprints of one load; each section adds its own (`SiteSection.fingerprint`).
struct InputPrints: Sendable {
    let digests: [String: Fingerprint]
    let root: String
    var prints: [Dependency: Fingerprint] = [:]
    /// Files that are no entry's own: one YAML file or table read whole (documents, roadmap,
    /// indicators, partners) is fingerprinted by all of them together.
    private var entryFiles: Set<String> = []

    init(digests: [String: Fingerprint], root: String) {
        self.digests = digests
        self.root = root
    }

    func file(_ path: String) -> Fingerprint {
        digests[path] ?? Fingerprint(high: 0, low: 1)
    }

    /// `.entry` by each entry's file; `.list` by which entries, in which order, with the fields
    /// lists show.
    mutating func entries<T>(_ section: SectionKey, _ items: [T], slug: (T) -> String, origin: (T) -> SourceRef,
                             listed: (T) -> [String]) {
        var list = StableHasher()
        for item in items {
            let file = origin(item).file
            entryFiles.insert(file)
            let key = slug(item)
            prints[.entry(section, key)] = self.file(file)
            list.combine(key)
            for field in listed(item) { list.combine(field) }
        }
        prints[.list(section)] = list.finalize()
    }

    /// `.whole`, once every section has named its entries' files: the files no entry owns
    /// (site.yml and index.md have their own).
    mutating func whole(_ section: SectionKey) { wholeSections.append(section) }
    private var wholeSections: [SectionKey] = []

    mutating func finishWhole() {
        var all = StableHasher()
        for path in digests.keys.sorted() where !entryFiles.contains(path)
            && path != root + "/site.yml" && path != root + "/index.md" {
            all.combine(path)
            all.combine(file(path))
        }
        let print = all.finalize()
        for section in wholeSections { prints[.whole(section)] = print }
    }
}

/// What changed between two loads of a site, as the dependencies pages record.
enum ContentChange {
    /// Nil when anything may have (pictures, other files, the date).
    static func between(_ old: SiteInputs, _ new: SiteInputs) -> Set<Dependency>? {
        guard old.global == new.global else { return nil }
        var out: Set<Dependency> = []
        var shared = 0
        for (dependency, print) in new.prints {
            guard let before = old.prints[dependency] else {
                out.insert(dependency)
                continue
            }
            shared += 1
            if before != print { out.insert(dependency) }
        }
        // Only when some of the last ones are not among the new: 20,000 lookups spared otherwise.
        if shared < old.prints.count {
            for dependency in old.prints.keys where new.prints[dependency] == nil { out.insert(dependency) }
        }
        return out
    }
}
