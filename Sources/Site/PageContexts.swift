import Content
import Domain
import Foundation
import Images
import Markdown
import Theme

/// Makes each page's model (`Site/Models/`): the frame every page shares, the main page
/// and search, and the components the sections (`Site/Sections/`) and the bank's pages
/// (`BankContexts.swift`) build theirs from — cards, pictures, pagination, facets,
/// indicators, the roadmap. Text is escaped by the template engine; only `*_html` values
/// (rendered Markdown, charts) are inserted raw with `{{{…}}}`.
struct PageContexts: Sendable {
    let content: SiteContent
    let today: DayDate
    let urls: SiteURLs
    var body: BodyRenderer
    let facets: [Facet]
    /// A school's site or a regional bank.
    var kind: SiteKind = .school
    /// News newest first, sorted once: every list page and the main page take a slice.
    let newsByDate: [NewsItem]
    /// Cases newest first, then by title, sorted once for every page of every case list.
    let casesByYear: [MentoringCase]
    let mentorsByName: [Mentor]
    /// Processed pictures by output path, for `srcset`, `width` and `height`.
    var images: [String: ProcessedImage] = [:]
    /// The site's sections (path, title), listed once: every page shows them in its menu.
    var sectionEntries: [SitePlan.Section] = []

    init(content: SiteContent, today: DayDate, urls: SiteURLs, body: BodyRenderer, facets: [Facet]) {
        self.content = content
        self.today = today
        self.urls = urls
        self.body = body
        self.facets = facets
        newsByDate = content.news.sorted { ($0.date, $0.slug) > ($1.date, $1.slug) }
        mentorsByName = content.mentors.sorted { $0.name < $1.name }
        casesByYear = Self.newestFirst(content.cases)
        // Looked up by every case and mentor page: a search through all of them each time made
        // 4,000 case pages of a large site compare 4 million slugs.
        mentorIndex = Dictionary(content.mentors.enumerated().map { ($1.slug, $0) }, uniquingKeysWith: { a, _ in a })
        programIndex = Dictionary(content.programs.enumerated().map { ($1.slug, $0) }, uniquingKeysWith: { a, _ in a })
        var byMentor: [String: [Int]] = [:]
        for (i, c) in content.cases.enumerated() {
            if case .page(let slug) = c.mentor { byMentor[slug, default: []].append(i) }
        }
        casesByMentor = byMentor
        // Each case's own filters looked up, not every facet matched against every case: with
        // a hundred tags that was a third of a `serve` rebuild (Russian strings compare slowly).
        var byFacet: [CaseFilter: [Int]] = [:]
        for facet in facets { byFacet[facet.filter] = [] }
        for i in casesByYear.indices {
            let c = casesByYear[i]
            var own: [CaseFilter] = [.form(c.form)]
            if let role = c.roleModel { own.append(.roleModel(role)) }
            if let year = c.period?.year { own.append(.year(year)) }
            for (t, tag) in c.tags.enumerated() where !c.tags[..<t].contains(tag) { own.append(.tag(tag)) }
            for filter in own { byFacet[filter]?.append(i) }
        }
        casesByFacet = byFacet
    }

    /// The order of case lists: the latest year first, then by title. Their places are sorted,
    /// not the cases: moving whole entries around was a twentieth of a `serve` rebuild.
    /// The order is kept with what it was made from: `serve` sorts the same titles again
    /// after most edits, and Russian titles compare slowly.
    static func newestFirst(_ cases: [MentoringCase]) -> [MentoringCase] {
        var hasher = StableHasher()
        for c in cases {
            hasher.combine(c.period?.year ?? 0)
            hasher.combine(c.title)
        }
        let order = lastOrder.value(for: hasher.finalize()) {
            let years = cases.map { $0.period?.year ?? 0 }
            return cases.indices.sorted { i, j in
                years[i] != years[j] ? years[i] > years[j] : cases[i].title > cases[j].title
            }
        }
        return order.map { cases[$0] }
    }

    private static let lastOrder = LastComputed<[Int]>()

    /// A mentor's and a programme's place in the content, by slug.
    let mentorIndex: [String: Int]
    let programIndex: [String: Int]
    /// The cases naming a mentor page, in content order, by the mentor's slug.
    let casesByMentor: [String: [Int]]
    /// The places in `casesByYear` of the cases each facet shows.
    let casesByFacet: [CaseFilter: [Int]]

