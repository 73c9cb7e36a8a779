import Content
import Domain
import Foundation
import Markdown

/// Template variables of a bank's own pages (listed in docs/themes.md).
extension PageContexts {
    func bankHome(root: String) -> [String: Any] {
        guard let bank else { return [:] }
        let included = bank.bank.schools.indices.filter { !bank.bank.schools[$0].excluded && !bank.bank.otherRegion.contains($0) }
            .map { bank.bank.schools[$0] }
        let places = Set(included.map { $0.municipality ?? Bank.unknownMunicipality }).count
        let plural = DiagnosticReport.plural
        let own = bank.listings[.all, default: []].count
        let submitted = bank.bank.reviews?.count ?? 0
        return ["practices_count": own, "schools_count": included.count,
                "other_regions": bank.otherRegionPractices.map { practiceCard(bank.bank.practices[$0], root: root) },
                "reviewed": bank.bank.reviews != nil,
                "review_note": bank.bank.reviews == nil
                    ? "Практики опубликованы в том виде, в каком их прислали организации: экспертный отбор не проводился."
                    : "Опубликованы практики, отобранные экспертами регионального центра (решений по практикам: \(submitted)).",
                "municipalities_count": places, "mentors_count": bank.mentors.count,
                // «4 практики», «1 лучший наставник»: the word agrees with its number.
                "practices_label": plural(own, "практика", "практики", "практик"),
                "schools_label": plural(included.count, "организация", "организации", "организаций"),
                "municipalities_label": plural(places, "муниципалитет", "муниципалитета", "муниципалитетов"),
                "mentors_label": plural(bank.mentors.count, "лучший наставник", "лучших наставника", "лучших наставников"),
                "latest": bank.listings[.all, default: []].prefix(6).map { practiceCard(bank.bank.practices[$0], root: root) },
                "facet_groups": practiceFacetGroups(root: root, current: ""),
                "has_rollups": !bank.rollups.isEmpty,
                "territory_genitive": territoryGenitive, "territory_title": territoryTitle,
                "indicators": bank.rollups.compactMap { r -> [String: Any]? in
                    let indicator = r.asIndicator
                    guard let year = indicator.actual.keys.max(), let fact = indicator.actual[year] else { return nil }
                    let achieved = indicator.achieved(in: year)
                    return ["title": r.title, "year": String(year), "fact": RussianNumber.fact(fact.percent),
                            "target": r.targets[year].map { RussianNumber.percent($0) } ?? "", "has_target": r.targets[year] != nil,
                            "achieved": achieved == true, "missed": achieved == false]
                }]
    }

