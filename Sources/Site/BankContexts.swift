import Content
import Domain
import Foundation
import Markdown
import Theme

/// The models of a bank's own pages. Every function takes the bank it shows: the same
/// components (cards, indicators, pagination) serve a school's site and a bank.
extension PageContexts {
    func bankHome(_ bank: BankSite, root: String, md: (MarkdownBody, String, String) -> String) -> Made {
        Reads.note(.bank)
        Reads.note(.home)
        let included = bank.bank.schools.indices.filter { !bank.bank.schools[$0].excluded && !bank.bank.otherRegion.contains($0) }
            .map { bank.bank.schools[$0] }
        let places = Set(included.map { $0.municipality ?? Bank.unknownMunicipality }).count
        let plural = DiagnosticReport.plural
        let own = bank.listings[.all, default: []].count
        let submitted = bank.bank.reviews?.count ?? 0
        return Made(template: "bank-home", title: content.home?.title ?? content.settings.title, section: "", body: BankHomePage(
            bodyHTML: content.home.map { md($0.body, $0.origin.file, "") } ?? "",
            practicesCount: own, schoolsCount: included.count, municipalitiesCount: places, mentorsCount: bank.mentors.count,
            // «4 практики», «1 лучший наставник»: the word agrees with its number.
            practicesLabel: plural(own, "практика", "практики", "практик"),
            schoolsLabel: plural(included.count, "организация", "организации", "организаций"),
            municipalitiesLabel: plural(places, "муниципалитет", "муниципалитета", "муниципалитетов"),
            mentorsLabel: plural(bank.mentors.count, "лучший наставник", "лучших наставника", "лучших наставников"),
            otherRegions: bank.otherRegionPractices.map { practiceCard(bank.bank.practices[$0], bank: bank, root: root) },
            reviewed: bank.bank.reviews != nil,
            reviewNote: bank.bank.reviews == nil
                ? "Практики опубликованы в том виде, в каком их прислали организации: экспертный отбор не проводился."
                : "Опубликованы практики, отобранные экспертами регионального центра (решений по практикам: \(submitted)).",
            latest: bank.listings[.all, default: []].prefix(6).map { practiceCard(bank.bank.practices[$0], bank: bank, root: root) },
            facetGroups: practiceFacetGroups(bank, root: root, current: ""),
            hasRollups: !bank.rollups.isEmpty, territoryGenitive: territoryGenitive, territoryTitle: territoryTitle,
            indicators: latestIndicators(bank.rollups.map(\.asIndicator))))
    }