    func mentor(_ slug: String) -> Mentor? { mentorIndex[slug].map { content.mentors[$0] } }
    func program(_ slug: String) -> Program? { programIndex[slug].map { content.programs[$0] } }

    /// One page of the cases a list shows, newest first, and how many it shows in all.
    func cases(_ filter: CaseFilter, page number: Int) -> (cases: [MentoringCase], count: Int) {
        let places = filter == .all ? Array(casesByYear.indices)
            : casesByFacet[filter] ?? casesByYear.indices.filter { filter.matches(casesByYear[$0]) }
        return (places.dropFirst((number - 1) * SitePlan.perPage).prefix(SitePlan.perPage).map { casesByYear[$0] }, places.count)
    }

    struct Rendered {
        var template: String
        var page: any PageModel
        var diagnostics: [Diagnostic]
        var title: String
        /// The content the page read: an edit of anything else leaves it as it is.
        var reads: Set<Dependency> = []
    }

    /// A page kind's own part, before the frame every page shares is added.
    struct Made {
        var template: String
        var title: String
        /// The menu section the page belongs to (`news/`), empty for none.
        var section: String
        var body: any TemplateModel
        /// What a link shared in a messenger shows (Open Graph): the page's own summary and picture.
        var summary: String? = nil
        var image: PictureModel? = nil
        /// A bank page's body comes rendered from the school's check: its video players are found in the HTML.
        var renderedBody: String? = nil
    }

    func context(for page: PlannedPage) -> Rendered {
        var (rendered, reads) = Reads.recording { make(page) }
        rendered.reads = reads
        return rendered
    }

    private func make(_ page: PlannedPage) -> Rendered {
        // The 404 page is served at any depth: it links from the site's absolute path when known.
        let root = page.path == "404.html" ? urls.absolutePath ?? "./" : SiteURLs.root(forPath: page.path)
        var diagnostics: [Diagnostic] = []
        var hasVideo = false
        func md(_ b: MarkdownBody, _ file: String, _ folder: String) -> String {
            let out = body.render(b, file: file, folder: folder, pagePath: page.path)
            diagnostics += out.diagnostics
            hasVideo = hasVideo || out.videos > 0
            return out.html
        }
        let made: Made
        switch (kind, page.kind) {
        case (.bank(let bank), .home):
            made = bankHome(bank, root: root, md: md)
        case (.bank(let bank), .bank(let own)):
            // A page the planner made for this bank: its school and mentor indexes are there.
            made = bankPage(own, path: page.path, bank: bank, root: root) ?? notFound(root: root)
        case (.school, .bank):
            // The planner plans a bank's pages only for a bank.
            made = notFound(root: root)
        default:
            made = schoolPage(page, root: root, md: md)
        }
        if let html = made.renderedBody, VideoEmbed.appears(in: html) { hasVideo = true }
        var chrome = self.chrome(page, made, root: root)
        chrome.hasVideo = hasVideo
        func framed<Body: TemplateModel>(_ body: Body) -> any PageModel { Framed(chrome: chrome, body: body) }
        return Rendered(template: made.template, page: framed(made.body), diagnostics: diagnostics, title: made.title)
    }

    /// The frame of every page: the site, its menu, breadcrumbs, links to the feeds and
    /// to the other version.
    func chrome(_ page: PlannedPage, _ made: Made, root: String) -> Chrome {
        let section = made.section
        Reads.note(.settings)
        Reads.note(.sections)
        let news = content.news.isEmpty || urls.baseURL == nil
        return Chrome(
            root: root, title: made.title, pagePath: page.path,
            breadcrumbs: breadcrumbs(page.path, title: made.title, section: section, root: root),
            share: share(title: made.title, summary: made.summary, image: made.image, path: page.path, root: root),
            isHome: page.path.isEmpty, site: siteInfo(root: root),
            nav: sections(root: root).map {
                NavItem(path: $0.path, title: $0.title, href: $0.href, current: $0.path == section && (section != "" || page.path.isEmpty))
            },
            canonical: page.path == "404.html" ? "" : (urls.absolute(page.path) ?? ""),
            feedHref: news ? "" : root + "news/rss.xml", atomHref: news ? "" : root + "news/atom.xml",
            buildDate: today.russian, visionHref: root + SiteURLs.visionFolder + (page.path == "404.html" ? "" : page.path))
    }