    /// (template, title, section, variables) of a bank page.
    func bankPage(_ page: PlannedPage, root: String) -> (String, String, String, [String: Any])? {
        guard let bank else { return nil }
        switch page.kind {
        case .practices(let heading, let filter, let base, let number, let count):
            let all = bank.listings[filter] ?? []
            let slice = all.dropFirst((number - 1) * BankSite.perPage).prefix(BankSite.perPage)
            let title = number > 1 ? "\(heading) — страница \(number)" : heading
            return ("practices", title, "practices/", [
                "practices": slice.map { practiceCard(bank.bank.practices[$0], root: root) },
                "count": all.count, "filtered": filter != .all,
                "count_label": all.isEmpty ? "Практик не найдено"
                    : (all.count % 10 == 1 && all.count % 100 != 11 ? "Найдена " : "Найдено ")
                        + "\(all.count) " + DiagnosticReport.plural(all.count, "практика", "практики", "практик"),
                "facet_groups": practiceFacetGroups(root: root, current: base),
                "pagination": pagination(number, count, root: root, base: base),
                "filter_options": filterOptions(),
            ])
        case .practice(let i):
            let p = bank.bank.practices[i]
            let school = bank.bank.schools[p.school]
            let c = bank.bank.mentoringCase(p)
            var card = practiceCard(p, root: root)
            card["cover_image"] = Self.atTop(card["cover_image"], class: "cover")
            if case .person(let name, _) = c.mentor { card["mentor_name"] = name }
            if case .page(let slug) = c.mentor, let m = school.content?.mentors.first(where: { $0.slug == slug }) {
                card["mentor_name"] = m.name
                card["mentor_href"] = root + BankURLs.mentor(school.id, m.slug)
            }
            if let slug = c.program, let program = school.content?.programs.first(where: { $0.slug == slug }) {
                card["program_title"] = program.title
                // The programme is published in the bank's «База программ».
                card["program_href"] = root + BankURLs.program(school.id, program.slug)
            }
            let body = bank.rendered.html(for: c.origin.file)
                ?? bank.bodies[p.school].render(c.body, file: c.origin.file, folder: "cases", pagePath: page.path).html
            return ("practice", c.title, "practices/", ["practice": card, "body_html": body])
        case .schools:
            let schools = bank.bank.schools.enumerated().filter { !$0.element.excluded }
                .sorted { (RussianFold.fold($0.element.municipality ?? ""), RussianFold.fold($0.element.name))
                    < (RussianFold.fold($1.element.municipality ?? ""), RussianFold.fold($1.element.name)) }
            return ("schools", "Организации", "schools/", ["schools": schools.map { schoolItem($0.offset, root: root) }])
        case .school(let i):
            let school = bank.bank.schools[i]
            let practices = bank.practicesOfSchool[i] ?? []
            var vars: [String: Any] = ["school": schoolItem(i, root: root),
                                       "practices": practices.map { practiceCard(bank.bank.practices[$0], root: root) },
                                       "indicators": (school.content?.indicators?.indicators ?? []).filter { !$0.actual.isEmpty }.map { indicatorItem($0) }]
            if let curator = school.content?.settings.curator {
                vars["curator"] = ["name": curator.name.isEmpty ? curator.role ?? "" : curator.name, "position": curator.position ?? "",
                                   "email": curator.email ?? "", "phone": curator.phone ?? ""] as [String: Any]
            }
            return ("school", school.fullName, "schools/", vars)
        case .bankMentors(let number, let count):
            let slice = bank.mentors.dropFirst((number - 1) * BankSite.perPage).prefix(BankSite.perPage)
            return ("mentors", number > 1 ? "Лучшие наставники — страница \(number)" : "Лучшие наставники", "mentors/", [
                "mentors": slice.map { bankMentorCard($0.school, $0.mentor, root: root) },
                "pagination": pagination(number, count, root: root, base: "mentors/"),
            ])
        case .bankMentor(let s, let m):
            let school = bank.bank.schools[s]
            // Planned only for published schools, whose content is there.
            guard let mentor = school.content?.mentors[m] else { return nil }
            let cases = (bank.practicesOfSchool[s] ?? []).map { bank.bank.practices[$0] }.filter { (p: Practice) -> Bool in
                guard case .page(let slug)? = bank.bank.mentoringCase(p).mentor else { return false }
                return slug == mentor.slug
            }
            let body = bank.rendered.html(for: mentor.origin.file)
                ?? bank.bodies[s].render(mentor.body, file: mentor.origin.file, folder: "mentors", pagePath: page.path).html
            var card = bankMentorCard(s, m, root: root)
            card["photo_image"] = Self.atTop(card["photo_image"], class: "portrait")
            return ("mentor", mentor.name, "mentors/", ["mentor": card,
                                                       "cases": cases.map { practiceCard($0, root: root) }, "body_html": body])
        case .bankPrograms:
            var items: [[String: Any]] = []
            for (s, school) in bank.bank.schools.enumerated() {
                for p in school.content?.programs ?? [] {
                    items.append(["title": p.title, "href": root + BankURLs.program(school.id, p.slug), "period": p.period?.russian ?? "",
                                  "forms": p.forms.map(\.title).joined(separator: ", "), "organization": school.name,
                                  "other_region": bank.bank.otherRegion.contains(s)])
                }
            }
            return ("programs", "База программ наставничества", BankURLs.programs, ["programs": items])
        case .bankProgram(let s, let i):
            let school = bank.bank.schools[s]
            guard let p = school.content?.programs[i] else { return nil }
            let body = bank.bodies[s].render(p.body, file: p.origin.file, folder: "programs", pagePath: page.path)
            return ("program", p.title, BankURLs.programs, [
                "program": ["title": p.title, "period": p.period?.russian ?? "", "forms": p.forms.map { ["title": $0.title] },
                            "approved": p.approved?.russian ?? "", "goals": p.goals, "tasks": p.tasks,
                            "expected_results": p.expectedResults, "has_goals": !p.goals.isEmpty, "has_tasks": !p.tasks.isEmpty,
                            "has_results": !p.expectedResults.isEmpty, "organization": school.fullName,
                            "organization_href": root + BankURLs.school(school.id)] as [String: Any],
                "body_html": body.html])
        case .competitions:
            return ("competitions", "Конкурсы", "competitions/", ["competitions": competitionItems(root: root)])
        case .rollup:
            return ("rollup", "Показатели " + territoryGenitive, "indicators/", [
                "territory": content.indicators?.territory ?? content.settings.organization.region ?? "",
                "indicators": bank.rollups.map(rollupItem), "csv_href": root + "indicators-rollup.csv",
                "territory_genitive": territoryGenitive, "territory_title": territoryTitle,
            ])
        default:
            return nil
        }
    }