    /// A bank's own page. The pages of one school (its practices, mentors, programmes, its
    /// page) read that school, the bank's settings and its own files (a practice's badges);
    /// every other shows the schools together and reads them all. Only a practice's and a
    /// mentor's own page read its body (`.schoolEntry`).
    func bankPage(_ kind: BankPageKind, path: String, bank: BankSite, root: String) -> Made? {
        switch kind {
        case .practice(let i):
            Reads.note(.school(bank.bank.schools[bank.bank.practices[i].school].id))
            Reads.note(.schoolEntry(bank.bank.mentoringCase(bank.bank.practices[i]).origin.file))
        case .mentor(let s, let m):
            Reads.note(.school(bank.bank.schools[s].id))
            if let mentors = bank.bank.schools[s].content?.mentors, mentors.indices.contains(m) {
                Reads.note(.schoolEntry(mentors[m].origin.file))
            }
        case .school(let s), .program(let s, _): Reads.note(.school(bank.bank.schools[s].id))
        case .practices: Reads.note(.practiceCards)
        default: Reads.note(.bank)
        }
        Reads.note(.bankOwn)
        switch kind {
        case .practices(let heading, let filter, let base, let number, let count):
            let all = bank.listings[filter] ?? []
            let slice = all.dropFirst((number - 1) * BankSite.perPage).prefix(BankSite.perPage)
            let title = number > 1 ? "\(heading) — страница \(number)" : heading
            return Made(template: "practices", title: title, section: "practices/", body: PracticesPage(
                practices: slice.map { practiceCard(bank.bank.practices[$0], bank: bank, root: root) },
                count: all.count, filtered: filter != .all,
                countLabel: all.isEmpty ? "Практик не найдено"
                    : (all.count % 10 == 1 && all.count % 100 != 11 ? "Найдена " : "Найдено ")
                        + "\(all.count) " + DiagnosticReport.plural(all.count, "практика", "практики", "практик"),
                facetGroups: practiceFacetGroups(bank, root: root, current: base),
                pagination: pagination(number, count, root: root, base: base),
                filterOptions: filterOptions(bank)))
        case .practice(let i):
            let p = bank.bank.practices[i]
            let school = bank.bank.schools[p.school]
            let c = bank.bank.mentoringCase(p)
            var card = practiceCard(p, bank: bank, root: root)
            card.coverImage = Self.atTop(card.coverImage, class: "cover")
            if case .person(let name, _) = c.mentor { card.mentorName = name }
            if case .page(let slug) = c.mentor, let m = school.content?.mentors.first(where: { $0.slug == slug }) {
                card.mentorName = m.name
                card.mentorHref = root + BankURLs.mentor(school.id, m.slug)
            }
            if let slug = c.program, let program = school.content?.programs.first(where: { $0.slug == slug }) {
                card.programTitle = program.title
                // The programme is published in the bank's «База программ».
                card.programHref = root + BankURLs.program(school.id, program.slug)
            }
            let body = bank.made.html(for: c.origin.file)
                ?? bank.bodies[p.school].render(c.body, file: c.origin.file, folder: "cases", pagePath: path).html
            // A practice of the bank is shared like a school's case.
            return Made(template: "practice", title: c.title, section: "practices/", body: PracticePage(practice: card, bodyHTML: body),
                        summary: card.summary, image: card.coverImage, renderedBody: body)
        case .schools:
            let schools = bank.bank.schools.enumerated().filter { !$0.element.excluded }
                .sorted { (RussianFold.fold($0.element.municipality ?? ""), RussianFold.fold($0.element.name))
                    < (RussianFold.fold($1.element.municipality ?? ""), RussianFold.fold($1.element.name)) }
            return Made(template: "schools", title: "Организации", section: "schools/",
                        body: SchoolsPage(schools: schools.map { schoolItem($0.offset, bank: bank, root: root) }))
        case .school(let i):
            let school = bank.bank.schools[i]
            let curator = school.content?.settings.curator.map { c in
                SchoolCurator(name: c.name.isEmpty ? c.role ?? "" : c.name, position: c.position ?? "", email: c.email ?? "", phone: c.phone ?? "")
            }
            return Made(template: "school", title: school.fullName, section: "schools/", body: SchoolPage(
                school: schoolItem(i, bank: bank, root: root), curator: curator,
                practices: (bank.practicesOfSchool[i] ?? []).map { practiceCard(bank.bank.practices[$0], bank: bank, root: root) },
                indicators: (school.content?.indicators?.indicators ?? []).filter { !$0.actual.isEmpty }.map { indicatorItem($0) }))
        case .mentors(let number, let count):
            let slice = bank.mentors.dropFirst((number - 1) * BankSite.perPage).prefix(BankSite.perPage)
            return Made(template: "mentors", title: number > 1 ? "Лучшие наставники — страница \(number)" : "Лучшие наставники",
                        section: "mentors/", body: MentorsPage(
                            mentors: slice.compactMap { bankMentorCard($0.school, $0.mentor, bank: bank, root: root) },
                            pagination: pagination(number, count, root: root, base: "mentors/")))
        case .mentor(let s, let m):
            let school = bank.bank.schools[s]
            // Planned only for published schools, whose content is there.
            guard let mentor = school.content?.mentors[m], var card = bankMentorCard(s, m, bank: bank, root: root) else { return nil }
            let cases = (bank.practicesOfSchool[s] ?? []).map { bank.bank.practices[$0] }.filter { (p: Practice) -> Bool in
                guard case .page(let slug)? = bank.bank.mentoringCase(p).mentor else { return false }
                return slug == mentor.slug
            }
            let body = bank.made.html(for: mentor.origin.file)
                ?? bank.bodies[s].render(mentor.body, file: mentor.origin.file, folder: "mentors", pagePath: path).html
            card.photoImage = Self.atTop(card.photoImage, class: "portrait")
            return Made(template: "mentor", title: mentor.name, section: "mentors/",
                        body: MentorPage(mentor: card, cases: cases.map { practiceCard($0, bank: bank, root: root) }, bodyHTML: body),
                        summary: card.position, image: card.photoImage, renderedBody: body)
        case .programs:
            var items: [ProgramCard] = []
            for (s, school) in bank.bank.schools.enumerated() {
                for p in school.content?.programs ?? [] {
                    items.append(ProgramCard(title: p.title, href: root + BankURLs.program(school.id, p.slug), period: p.period?.russian ?? "",
                                             forms: p.forms.map(\.title).joined(separator: ", "), organization: school.name,
                                             otherRegion: bank.bank.otherRegion.contains(s)))
                }
            }
            return Made(template: "programs", title: "База программ наставничества", section: BankURLs.programs,
                        body: ProgramsPage(programs: items))
        case .program(let s, let i):
            let school = bank.bank.schools[s]
            guard let p = school.content?.programs[i] else { return nil }
            let body = bank.bodies[s].render(p.body, file: p.origin.file, folder: "programs", pagePath: path).html
            var detail = programDetail(p)
            detail.organization = school.fullName
            detail.organizationHref = root + BankURLs.school(school.id)
            return Made(template: "program", title: p.title, section: BankURLs.programs,
                        body: ProgramPage(program: detail, bodyHTML: body), renderedBody: body)
        case .competitions:
            return Made(template: "competitions", title: "Конкурсы", section: "competitions/",
                        body: CompetitionsPage(competitions: competitionItems(bank, root: root)))
        case .rollup:
            return Made(template: "rollup", title: "Показатели " + territoryGenitive, section: "indicators/", body: RollupPage(
                territory: content.indicators?.territory ?? content.settings.organization.region ?? "",
                indicators: bank.rollups.map(rollupItem), csvHref: root + "indicators-rollup.csv",
                territoryGenitive: territoryGenitive, territoryTitle: territoryTitle))
        }
    }