    /// A page of a school's site; also the parts a bank shares with one (its main page's
    /// frame, documents, news, pages, search, 404).
    func schoolPage(_ page: PlannedPage, root: String, md: MarkdownBodies) -> Made {
        let s = content.settings
        switch page.kind {
        case .home:
            for read: Dependency in [.home, .list(.news), .list(.mentors), .list(.programs), .list(.cases), .whole(.indicators), .list(.events)] {
                Reads.note(read)
            }
            let forms = Set(content.programs.flatMap(\.forms) + content.cases.map(\.form))
            return Made(template: "home", title: content.home?.title ?? s.title, section: "", body: SchoolHomePage(
                bodyHTML: content.home.map { md($0.body, $0.origin.file, "") } ?? "",
                modelAdopted: s.modelAdopted?.russianLong ?? "",
                forms: MentoringForm.allCases.filter { forms.contains($0) }.map { form in
                    FormLink(title: form.title, href: root + SiteURLs.formFacet(form), hasCases: content.cases.contains { $0.form == form })
                },
                curators: s.curators.map { person($0, root: root) },
                responsible: s.responsible.map { person($0, root: root) },
                curatorsHeading: s.curators.count == 1 ? "Куратор внедрения целевой модели" : "Кураторы внедрения целевой модели",
                curator: s.curators.first.map { person($0, root: root) },
                indicators: latestIndicators(content.indicators?.indicators ?? []),
                news: newsByDate.prefix(3).map { newsCard($0, root: root) },
                mentors: content.mentors.prefix(3).map { mentorCard($0, root: root) },
                events: EventsSection.split(content.events, today: today).upcoming.prefix(3).map { EventsSection.card($0, self, root: root) },
                sections: sections(root: root).filter { $0.href != root },
                quickLinks: quickLinks(root: root)))
        case .section(let key, let sub):
            return SiteSections.named(key).make(sub, path: page.path, self, root: root, md: md)
        case .search:
            return Made(template: "search", title: "Поиск", section: "search/", body: SectionsPage(sections: sections(root: root)))
        case .notFound, .bank:
            return notFound(root: root)
        }
    }

    func notFound(root: String) -> Made {
        Made(template: "404", title: "Страница не найдена", section: "", body: SectionsPage(sections: sections(root: root)))
    }

    /// The same page in the copy for the visually impaired: one folder deeper, so every
    /// relative link stays inside the copy; only the switch back points out of it.
    static func visionVariant(of page: any PageModel, path: String) -> any PageModel {
        var page = page
        page.chrome.vision = true
        page.chrome.visionHref = page.chrome.root + "../" + path
        return page
    }

    // MARK: pieces

    /// «Главная › Кейсы › Форма «ученик – ученик»» for every page but the main one and 404:
    /// the section, then each planned page between it and this one.
    func breadcrumbs(_ path: String, title: String, section: String, root: String) -> Breadcrumbs? {
        guard !path.isEmpty, path != "404.html" else { return nil }
        let named = Dictionary((sectionEntries.isEmpty ? sectionList() : sectionEntries).map { ($0.path, $0.title) },
                               uniquingKeysWith: { a, _ in a })
        var items = [Link(title: "Главная", href: root)]
        if !section.isEmpty, section != path, let name = named[section] {
            items.append(Link(title: name, href: root + section))
        } else if section.isEmpty || named[section] == nil, let top = path.split(separator: "/").first.map({ String($0) + "/" }),
                  top != path, let name = named[top] {
            items.append(Link(title: name, href: root + top))
        }
        return Breadcrumbs(items: items, current: title)
    }

    /// The school's own pages, first those a parent or a would-be mentor looks for
    /// («Как стать наставником», «Родителям»): one click from the main page even when the
    /// menu is folded on a phone.
    func quickLinks(root: String) -> [Link] {
        func rank(_ p: Domain.Page) -> Int {
            let t = RussianFold.fold(p.title + " " + p.slug)
            if t.contains("наставник") && (t.contains("стать") || t.contains("stat")) { return 0 }
            if t.contains("родител") || t.contains("roditel") { return 1 }
            return 2
        }
        return content.pages.sorted { (rank($0), $0.weight, $0.title) < (rank($1), $1.weight, $1.title) }
            .map { Link(title: $0.title, href: root + SiteURLs.page($0.slug)) }
    }

