import Synchronization
import Content
import Domain
import Foundation
import Markdown

/// What a bank filters practices by; every value has a pre-rendered page.
enum PracticeFilter: Sendable, Hashable {
    case all
    case form(MentoringForm)
    case roleModel(String)
    case level(EducationLevel)
    case municipality(String)
    case year(Int)
}

struct PracticeFacet: Sendable {
    var path: String
    var title: String
    var label: String
    var group: String
    var filter: PracticeFilter
    var count: Int
}

/// The resolved bank: schools, practices in display order, facets with their practices,
/// indicator roll-ups, and a body renderer per school (links and files stay the school's).
struct BankSite: Sendable {
    let bank: Bank
    let files: [ContentFiles]
    let rollups: [IndicatorRollup]
    let facets: [PracticeFacet]
    /// Practice indices for each filter, newest first.
    let listings: [PracticeFilter: [Int]]
    let bodies: [BodyRenderer]
    /// Bodies rendered and prints made while the schools were checked.
    let made: SchoolsMade
    /// Practices of schools from other regions, for «Практики других регионов».
    let otherRegionPractices: [Int]
    static let perPage = 30

    init(bank: Bank, files: [ContentFiles], targets: IndicatorSet?, options: MarkdownOptions, made: SchoolsMade = SchoolsMade()) {
        self.bank = bank
        self.made = made
        self.files = files
        rollups = IndicatorRollup.rollUp(bank.schools, targets: targets, skipping: bank.otherRegion)
        bodies = bank.schools.indices.map { i in
            var body = BodyRenderer(files: files[i], knownPaths: [], options: options)
            body.assetPrefix = BankURLs.schoolFiles(bank.schools[i].id)
            body.checkPageLinks = false
            return body
        }

        // Another region's practices have their pages but stay out of the lists and filters.
        otherRegionPractices = bank.practices.indices.filter { bank.otherRegion.contains(bank.practices[$0].school) }
        let order = bank.practices.indices.filter { !bank.otherRegion.contains(bank.practices[$0].school) }.sorted { a, b in
            let (ca, cb) = (bank.mentoringCase(bank.practices[a]), bank.mentoringCase(bank.practices[b]))
            return (ca.period?.year ?? 0, cb.title) > (cb.period?.year ?? 0, ca.title)
        }
        func values<T: Hashable>(_ pick: (Int) -> T?) -> [T: [Int]] {
            var out: [T: [Int]] = [:]
            for i in order { if let v = pick(i) { out[v, default: []].append(i) } }
            return out
        }
        let c = { (i: Int) in bank.mentoringCase(bank.practices[i]) }
        var listings: [PracticeFilter: [Int]] = [.all: order]
        var facets: [PracticeFacet] = []
        let forms = values { c($0).form }
        for form in MentoringForm.allCases { if let list = forms[form] {
            listings[.form(form)] = list
            facets.append(PracticeFacet(path: "practices/form/\(form.slug)/", title: "Практики: форма «\(form.title)»", label: form.title,
                                        group: "Форма", filter: .form(form), count: list.count))
        } }
        var usedSlugs: Set<String> = []
        func slug(_ text: String, _ folder: String) -> String {
            var s = Slug.make(text)
            if s.isEmpty { s = "x" }
            while usedSlugs.contains(folder + s) { s += "-2" }
            usedSlugs.insert(folder + s)
            return s
        }
        let roles = values { c($0).roleModel }
        for (role, list) in roles.sorted(by: { RussianFold.less($0.key, $1.key) }) {
            listings[.roleModel(role)] = list
            facets.append(PracticeFacet(path: "practices/role/\(slug(role, "role"))/", title: "Практики: ролевая модель «\(role)»",
                                        label: role, group: "Ролевая модель", filter: .roleModel(role), count: list.count))
        }
        let levels = values { c($0).level }
        for level in EducationLevel.allCases { if let list = levels[level] {
            listings[.level(level)] = list
            facets.append(PracticeFacet(path: "practices/level/\(level.rawValue)/", title: "Практики: \(level.title) образование",
                                        label: level.title, group: "Уровень образования", filter: .level(level), count: list.count))
        } }
        let places = values { bank.schools[bank.practices[$0].school].municipality ?? Bank.unknownMunicipality }
        for (place, list) in places.sorted(by: { RussianFold.less($0.key, $1.key) }) {
            listings[.municipality(place)] = list
            facets.append(PracticeFacet(path: "practices/municipality/\(slug(place, "municipality"))/", title: "Практики: \(place)",
                                        label: place, group: "Муниципалитет", filter: .municipality(place), count: list.count))
        }
        let years = values { c($0).period?.year }
        for (year, list) in years.sorted(by: { $0.key > $1.key }) {
            listings[.year(year)] = list
            facets.append(PracticeFacet(path: "practices/year/\(year)/", title: "Практики \(year) года", label: String(year),
                                        group: "Год", filter: .year(year), count: list.count))
        }
        self.facets = facets
        self.listings = listings
        practicesOfSchool = values { bank.practices[$0].school }
        var mentors: [(school: Int, mentor: Int, slug: String, name: String)] = []
        for (s, school) in bank.schools.enumerated() {
            for (m, mentor) in (school.content?.mentors ?? []).enumerated() { mentors.append((s, m, mentor.slug, mentor.name)) }
        }
        self.mentors = mentors.sorted { a, b in (a.name, a.school) < (b.name, b.school) }
    }

    /// Each school's practices, newest first.
    let practicesOfSchool: [Int: [Int]]
    /// Mentors of every published school, by name.
    let mentors: [(school: Int, mentor: Int, slug: String, name: String)]
}