    func practiceCard(_ p: Practice, root: String) -> [String: Any] {
        guard let bank else { return [:] }
        let school = bank.bank.schools[p.school]
        let c = bank.bank.mentoringCase(p)
        let files = root + BankURLs.schoolFiles(school.id)
        return ["title": c.title, "href": root + BankURLs.practice(school.id, c.slug),
                "organization": school.name, "organization_href": root + BankURLs.school(school.id),
                "municipality": school.municipality ?? "", "form": c.form.title, "role_model": c.roleModel ?? "",
                "level": c.level.map { $0.title.prefix(1).uppercased() + $0.title.dropFirst() } ?? "",
                "audience": c.audience ?? "", "period": c.period?.russian ?? "", "year": c.period.map { String($0.year) } ?? "",
                "results": c.results, "has_results": !c.results.isEmpty, "summary": c.summary ?? "",
                "curator": Self.curatorName(school.content?.settings), "mentees": c.mentees.map(String.init) ?? "",
                "tags": c.tags.map { ["title": $0] }, "cover": c.cover.map { files + $0.path } ?? "", "cover_alt": c.cover?.alt ?? "",
                "cover_image": c.cover.map { picture(BankURLs.schoolFiles(school.id) + $0.path, alt: $0.alt, root: root,
                                                     sizes: Self.cardSizes, lazy: true) } ?? [:],
                "badges": badges(practice: bank.bank.reviewKey(p))]
    }

    /// Competitions with links to the winners' pages.
    func competitionItems(root: String) -> [[String: Any]] {
        guard let bank else { return [] }
        var practiceTitles: [String: String] = [:]
        for p in bank.bank.practices { practiceTitles[bank.bank.reviewKey(p)] = bank.bank.mentoringCase(p).title }
        var mentorNames: [String: String] = [:]
        for school in bank.bank.schools { for m in school.content?.mentors ?? [] { mentorNames[school.id + "/" + m.slug] = m.name } }
        return bank.bank.competitions.map { c in
            // «Лучшая практика — 2025» already says its year: it is not added a second time.
            ["title": c.title, "year": c.year.map(String.init).flatMap { c.title.contains($0) ? nil : $0 } ?? "",
             "nominations": c.nominations.map { n in
                ["title": n.title, "winners": n.winners.map { w -> [String: Any] in
                    var item: [String: Any] = ["place": w.place.map { "\($0) место" } ?? "победитель"]
                    if let key = w.practice, let title = practiceTitles[key] {
                        let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
                        item["title"] = title
                        item["href"] = root + BankURLs.practice(parts[0], parts.count > 1 ? parts[1] : "")
                    } else if let key = w.mentor, let name = mentorNames[key] {
                        let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
                        item["title"] = name
                        item["href"] = root + BankURLs.mentor(parts[0], parts.count > 1 ? parts[1] : "")
                    } else {
                        item["title"] = w.practice ?? w.mentor ?? ""
                    }
                    return item
                }] as [String: Any]
             }] as [String: Any]
        }
    }