    /// A deadline as written, except that a list of dates copied from a table cell with only
    /// spaces between them («30.09.2020 30.09.2021») is shown with commas.
    static func dueText(_ due: Deadline) -> String {
        guard case .dates(let dates) = due.parsed, dates.count > 1,
              due.text.allSatisfy({ $0.isNumber || $0 == "." || $0.isWhitespace }) else { return due.text }
        return due.text.split(whereSeparator: \.isWhitespace).joined(separator: ", ")
    }

    /// The opening words of a body, for a page without a summary of its own.
    static func lead(_ body: MarkdownBody) -> String? {
        let text = SearchIndex.excerpt(SearchIndex.plain(String(body.text.prefix(1_200))))
        guard !text.isEmpty else { return nil }
        guard text.count > 200 else { return text }
        let cut = text.prefix(200)
        return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + "…"
    }

    /// Open Graph and Twitter card data; addresses are absolute when `base_url` is known.
    func share(title: String, summary: String?, image: PictureModel?, path: String, root: String) -> Share {
        let s = content.settings
        var out = Share(title: title, siteName: s.title + " — " + s.organization.displayName,
                        description: String((summary?.isEmpty == false ? summary : s.description)?.prefix(300) ?? ""),
                        type: summary != nil && path != "" ? "article" : "website")
        if let picture = image, picture.src.hasPrefix(root) {
            let output = String(picture.src.dropFirst(root.count))
            // The largest JPEG or PNG: WebP previews are not shown by every messenger.
            let processed = images[output]
            let chosen = processed.flatMap { $0.fallback.max(by: { $0.width < $1.width }) }
            let file = chosen?.path ?? output
            out.image = urls.absolute(file) ?? root + file
            out.imageAlt = picture.alt
            if let chosen, let processed, processed.width > 0 {
                out.imageWidth = String(chosen.width)
                out.imageHeight = String(processed.height * chosen.width / processed.width)
            }
        }
        return out
    }

    /// A curator or responsible person: role, name (empty for a role-only entry), contacts.
    func person(_ c: Curator, root: String) -> Person {
        Person(name: c.name, role: c.role ?? "", position: c.position ?? "", phone: c.phone ?? "", email: c.email ?? "",
               hours: c.hours ?? "", photo: c.photo.map { root + $0 } ?? "", photoAlt: c.photoAlt ?? "",
               photoImage: c.photo.map { picture($0, alt: c.photoAlt ?? "", root: root, sizes: "120px", lazy: true) },
               phoneHref: (c.phone ?? "").filter { $0.isNumber || $0 == "+" })
    }

    func siteInfo(root: String) -> SiteInfo {
        let s = content.settings
        return SiteInfo(curators: s.curators.map { person($0, root: root) }, title: s.title, organization: s.organization.name,
                        shortName: s.organization.displayName, region: s.organization.region ?? "",
                        municipality: s.organization.municipality ?? "", orgURL: s.organization.url ?? "",
                        description: s.description ?? "", year: String(today.year))
    }

    func sections(root: String) -> [SectionLink] {
        (sectionEntries.isEmpty ? sectionList() : sectionEntries).map { SectionLink(path: $0.path, title: $0.title, href: root + $0.path) }
    }

    func sectionList() -> [SitePlan.Section] {
        var items: [(String, String)] = [("", "Главная")]
        if case .bank(let bank) = kind {
            items.append(("practices/", "Практики"))
            items.append(("schools/", "Организации"))
            if !bank.rollups.isEmpty { items.append(("indicators/", "Показатели")) }
            if !bank.mentors.isEmpty { items.append(("mentors/", "Наставники")) }
            if !bank.bank.competitions.isEmpty { items.append(("competitions/", "Конкурсы")) }
            if bank.bank.schools.contains(where: { !($0.content?.programs.isEmpty ?? true) }) { items.append((BankURLs.programs, "База программ")) }
        }
        var sections = items.map { SitePlan.Section(path: $0.0, title: $0.1) }
        for section in SiteSections.all {
            if case .bank = kind, !section.inBank { continue }
            sections += section.menu(content)
        }
        sections.append(SitePlan.Section(path: "search/", title: "Поиск"))
        return sections
    }