    func practiceCard(_ p: Practice, bank: BankSite, root: String) -> PracticeCard {
        let school = bank.bank.schools[p.school]
        let c = bank.bank.mentoringCase(p)
        let files = root + BankURLs.schoolFiles(school.id)
        return PracticeCard(
            title: c.title, href: root + BankURLs.practice(school.id, c.slug),
            organization: school.name, organizationHref: root + BankURLs.school(school.id),
            municipality: school.municipality ?? "", form: c.form.title, roleModel: c.roleModel ?? "",
            level: c.level.map { $0.title.prefix(1).uppercased() + $0.title.dropFirst() } ?? "",
            audience: c.audience ?? "", period: c.period?.russian ?? "", year: c.period.map { String($0.year) } ?? "",
            results: c.results, summary: c.summary ?? "",
            curator: Self.curatorName(school.content?.settings), mentees: c.mentees.map(String.init) ?? "",
            tags: c.tags.map { Titled(title: $0) }, cover: c.cover.map { files + $0.path } ?? "", coverAlt: c.cover?.alt ?? "",
            coverImage: c.cover.map { picture(BankURLs.schoolFiles(school.id) + $0.path, alt: $0.alt, root: root,
                                              sizes: Self.cardSizes, lazy: true) },
            badges: badges(bank, practice: bank.bank.reviewKey(p)))
    }

    /// Competitions with links to the winners' pages.
    func competitionItems(_ bank: BankSite, root: String) -> [CompetitionModel] {
        var practiceTitles: [String: String] = [:]
        for p in bank.bank.practices { practiceTitles[bank.bank.reviewKey(p)] = bank.bank.mentoringCase(p).title }
        var mentorNames: [String: String] = [:]
        for school in bank.bank.schools { for m in school.content?.mentors ?? [] { mentorNames[school.id + "/" + m.slug] = m.name } }
        func parts(_ key: String) -> (String, String) {
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
        }
        return bank.bank.competitions.map { c in
            // «Лучшая практика — 2025» already says its year: it is not added a second time.
            CompetitionModel(title: c.title, year: c.year.map(String.init).flatMap { c.title.contains($0) ? nil : $0 } ?? "",
                             nominations: c.nominations.map { n in
                NominationModel(title: n.title, winners: n.winners.map { w in
                    var item = WinnerModel(place: w.place.map { "\($0) место" } ?? "победитель", title: w.practice ?? w.mentor ?? "")
                    if let key = w.practice, let title = practiceTitles[key] {
                        let (school, slug) = parts(key)
                        item.title = title
                        item.href = root + BankURLs.practice(school, slug)
                    } else if let key = w.mentor, let name = mentorNames[key] {
                        let (school, slug) = parts(key)
                        item.title = name
                        item.href = root + BankURLs.mentor(school, slug)
                    }
                    return item
                })
            })
        }
    }