    /// «1 место — Лучшая практика наставничества — 2025 (Форма «ученик – ученик»)» for a card.
    func badges(practice key: String? = nil, mentor: String? = nil) -> [[String: Any]] {
        guard let bank else { return [] }
        var out: [[String: Any]] = []
        for c in bank.bank.competitions {
            for n in c.nominations {
                for w in n.winners where (key != nil && w.practice == key) || (mentor != nil && w.mentor == mentor) {
                    let place = w.place.map { "\($0) место" } ?? "победитель"
                    out.append(["title": "\(place): \(c.title), номинация «\(n.title)»"])
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

    func bankMentorCard(_ s: Int, _ m: Int, root: String) -> [String: Any] {
        guard let bank else { return [:] }
        let school = bank.bank.schools[s]
        guard let mentor = school.content?.mentors[m] else { return [:] }
        var card = mentorCard(mentor, root: root)
        card["href"] = root + BankURLs.mentor(school.id, mentor.slug)
        card["photo"] = mentor.photo.map { root + BankURLs.schoolFiles(school.id) + $0.path } ?? ""
        card["photo_image"] = mentor.photo.map { picture(BankURLs.schoolFiles(school.id) + $0.path, alt: $0.alt, root: root, sizes: "10em", lazy: true) } ?? [:]
        card["organization"] = mentor.organization ?? school.name
        card["badges"] = badges(mentor: school.id + "/" + mentor.slug)
        return card
    }

    func schoolItem(_ i: Int, root: String) -> [String: Any] {
        guard let bank else { return [:] }
        let school = bank.bank.schools[i]
        return ["name": school.name, "full_name": school.fullName, "href": root + BankURLs.school(school.id),
                "municipality": school.municipality ?? Bank.unknownMunicipality,
                "practices": bank.practicesOfSchool[i]?.count ?? 0,
                "url": school.content?.settings.organization.url ?? "", "mentoring_url": school.content?.settings.baseURL ?? ""]
    }

    func practiceFacetGroups(root: String, current: String) -> [[String: Any]] {
        guard let bank else { return [] }
        var groups: [[String: Any]] = []
        for name in ["Форма", "Ролевая модель", "Уровень образования", "Муниципалитет", "Год"] {
            let items = bank.facets.filter { $0.group == name }.map {
                ["label": $0.label, "href": root + $0.path, "count": $0.count, "current": $0.path == current] as [String: Any]
            }
            if !items.isEmpty { groups.append(["title": name, "items": items]) }
        }
        return groups
    }

    /// The fields of the script filter on the practices page; the script fills in the
    /// choices from practices.json, so the thousands of list pages do not repeat them.
    func filterOptions() -> [[String: Any]] {
        guard let bank else { return [] }
        let keys = ["Форма": "f", "Ролевая модель": "r", "Уровень образования": "l", "Муниципалитет": "m", "Год": "y"]
        return ["Форма", "Ролевая модель", "Уровень образования", "Муниципалитет", "Год"].compactMap { name in
            bank.facets.contains { $0.group == name } ? ["title": name, "key": keys[name]!] : nil
        }
    }

    func rollupItem(_ r: IndicatorRollup) -> [String: Any] {
        let indicator = r.asIndicator
        let territory = content.indicators?.territory ?? content.settings.organization.region ?? territoryTitle
        var item = indicatorItem(indicator, factLabel: "факт: " + territory)
        // Columns are monitoring periods: counts of different periods are never added up.
        let periods = r.periods
        item["years"] = periods.map { ["year": $0.label] }
        // Each cell carries its period: on a phone the table's rows become cards labelled by it.
        func cell(_ c: IndicatorCount?, reported: Int?, _ period: MonitoringPeriod) -> [String: Any] {
            guard let c else { return ["value": "—", "year": period.label] }
            var detail = "\(RussianNumber.integer(c.numerator)) из \(RussianNumber.integer(c.denominator))"
            if let reported { detail += "; организаций: \(reported)" }
            return ["value": RussianNumber.fact(c.percent), "detail": detail, "year": period.label]
        }
        item["municipalities"] = r.municipalities.keys.sorted(by: RussianFold.less).map { place -> [String: Any] in
            let counts = r.municipalities[place] ?? [:]
            return ["name": place, "cells": periods.map { cell(counts[$0], reported: r.reporting[place]?[$0], $0) }]
        }
        item["region_cells"] = periods.map { cell(r.region[$0], reported: r.schools[$0], $0) }
        return item
    }
}