    func documentItem(_ d: NormativeDocument, root: String) -> DocumentItem {
        var item = DocumentItem(citation: d.citation, title: d.title, date: d.date?.russian ?? "", number: d.number ?? "",
                                type: d.type.title, issuer: d.issuer ?? "")
        switch d.source {
        case .file(let path, let format, let size):
            item.href = root + path
            item.format = format.title
            item.size = FileSize.russian(size)
        case .url(let url):
            item.href = url
            item.external = true
        case nil:
            break
        }
        return item
    }

    func programDetail(_ p: Program) -> ProgramDetail {
        Reads.note(.programs, p.slug)
        return ProgramDetail(title: p.title, period: p.period?.russian ?? "", forms: p.forms.map { Titled(title: $0.title) },
                      approved: p.approved?.russian ?? "", goals: p.goals, tasks: p.tasks, expectedResults: p.expectedResults)
    }

    func roadmapItem(_ r: Roadmap, index: Int) -> RoadmapModel {
        var sections: [RoadmapSectionModel] = []
        var n = 0
        // Official numbers are kept as written; only a roadmap without them is numbered here.
        func rows(_ events: [RoadmapEvent], prefix: String, level: Int) -> [RoadmapRow] {
            events.enumerated().flatMap { (ei, e) -> [RoadmapRow] in
                let number = e.number ?? (prefix.isEmpty ? "\(ei + 1)" : "\(prefix).\(ei + 1)")
                let standing = e.standing(asOf: today)
                let open = e.openCycles(asOf: today)
                var row = RoadmapRow(
                    number: number, title: e.title, due: e.due.map(Self.dueText) ?? "",
                    dueDatetime: e.due?.parsed.machineDate?.iso ?? "",
                    responsible: e.responsible.joined(separator: ", "), result: e.result ?? "", keyResult: e.keyResult ?? "",
                    documents: e.documents.joined(separator: "; "), status: standing.title,
                    statusClass: standing.cssClass, overdue: standing == .overdue, level: level, sub: level > 0)
                if !open.isEmpty {
                    row.openCycles = "не отмечены как выполненные: " + open.map(String.init).joined(separator: ", ")
                }
                let base = e.number.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 } ?? number
                return [row] + rows(e.events, prefix: base, level: level + 1)
            }
        }
        for (si, section) in r.sections.enumerated() {
            let numbered = section.title != nil
            if numbered { n += 1 }
            let number = section.number ?? (numbered ? String(n) : "")
            let prefix = number.hasSuffix(".") ? String(number.dropLast()) : number
            sections.append(RoadmapSectionModel(number: number, title: section.title ?? "", hasTitle: numbered,
                                                sectionKeyResult: section.keyResult ?? "",
                                                events: rows(section.events, prefix: prefix, level: 0), id: "r\(index + 1)-s\(si + 1)"))
        }
        let all = r.events
        // A row that only groups sub-items is not an event of its own.
        let standings = all.filter(\.events.isEmpty).map { $0.standing(asOf: today) }
        return RoadmapModel(title: r.title, approved: r.approved?.russian ?? "", sections: sections, multiple: content.roadmaps.count > 1,
                            agreedWith: r.agreed?.with ?? "", agreedDate: r.agreed?.date?.russian ?? "",
                            hasKeyResult: all.contains { $0.keyResult != nil },
                            hasDocuments: all.contains { !$0.documents.isEmpty },
                            done: standings.filter { $0 == .recorded(.done) }.count, total: standings.count,
                            overdue: standings.filter { $0 == .overdue }.count.nonZero,
                            noInformation: standings.filter { $0 == .noInformation }.count.nonZero)
    }

    func indicatorItem(_ i: Indicator, factLabel: String = "факт") -> IndicatorModel {
        // One row per year, or per monitoring when the school monitors twice a year; the
        // year's last monitoring is its figure, compared with the year's target.
        let periods = Set(i.monitorings.keys).union(i.targets.keys.filter { y in !i.monitorings.keys.contains { $0.year == y } }
            .map { MonitoringPeriod(year: $0) }).sorted()
        let rows = periods.map { period -> IndicatorRow in
            let fact = i.monitorings[period]
            let isYearFigure = fact != nil && i.actual[period.year] == fact
                && !(i.monitorings.keys.contains { $0.year == period.year && period < $0 })
            let achieved = isYearFigure ? i.achieved(in: period.year) : nil
            return IndicatorRow(year: period.label, target: i.targets[period.year].map { RussianNumber.percent($0) } ?? "",
                                fact: fact.map { RussianNumber.fact($0.percent) } ?? "",
                                numerator: fact.map { RussianNumber.integer($0.numerator) } ?? "",
                                denominator: fact.map { RussianNumber.integer($0.denominator) } ?? "",
                                achieved: achieved == true, missed: achieved == false, unknown: achieved == nil)
        }
        return IndicatorModel(id: i.id, title: i.title, definition: i.definition ?? "", denominatorLabel: i.denominatorLabel ?? "",
                              // Without any target the «Цель» and «Достигнуто» columns are left out, not left empty.
                              hasTargets: !i.targets.isEmpty, rows: rows,
                              chartHTML: IndicatorChart.html(i, factLabel: factLabel), summary: IndicatorChart.textAlternative(i))
    }

    /// Each indicator's latest year with a figure, for a main page (a school's or a bank's roll-ups).
    func latestIndicators(_ indicators: [Indicator]) -> [LatestIndicator] {
        indicators.compactMap { i in
            guard let year = i.actual.keys.max(), let fact = i.actual[year] else { return nil }
            let achieved = i.achieved(in: year)
            return LatestIndicator(title: i.title, year: String(year), fact: RussianNumber.fact(fact.percent),
                                   target: i.targets[year].map { RussianNumber.percent($0) } ?? "", hasTarget: i.targets[year] != nil,
                                   achieved: achieved == true, missed: achieved == false)
        }
    }

    func caseCard(_ c: MentoringCase, root: String) -> CaseCard {
        Reads.note(.cases, c.slug)
        return CaseCard(title: c.title, href: root + SiteURLs.caseURL(c.slug), form: c.form.title, formHref: root + SiteURLs.formFacet(c.form),
                 roleModel: c.roleModel ?? "", period: c.period?.russian ?? "", year: c.period.map { String($0.year) } ?? "",
                 level: c.level?.title ?? "", audience: c.audience ?? "", mentees: c.mentees.map(String.init) ?? "",
                 menteeNames: c.namedMentees.joined(separator: ", "), results: c.results, summary: c.summary ?? "",
                 tags: c.tags.map { Titled(title: $0) }, cover: c.cover.map { root + $0.path } ?? "", coverAlt: c.cover?.alt ?? "",
                 coverImage: c.cover.map { picture($0.path, alt: $0.alt, root: root, sizes: Self.cardSizes, lazy: true) })
    }

    func mentorCard(_ m: Mentor, root: String, files: String = "", href: String? = nil) -> MentorCard {
        Reads.note(.mentors, m.slug)
        return MentorCard(name: m.name, href: href ?? root + SiteURLs.mentor(m.slug), position: m.position ?? "",
                   organization: m.organization ?? "", form: m.form?.title ?? "",
                   experience: m.experienceYears.map { "\($0) \(DiagnosticReport.plural($0, "год", "года", "лет"))" } ?? "",
                   mentees: m.mentees.map(String.init) ?? "", awards: m.awards,
                   photo: m.photo.map { root + files + $0.path } ?? "", photoAlt: m.photo?.alt ?? "",
                   photoImage: m.photo.map { picture(files + $0.path, alt: $0.alt, root: root, sizes: "10em", lazy: true) })
    }

    func newsCard(_ n: NewsItem, root: String) -> NewsCard {
        Reads.note(.news, n.slug)
        return NewsCard(title: n.title, href: root + SiteURLs.news(n.slug), date: n.date.russianLong, datetime: n.date.iso,
                 summary: n.summary ?? "", tags: n.tags.map { Titled(title: $0) }, cover: n.cover.map { root + $0.path } ?? "",
                 coverAlt: n.cover?.alt ?? "", draft: n.draft,
                 coverImage: n.cover.map { picture($0.path, alt: $0.alt, root: root, sizes: Self.cardSizes, lazy: true) })
    }

    /// A picture for the `image` partial, with `srcset` and its size when the image stage processed it.
    func picture(_ output: String, alt: String, root: String, sizes: String, lazy: Bool) -> PictureModel {
        var item = PictureModel(src: root + output, alt: alt, sizes: sizes, lazy: lazy)
        guard let image = images[output] else { return item }
        func set(_ variants: [ProcessedImage.Variant]) -> String {
            variants.map { "\(root)\($0.path) \($0.width)w" }.joined(separator: ", ")
        }
        item.width = String(image.width)
        item.height = String(image.height)
        if image.fallback.count > 1 { item.srcset = set(image.fallback) }
        if !image.webp.isEmpty { item.webpSrcset = set(image.webp) }
        return item
    }

    /// The picture at the top of a page: loaded at once (it is above the fold), full width, with a class.
    static func atTop(_ picture: PictureModel?, class name: String) -> PictureModel? {
        guard var item = picture else { return nil }
        item.lazy = false
        item.sizes = pageSizes
        item.className = name
        return item
    }

    static let cardSizes = "(min-width: 60em) 20em, (min-width: 40em) 45vw, 95vw"
    static let pageSizes = "(min-width: 50em) 45em, 95vw"

    /// Links between the pages of a list (news, cases, a facet, mentors, a bank's listings).
    func pagination(_ page: Int, _ count: Int, root: String, base: String) -> Pagination? {
        guard count > 1 else { return nil }
        return Pagination(current: page, count: count,
                          prev: page > 1 ? root + SiteURLs.listing(base, page: page - 1) : "",
                          next: page < count ? root + SiteURLs.listing(base, page: page + 1) : "",
                          pages: Self.pageWindow(page, count).map { n in
                              n == 0 ? PageLink(number: 0, href: "", current: false, gap: true)
                                  : PageLink(number: n, href: root + SiteURLs.listing(base, page: n), current: n == page)
                          })
    }

    /// The page numbers a list shows: the first, the last and two on each side of the current
    /// one, with 0 where numbers are left out (shown as «…»). All of them on every page made a
    /// 1,250-page news list carry 1,250 links on each page: quadratic bytes, and no use on a phone.
    static func pageWindow(_ page: Int, _ count: Int) -> [Int] {
        var shown = Set([1, count])
        for n in (page - 2)...(page + 2) where (1...count).contains(n) { shown.insert(n) }
        var out: [Int] = []
        for n in shown.sorted() {
            if let last = out.last {
                // A single left-out number is shown rather than a «…» standing for it.
                if n == last + 2 { out.append(last + 1) } else if n > last + 2 { out.append(0) }
            }
            out.append(n)
        }
        return out
    }

    /// Facet links by group, in the order the groups are named.
    static func facetGroups(_ names: [String], of facets: [(group: String, label: String, path: String, count: Int)],
                            root: String, current: String) -> [FacetGroup] {
        names.compactMap { name in
            let items = facets.filter { $0.group == name }
                .map { FacetLink(label: $0.label, href: root + $0.path, count: $0.count, current: $0.path == current) }
            return items.isEmpty ? nil : FacetGroup(title: name, items: items)
        }
    }

    func facetGroups(root: String, current: String) -> [FacetGroup] {
        Self.facetGroups(["Форма", "Ролевая модель", "Год", "Метки"], of: facets.map { facet in
            let group: String
            switch facet.filter {
            case .form: group = "Форма"
            case .roleModel: group = "Ролевая модель"
            case .year: group = "Год"
            case .tag: group = "Метки"
            case .all: group = ""
            }
            return (group, facet.label, facet.path, facet.count)
        }, root: root, current: current)
    }
}

enum FileSize {
    /// «1,2 МБ», «340 КБ»
    static func russian(_ bytes: Int) -> String {
        if bytes >= 1_048_576 { return RussianNumber.decimal(Double(bytes) / 1_048_576) + "\u{00A0}МБ" }
        if bytes >= 1024 { return String(Int((Double(bytes) / 1024).rounded())) + "\u{00A0}КБ" }
        return "\(bytes)\u{00A0}Б"
    }
}

extension Int {
    /// The number as text, or an empty (absent) value for zero.
    var nonZero: String { self == 0 ? "" : String(self) }
}