    /// «1 место: Лучшая практика наставничества — 2025, номинация «…»» for a card.
    func badges(_ bank: BankSite, practice key: String? = nil, mentor: String? = nil) -> [Titled] {
        var out: [Titled] = []
        for c in bank.bank.competitions {
            for n in c.nominations {
                for w in n.winners where (key != nil && w.practice == key) || (mentor != nil && w.mentor == mentor) {
                    let place = w.place.map { "\($0) место" } ?? "победитель"
                    out.append(Titled(title: "\(place): \(c.title), номинация «\(n.title)»"))
                }
            }
        }
        return out
    }

    /// A bank run by a municipal office is a municipal bank: its figures are the municipality's.
    var isMunicipalBank: Bool { content.settings.organization.kind == .municipalOffice }
    var territoryGenitive: String { isMunicipalBank ? "муниципалитета" : "региона" }
    var territoryTitle: String { isMunicipalBank ? "Муниципалитет" : "Регион" }

    /// The first curator with a name, else the first one's role: role-only entries have no name.
    static func curatorName(_ settings: SiteSettings?) -> String {
        guard let curators = settings?.curators else { return "" }
        return curators.first(where: { !$0.name.isEmpty })?.name ?? curators.first?.role ?? ""
    }

    /// A school's mentor as the bank shows it: its pages and pictures are under the school's folder.
    func bankMentorCard(_ s: Int, _ m: Int, bank: BankSite, root: String) -> MentorCard? {
        let school = bank.bank.schools[s]
        guard let mentor = school.content?.mentors[m] else { return nil }
        var card = mentorCard(mentor, root: root, files: BankURLs.schoolFiles(school.id), href: root + BankURLs.mentor(school.id, mentor.slug))
        card.organization = mentor.organization ?? school.name
        card.badges = badges(bank, mentor: school.id + "/" + mentor.slug)
        return card
    }

    func schoolItem(_ i: Int, bank: BankSite, root: String) -> SchoolItem {
        let school = bank.bank.schools[i]
        return SchoolItem(name: school.name, fullName: school.fullName, href: root + BankURLs.school(school.id),
                          municipality: school.municipality ?? Bank.unknownMunicipality,
                          practices: bank.practicesOfSchool[i]?.count ?? 0,
                          url: school.content?.settings.organization.url ?? "", mentoringURL: school.content?.settings.baseURL ?? "")
    }

    static let practiceFacetNames = ["Форма", "Ролевая модель", "Уровень образования", "Муниципалитет", "Год"]

    func practiceFacetGroups(_ bank: BankSite, root: String, current: String) -> [FacetGroup] {
        Self.facetGroups(Self.practiceFacetNames, of: bank.facets.map { ($0.group, $0.label, $0.path, $0.count) },
                         root: root, current: current)
    }

    /// The fields of the script filter on the practices page; the script fills in the
    /// choices from practices.json, so the thousands of list pages do not repeat them.
    func filterOptions(_ bank: BankSite) -> [FilterOption] {
        let keys = ["Форма": "f", "Ролевая модель": "r", "Уровень образования": "l", "Муниципалитет": "m", "Год": "y"]
        return Self.practiceFacetNames.compactMap { name in
            guard bank.facets.contains(where: { $0.group == name }), let key = keys[name] else { return nil }
            return FilterOption(title: name, key: key)
        }
    }

    func rollupItem(_ r: IndicatorRollup) -> IndicatorModel {
        let indicator = r.asIndicator
        let territory = content.indicators?.territory ?? content.settings.organization.region ?? territoryTitle
        var item = indicatorItem(indicator, factLabel: "факт: " + territory)
        // Columns are monitoring periods: counts of different periods are never added up.
        let periods = r.periods
        item.years = periods.map { YearLabel(year: $0.label) }
        // Each cell carries its period: on a phone the table's rows become cards labelled by it.
        func cell(_ c: IndicatorCount?, reported: Int?, _ period: MonitoringPeriod) -> RollupCell {
            guard let c else { return RollupCell(value: "—", year: period.label) }
            var detail = "\(RussianNumber.integer(c.numerator)) из \(RussianNumber.integer(c.denominator))"
            if let reported { detail += "; организаций: \(reported)" }
            return RollupCell(value: RussianNumber.fact(c.percent), detail: detail, year: period.label)
        }
        item.municipalities = r.municipalities.keys.sorted(by: RussianFold.less).map { place in
            let counts = r.municipalities[place] ?? [:]
            return RollupPlace(name: place, cells: periods.map { cell(counts[$0], reported: r.reporting[place]?[$0], $0) })
        }
        item.regionCells = periods.map { cell(r.region[$0], reported: r.schools[$0], $0) }
        return item
    }
}