/// What checking the schools made for their pages: each case's and mentor's body rendered,
/// and its fingerprint without the body (`SiteInputs`), by source file.
final class SchoolsMade: Sendable {
    /// Kept bodies stay bytes until a page that shows them is rendered.
    private let html = Mutex<[String: DeferredText]>([:])
    private let bodiless = Mutex<[String: Fingerprint]>([:])

    func store(_ text: DeferredText, for file: String) { html.withLock { $0[file] = text } }
    func html(for file: String) -> String? { html.withLock { $0[file] }?.string }

    func store(bodiless prints: [String: Fingerprint]) { bodiless.withLock { $0.merge(prints) { a, _ in a } } }
    /// The entry's fingerprint without its body, if made while its school was checked.
    func bodilessPrint(for file: String) -> Fingerprint? { bodiless.withLock { $0[file] } }
}

/// A school's cases' and mentors' fingerprints without their bodies (`SiteInputs`), by
/// source file; nil where one could not be encoded.
struct BodilessPrints: Codable, Sendable {
    var files: [String] = []
    var prints: [Fingerprint?] = []

    init(_ school: SiteContent) {
        for entry in school.cases {
            files.append(entry.origin.file)
            prints.append(Self.print(entry))
        }
        for entry in school.mentors {
            files.append(entry.origin.file)
            prints.append(Self.print(entry))
        }
    }

    var byFile: [String: Fingerprint] {
        var out: [String: Fingerprint] = [:]
        for (file, print) in zip(files, prints) { if let print { out[file] = print } }
        return out
    }

    static func print(_ entry: MentoringCase) -> Fingerprint? {
        var entry = entry
        entry.body = MarkdownBody(text: "", firstLine: 0)
        return BinaryCoder.fingerprint(entry)
    }

    static func print(_ entry: Mentor) -> Fingerprint? {
        var entry = entry
        entry.body = MarkdownBody(text: "", firstLine: 0)
        return BinaryCoder.fingerprint(entry)
    }
}

enum BankURLs {
    static func practice(_ school: String, _ slug: String) -> String { "practices/\(school)/\(slug)/" }
    static func school(_ id: String) -> String { "schools/\(id)/" }
    static func schoolFiles(_ id: String) -> String { "schools/\(id)/" }
    static func mentor(_ school: String, _ slug: String) -> String { "mentors/\(school)/\(slug)/" }
    /// The schools' programmes, apart from the bank's own `programs/`.
    static let programs = "baza-programm/"
    static func program(_ school: String, _ slug: String) -> String { "\(programs)\(school)/\(slug)/" }
}

/// The pages of a bank, in a stable order.
enum BankPlan {
    static func pages(for content: SiteContent, bank: BankSite, today: DayDate) -> [PlannedPage] {
        // The bank's own documents, roadmap, news, partners and pages are published as a school's are.
        let own = SiteSections.all.filter(\.inBank).flatMap { $0.plan(content) }
        var pages = [PlannedPage(path: "", kind: .home)]
        let listings: [(String, String, PracticeFilter)] = [("practices/", "Практики наставничества", .all)]
            + bank.facets.map { ($0.path, $0.title, $0.filter) }
        for (base, title, filter) in listings {
            let count = max(1, ((bank.listings[filter]?.count ?? 0) + BankSite.perPage - 1) / BankSite.perPage)
            for n in 1...count {
                pages.append(PlannedPage(path: SiteURLs.listing(base, page: n),
                                         kind: .bank(.practices(title: title, filter: filter, base: base, page: n, of: count))))
            }
        }
        for (i, p) in bank.bank.practices.enumerated() {
            pages.append(PlannedPage(path: BankURLs.practice(bank.bank.schools[p.school].id, bank.bank.mentoringCase(p).slug),
                                     kind: .bank(.practice(i))))
        }
        pages.append(PlannedPage(path: "schools/", kind: .bank(.schools)))
        for (i, school) in bank.bank.schools.enumerated() where !school.excluded {
            pages.append(PlannedPage(path: BankURLs.school(school.id), kind: .bank(.school(i))))
        }
        let mentors = bank.mentors
        if !mentors.isEmpty {
            let count = (mentors.count + BankSite.perPage - 1) / BankSite.perPage
            for n in 1...count { pages.append(PlannedPage(path: SiteURLs.listing("mentors/", page: n), kind: .bank(.mentors(page: n, of: count)))) }
            for m in mentors {
                pages.append(PlannedPage(path: BankURLs.mentor(bank.bank.schools[m.school].id, m.slug),
                                         kind: .bank(.mentor(school: m.school, mentor: m.mentor))))
            }
        }
        if !bank.rollups.isEmpty { pages.append(PlannedPage(path: "indicators/", kind: .bank(.rollup))) }
        if !bank.bank.competitions.isEmpty { pages.append(PlannedPage(path: "competitions/", kind: .bank(.competitions))) }
        let programmes = bank.bank.schools.indices.flatMap { s in
            (bank.bank.schools[s].content?.programs.indices).map { $0.map { (s, $0) } } ?? []
        }
        if !programmes.isEmpty {
            pages.append(PlannedPage(path: BankURLs.programs, kind: .bank(.programs)))
            for (s, p) in programmes {
                let school = bank.bank.schools[s]
                guard let program = school.content?.programs[p] else { continue }
                pages.append(PlannedPage(path: BankURLs.program(school.id, program.slug), kind: .bank(.program(school: s, program: p))))
            }
        }
        pages += own
        pages.append(PlannedPage(path: "search/", kind: .search))
        pages.append(PlannedPage(path: "404.html", kind: .notFound))
        return pages
    }
}
