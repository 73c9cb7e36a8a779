import Content
import Domain
import Foundation
import Images
import Markdown

/// Builds the variables each template receives (listed in docs/themes.md). Values are
/// plain strings, booleans, arrays and dictionaries, escaped by the template engine;
/// only `*_html` values (rendered Markdown, SVG) are inserted raw with `{{{…}}}`.
struct PageContexts: Sendable {
    let content: SiteContent
    let today: DayDate
    let urls: SiteURLs
    let body: BodyRenderer
    let facets: [Facet]
    /// Set for a regional bank (`kind: bank`).
    var bank: BankSite? = nil
    /// News newest first, sorted once: every list page and the main page take a slice.
    let newsByDate: [NewsItem]
    /// Cases newest first, then by title, sorted once for every page of every case list.
    let casesByYear: [MentoringCase]
    let mentorsByName: [Mentor]
    /// Processed pictures by output path, for `srcset`, `width` and `height`.
    var images: [String: ProcessedImage] = [:]
    /// The site's sections (path, title), listed once: every page shows them in its menu.
    var sectionEntries: [(path: String, title: String)] = []

    init(content: SiteContent, today: DayDate, urls: SiteURLs, body: BodyRenderer, facets: [Facet]) {
        self.content = content
        self.today = today
        self.urls = urls
        self.body = body
        self.facets = facets
        newsByDate = content.news.sorted { ($0.date, $0.slug) > ($1.date, $1.slug) }
        mentorsByName = content.mentors.sorted { $0.name < $1.name }
        casesByYear = content.cases.sorted { ($0.period?.year ?? 0, $0.title) > ($1.period?.year ?? 0, $1.title) }
    }

    struct Rendered {
        var template: String
        var context: [String: Any]
        var diagnostics: [Diagnostic]
        var title: String
    }

    func context(for page: PlannedPage) -> Rendered {
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
        var template: String
        var title: String
        var vars: [String: Any] = [:]
        var section = ""
        // What a link shared in a messenger shows (Open Graph): the page's own summary and picture.
        var summary: String? = nil
        var shareImage: Any? = nil
        let s = content.settings

        switch page.kind {
        case .home where bank != nil:
            template = "bank-home"; title = content.home?.title ?? s.title
            vars = bankHome(root: root)
            vars["body_html"] = content.home.map { md($0.body, $0.origin.file, "") } ?? ""
        case .practices, .practice, .schools, .school, .bankMentors, .bankMentor, .rollup, .competitions, .bankPrograms, .bankProgram:
            // BankPlan is the only planner of these pages, and only for a bank: a trap here is a programming error.
            guard let page = bankPage(page, root: root) else { fatalError("bank page without a bank") }
            (template, title, section, vars) = page
            // A practice or a mentor of the bank is shared like a school's case or mentor.
            if let card = (vars["practice"] ?? vars["mentor"]) as? [String: Any] {
                summary = (card["summary"] ?? card["position"]) as? String
                shareImage = card["cover_image"] ?? card["photo_image"]
            }
        case .home:
            template = "home"; title = content.home?.title ?? s.title; section = ""
            vars["body_html"] = content.home.map { md($0.body, $0.origin.file, "") } ?? ""
            vars["model_adopted"] = s.modelAdopted?.russianLong ?? ""
            let forms = Set(content.programs.flatMap(\.forms) + content.cases.map(\.form))
            vars["forms"] = MentoringForm.allCases.filter { forms.contains($0) }.map { form -> [String: Any] in
                ["title": form.title, "href": root + SiteURLs.formFacet(form), "has_cases": content.cases.contains { $0.form == form }]
            }
            vars["curators"] = s.curators.map { person($0, root: root) }
            vars["responsible"] = s.responsible.map { person($0, root: root) }
            vars["curators_heading"] = s.curators.count == 1 ? "Куратор внедрения целевой модели" : "Кураторы внедрения целевой модели"
            vars["curator"] = s.curators.first.map { person($0, root: root) } ?? [:]
            vars["indicators"] = latestIndicators(root: root)
            vars["news"] = newsByDate.prefix(3).map { newsCard($0, root: root) }
            vars["mentors"] = content.mentors.prefix(3).map { mentorCard($0, root: root) }
            vars["sections"] = sections(root: root).filter { ($0["href"] as? String) != root }
            vars["quick_links"] = quickLinks(root: root)
        case .documents:
            template = "documents"; title = "Нормативная база"; section = "documents/"
            vars["groups"] = DocumentLevel.allCases.compactMap { level -> [String: Any]? in
                let docs = content.documents.filter { $0.level == level }.sorted { ($0.effectiveDate ?? .distantPast) > ($1.effectiveDate ?? .distantPast) }
                guard !docs.isEmpty else { return nil }
                return ["title": level.title, "id": level.rawValue, "documents": docs.map { documentItem($0, root: root) }]
            }
        case .programs:
            template = "programs"; title = "Программы наставничества"; section = "programs/"
            vars["programs"] = content.programs.map { p in
                ["title": p.title, "href": root + SiteURLs.program(p.slug), "period": p.period?.russian ?? "",
                 "forms": p.forms.map(\.title).joined(separator: ", ")] as [String: Any]
            }
        case .program(let i):
            let p = content.programs[i]
            template = "program"; title = p.title; section = "programs/"
            vars["program"] = ["title": p.title, "period": p.period?.russian ?? "", "forms": p.forms.map { ["title": $0.title] },
                               "approved": p.approved?.russian ?? "", "goals": p.goals, "tasks": p.tasks,
                               "expected_results": p.expectedResults, "has_goals": !p.goals.isEmpty, "has_tasks": !p.tasks.isEmpty,
                               "has_results": !p.expectedResults.isEmpty] as [String: Any]
            vars["body_html"] = md(p.body, p.origin.file, "programs")
            summary = p.goals.first ?? Self.lead(p.body)
        case .roadmap:
            template = "roadmap"; title = content.roadmaps.count == 1 ? content.roadmaps[0].title : "Дорожная карта"; section = "roadmap/"
            vars["roadmaps"] = content.roadmaps.enumerated().map { roadmapItem($1, index: $0) }
            vars["today"] = today.russian
        case .indicators:
            template = "indicators"; title = "Показатели эффективности"; section = "indicators/"
            vars["territory"] = content.indicators?.territory ?? ""
            vars["indicators"] = (content.indicators?.indicators ?? []).map { indicatorItem($0) }
        case .cases(let heading, let filter, let base, let number, let count):
            template = "cases"; title = number == 1 ? heading : "\(heading) — страница \(number)"; section = "cases/"
            let list = filter == .all ? casesByYear[...] : casesByYear.filter(filter.matches)[...]
            vars["cases"] = list.dropFirst((number - 1) * SitePlan.perPage).prefix(SitePlan.perPage).map { caseCard($0, root: root) }
            vars["count"] = list.count
            vars["pagination"] = pagination(number, count, root: root, base: base)
            vars["filtered"] = filter != .all
            vars["facet_groups"] = facetGroups(root: root, current: page.path)
        case .caseItem(let i):
            let c = content.cases[i]
            template = "case"; title = c.title; section = "cases/"
            var card = caseCard(c, root: root)
            if case .person(let name, _) = c.mentor { card["mentor_name"] = name }
            if case .page(let slug) = c.mentor, let m = content.mentors.first(where: { $0.slug == slug }) {
                card["mentor_name"] = m.name
                card["mentor_href"] = root + SiteURLs.mentor(m.slug)
            }
            if let slug = c.program, let p = content.programs.first(where: { $0.slug == slug }) {
                card["program_title"] = p.title
                card["program_href"] = root + SiteURLs.program(p.slug)
            }
            card["cover_image"] = Self.atTop(card["cover_image"], class: "cover")
            summary = c.summary ?? Self.lead(c.body)
            shareImage = card["cover_image"]
            vars["case"] = card
            vars["body_html"] = md(c.body, c.origin.file, "cases")
        case .mentors(let number, let count):
            template = "mentors"; title = number == 1 ? "Лучшие наставники" : "Лучшие наставники — страница \(number)"; section = "mentors/"
            vars["mentors"] = mentorsByName
                .dropFirst((number - 1) * SitePlan.perPage).prefix(SitePlan.perPage).map { mentorCard($0, root: root) }
            vars["pagination"] = pagination(number, count, root: root, base: "mentors/")
        case .mentor(let i):
            let m = content.mentors[i]
            template = "mentor"; title = m.name; section = "mentors/"
            var card = mentorCard(m, root: root)
            card["photo_image"] = Self.atTop(card["photo_image"], class: "portrait")
            summary = [m.position, m.organization].compactMap { $0 }.joined(separator: ", ")
            shareImage = card["photo_image"]
            vars["mentor"] = card
            vars["body_html"] = md(m.body, m.origin.file, "mentors")
            vars["cases"] = content.cases.filter { if case .page(let slug) = $0.mentor { return slug == m.slug }; return false }
                .map { caseCard($0, root: root) }
        case .newsList(let number, let count):
            template = "news-list"; title = number == 1 ? "Новости" : "Новости — страница \(number)"; section = "news/"
            let perPage = max(1, s.newsPerPage)
            let slice = newsByDate.dropFirst((number - 1) * perPage).prefix(perPage)
            vars["news"] = slice.map { newsCard($0, root: root) }
            vars["pagination"] = pagination(number, count, root: root, base: "news/")
        case .newsItem(let i):
            let n = content.news[i]
            template = "news"; title = n.title; section = "news/"
            var card = newsCard(n, root: root)
            card["cover_image"] = Self.atTop(card["cover_image"], class: "cover")
            summary = n.summary ?? Self.lead(n.body)
            shareImage = card["cover_image"]
            vars["news"] = card
            vars["body_html"] = md(n.body, n.origin.file, "news")
        case .partners:
            template = "partners"; title = "Партнёры"; section = "partners/"
            vars["partners"] = content.partners.sorted { $0.name < $1.name }.map { p in
                ["name": p.name, "kind": p.kind.title, "url": p.url ?? "", "mentors": p.mentors.map(String.init) ?? "",
                 "agreement": p.agreementNumber.map { n in "№ \(n)" + (p.agreementDate.map { " от \($0.russian)" } ?? "") } ?? "",
                 "description": p.description ?? ""] as [String: Any]
            }
        case .page(let i):
            let p = content.pages[i]
            template = "page"; title = p.title; section = SiteURLs.page(p.slug)
            vars["body_html"] = md(p.body, p.origin.file, "pages")
            summary = Self.lead(p.body)
        case .search:
            template = "search"; title = "Поиск"; section = "search/"
            vars["sections"] = sections(root: root)
        case .notFound:
            template = "404"; title = "Страница не найдена"; section = ""
            vars["sections"] = sections(root: root)
        }

        vars["root"] = root
        vars["title"] = title
        vars["page_path"] = page.path
        vars["breadcrumbs"] = breadcrumbs(page.path, title: title, section: section, root: root)
        vars["share"] = share(title: title, summary: summary, image: shareImage, path: page.path, root: root)
        vars["is_home"] = page.path.isEmpty
        vars["site"] = siteVars(root: root)
        vars["nav"] = sections(root: root).map { item -> [String: Any] in
            var item = item
            item["current"] = (item["path"] as? String) == section && (section != "" || page.path.isEmpty)
            return item
        }
        vars["canonical"] = page.path == "404.html" ? "" : (urls.absolute(page.path) ?? "")
        vars["feed_href"] = content.news.isEmpty || urls.baseURL == nil ? "" : root + "news/rss.xml"
        vars["atom_href"] = content.news.isEmpty || urls.baseURL == nil ? "" : root + "news/atom.xml"
        vars["build_date"] = today.russian
        vars["vision_href"] = root + SiteURLs.visionFolder + (page.path == "404.html" ? "" : page.path)
        var context = TypesetContext.apply(PageContexts.dropEmpty(vars) as! [String: Any])
        // A bank page's body comes rendered from the school's check; its players are found in the HTML.
        if hasVideo || (bank != nil && (context["body_html"] as? String).map { VideoEmbed.appears(in: $0) } == true) { context["has_video"] = true }
        return Rendered(template: template, context: context, diagnostics: diagnostics, title: title)
    }

    /// The same page in the copy for the visually impaired: one folder deeper, so every
    /// relative link stays inside the copy; only the switch back points out of it.
    static func visionVariant(of context: [String: Any], path: String) -> [String: Any] {
        var context = context
        context["vision"] = true
        context["vision_href"] = (context["root"] as? String ?? "./") + "../" + path
        return context
    }

    /// Mustache treats an empty string as true; absent keys make `{{#photo}}…{{/photo}}` read naturally.
    static func dropEmpty(_ value: Any) -> Any {
        switch value {
        case let dict as [String: Any]:
            var out: [String: Any] = [:]
            for (k, v) in dict {
                if let s = v as? String, s.isEmpty { continue }
                // An empty object is as absent as an empty string: `{{#cover_image}}` must not open.
                if let d = v as? [String: Any], d.isEmpty { continue }
                out[k] = dropEmpty(v)
            }
            return out
        case let list as [[String: Any]]:
            return list.map { dropEmpty($0) }
        default:
            return value
        }
    }

    // MARK: pieces

    /// «Главная › Кейсы › Форма «ученик – ученик»» for every page but the main one and 404:
    /// the section, then each planned page between it and this one.
    func breadcrumbs(_ path: String, title: String, section: String, root: String) -> [String: Any] {
        guard !path.isEmpty, path != "404.html" else { return [:] }
        let named = Dictionary((sectionEntries.isEmpty ? sectionList() : sectionEntries).map { ($0.path, $0.title) },
                               uniquingKeysWith: { a, _ in a })
        var items: [[String: Any]] = [["title": "Главная", "href": root]]
        if !section.isEmpty, section != path, let name = named[section] {
            items.append(["title": name, "href": root + section])
        } else if section.isEmpty || named[section] == nil, let top = path.split(separator: "/").first.map({ String($0) + "/" }),
                  top != path, let name = named[top] {
            items.append(["title": name, "href": root + top])
        }
        return ["items": items, "current": title]
    }

    /// The school's own pages, first those a parent or a would-be mentor looks for
    /// («Как стать наставником», «Родителям»): one click from the main page even when the
    /// menu is folded on a phone.
    func quickLinks(root: String) -> [[String: Any]] {
        func rank(_ p: Page) -> Int {
            let t = RussianFold.fold(p.title + " " + p.slug)
            if t.contains("наставник") && (t.contains("стать") || t.contains("stat")) { return 0 }
            if t.contains("родител") || t.contains("roditel") { return 1 }
            return 2
        }
        return content.pages.sorted { (rank($0), $0.weight, $0.title) < (rank($1), $1.weight, $1.title) }
            .map { ["title": $0.title, "href": root + SiteURLs.page($0.slug)] }
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
    func share(title: String, summary: String?, image: Any?, path: String, root: String) -> [String: Any] {
        let s = content.settings
        var out: [String: Any] = [
            "title": title, "site_name": s.title + " — " + s.organization.displayName,
            "description": String((summary?.isEmpty == false ? summary : s.description)?.prefix(300) ?? ""),
            "type": summary != nil && path != "" ? "article" : "website",
        ]
        if let picture = image as? [String: Any], let src = picture["src"] as? String, src.hasPrefix(root) {
            let output = String(src.dropFirst(root.count))
            // The largest JPEG or PNG: WebP previews are not shown by every messenger.
            let processed = images[output]
            let chosen = processed.flatMap { $0.fallback.max(by: { $0.width < $1.width }) }
            let file = chosen?.path ?? output
            out["image"] = urls.absolute(file) ?? root + file
            out["image_alt"] = picture["alt"] as? String ?? ""
            if let chosen, let processed, processed.width > 0 {
                out["image_width"] = String(chosen.width)
                out["image_height"] = String(processed.height * chosen.width / processed.width)
            }
        }
        return out
    }

    /// A curator or responsible person: role, name (empty for a role-only entry), contacts.
    func person(_ c: Curator, root: String) -> [String: Any] {
        ["name": c.name, "role": c.role ?? "", "position": c.position ?? "", "phone": c.phone ?? "", "email": c.email ?? "",
         "hours": c.hours ?? "", "photo": c.photo.map { root + $0 } ?? "", "photo_alt": c.photoAlt ?? "",
         "photo_image": c.photo.map { picture($0, alt: c.photoAlt ?? "", root: root, sizes: "120px", lazy: true) } ?? [:],
         "phone_href": (c.phone ?? "").filter { $0.isNumber || $0 == "+" }]
    }

    func siteVars(root: String) -> [String: Any] {
        let s = content.settings
        return ["curators": s.curators.map { person($0, root: root) }, "title": s.title, "organization": s.organization.name, "short_name": s.organization.displayName,
                "region": s.organization.region ?? "", "municipality": s.organization.municipality ?? "",
                "org_url": s.organization.url ?? "", "description": s.description ?? "", "year": String(today.year)]
    }

    func sections(root: String) -> [[String: Any]] {
        (sectionEntries.isEmpty ? sectionList() : sectionEntries).map { ["path": $0.path, "title": $0.title, "href": root + $0.path] }
    }

    func sectionList() -> [(path: String, title: String)] {
        var items: [(String, String)] = [("", "Главная")]
        if let bank {
            items.append(("practices/", "Практики"))
            items.append(("schools/", "Организации"))
            if !bank.rollups.isEmpty { items.append(("indicators/", "Показатели")) }
            if !bank.mentors.isEmpty { items.append(("mentors/", "Наставники")) }
            if !bank.bank.competitions.isEmpty { items.append(("competitions/", "Конкурсы")) }
            if bank.bank.schools.contains(where: { !($0.content?.programs.isEmpty ?? true) }) { items.append((BankURLs.programs, "База программ")) }
        }
        if !content.documents.isEmpty { items.append(("documents/", "Нормативная база")) }
        if !content.programs.isEmpty { items.append(("programs/", "Программы")) }
        if !content.roadmaps.isEmpty { items.append(("roadmap/", "Дорожная карта")) }
        if bank == nil {
            if !(content.indicators?.indicators.isEmpty ?? true) { items.append(("indicators/", "Показатели")) }
            if !content.cases.isEmpty { items.append(("cases/", "Кейсы")) }
            if !content.mentors.isEmpty { items.append(("mentors/", "Наставники")) }
        }
        if !content.news.isEmpty { items.append(("news/", "Новости")) }
        if !content.partners.isEmpty { items.append(("partners/", "Партнёры")) }
        for p in content.pages.sorted(by: { ($0.weight, $0.title) < ($1.weight, $1.title) }) {
            items.append((SiteURLs.page(p.slug), p.title))
        }
        items.append(("search/", "Поиск"))
        return items.map { (path: $0.0, title: $0.1) }
    }

    func documentItem(_ d: NormativeDocument, root: String) -> [String: Any] {
        var item: [String: Any] = ["citation": d.citation, "title": d.title, "date": d.date?.russian ?? "", "number": d.number ?? "",
                                   "type": d.type.title, "issuer": d.issuer ?? ""]
        switch d.source {
        case .file(let path, let format, let size):
            item["href"] = root + path
            item["format"] = format.title
            item["size"] = FileSize.russian(size)
        case .url(let url):
            item["href"] = url
            item["external"] = true
        case nil:
            break
        }
        return item
    }

    func roadmapItem(_ r: Roadmap, index: Int) -> [String: Any] {
        var sections: [[String: Any]] = []
        var n = 0
        // Official numbers are kept as written; only a roadmap without them is numbered here.
        func rows(_ events: [RoadmapEvent], prefix: String, level: Int) -> [[String: Any]] {
            events.enumerated().flatMap { (ei, e) -> [[String: Any]] in
                let number = e.number ?? (prefix.isEmpty ? "\(ei + 1)" : "\(prefix).\(ei + 1)")
                let standing = e.standing(asOf: today)
                let open = e.openCycles(asOf: today)
                var row: [String: Any] = [
                    "number": number, "title": e.title, "due": e.due.map(Self.dueText) ?? "",
                    "due_datetime": e.due?.parsed.machineDate?.iso ?? "",
                    "responsible": e.responsible.joined(separator: ", "), "result": e.result ?? "", "key_result": e.keyResult ?? "",
                    "documents": e.documents.joined(separator: "; "), "status": standing.title,
                    "status_class": standing.cssClass, "overdue": standing == .overdue,
                    "level": level, "sub": level > 0,
                ]
                if !open.isEmpty {
                    row["open_cycles"] = "не отмечены как выполненные: " + open.map(String.init).joined(separator: ", ")
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
            sections.append(["number": number, "title": section.title ?? "", "has_title": numbered,
                             "section_key_result": section.keyResult ?? "",
                             "events": rows(section.events, prefix: prefix, level: 0), "id": "r\(index + 1)-s\(si + 1)"])
        }
        let all = r.events
        // A row that only groups sub-items is not an event of its own.
        let standings = all.filter(\.events.isEmpty).map { $0.standing(asOf: today) }
        return ["title": r.title, "approved": r.approved?.russian ?? "", "sections": sections, "multiple": content.roadmaps.count > 1,
                "agreed_with": r.agreed?.with ?? "", "agreed_date": r.agreed?.date?.russian ?? "",
                // Section key results stand in their section's row; the column is for the events'.
                "has_key_result": all.contains { $0.keyResult != nil },
                "has_documents": all.contains { !$0.documents.isEmpty },
                "done": standings.filter { $0 == .recorded(.done) }.count, "total": standings.count,
                // Counts of zero are left out: a template's `{{#overdue}}` must not open for 0.
                "overdue": standings.filter { $0 == .overdue }.count.nonZero,
                "no_information": standings.filter { $0 == .noInformation }.count.nonZero]
    }

    func indicatorItem(_ i: Indicator, factLabel: String = "факт") -> [String: Any] {
        // One row per year, or per monitoring when the school monitors twice a year; the
        // year's last monitoring is its figure, compared with the year's target.
        let periods = Set(i.monitorings.keys).union(i.targets.keys.filter { y in !i.monitorings.keys.contains { $0.year == y } }
            .map { MonitoringPeriod(year: $0) }).sorted()
        let rows = periods.map { period -> [String: Any] in
            let fact = i.monitorings[period]
            let isYearFigure = fact != nil && i.actual[period.year] == fact
                && !(i.monitorings.keys.contains { $0.year == period.year && period < $0 })
            let achieved = isYearFigure ? i.achieved(in: period.year) : nil
            return ["year": period.label, "target": i.targets[period.year].map { RussianNumber.percent($0) } ?? "",
                    "fact": fact.map { RussianNumber.fact($0.percent) } ?? "",
                    "numerator": fact.map { RussianNumber.integer($0.numerator) } ?? "",
                    "denominator": fact.map { RussianNumber.integer($0.denominator) } ?? "",
                    "achieved": achieved == true, "missed": achieved == false, "unknown": achieved == nil]
        }
        return ["id": i.id, "title": i.title, "definition": i.definition ?? "", "denominator_label": i.denominatorLabel ?? "",
                // Without any target the «Цель» and «Достигнуто» columns are left out, not left empty.
                "has_targets": !i.targets.isEmpty,
                "rows": rows, "chart_html": IndicatorChart.html(i, factLabel: factLabel), "summary": IndicatorChart.textAlternative(i)]
    }

    func latestIndicators(root: String) -> [[String: Any]] {
        (content.indicators?.indicators ?? []).compactMap { i in
            guard let year = i.actual.keys.max(), let fact = i.actual[year] else { return nil }
            let achieved = i.achieved(in: year)
            return ["title": i.title, "year": String(year), "fact": RussianNumber.fact(fact.percent),
                    "target": i.targets[year].map { RussianNumber.percent($0) } ?? "", "has_target": i.targets[year] != nil,
                    "achieved": achieved == true, "missed": achieved == false]
        }
    }

    func caseCard(_ c: MentoringCase, root: String) -> [String: Any] {
        ["title": c.title, "href": root + SiteURLs.caseURL(c.slug), "form": c.form.title, "form_href": root + SiteURLs.formFacet(c.form),
         "role_model": c.roleModel ?? "", "period": c.period?.russian ?? "", "year": c.period.map { String($0.year) } ?? "",
         "level": c.level?.title ?? "", "audience": c.audience ?? "", "mentees": c.mentees.map(String.init) ?? "",
         "mentee_names": c.namedMentees.joined(separator: ", "),
         "results": c.results, "has_results": !c.results.isEmpty, "summary": c.summary ?? "",
         "tags": c.tags.map { ["title": $0] }, "cover": c.cover.map { root + $0.path } ?? "", "cover_alt": c.cover?.alt ?? "",
         "cover_image": c.cover.map { picture($0.path, alt: $0.alt, root: root, sizes: Self.cardSizes, lazy: true) } ?? [:]]
    }

    func mentorCard(_ m: Mentor, root: String) -> [String: Any] {
        ["name": m.name, "href": root + SiteURLs.mentor(m.slug), "position": m.position ?? "", "organization": m.organization ?? "",
         "form": m.form?.title ?? "", "experience": m.experienceYears.map { "\($0) \(DiagnosticReport.plural($0, "год", "года", "лет"))" } ?? "",
         "mentees": m.mentees.map(String.init) ?? "", "awards": m.awards, "has_awards": !m.awards.isEmpty,
         "photo": m.photo.map { root + $0.path } ?? "", "photo_alt": m.photo?.alt ?? "",
         "photo_image": m.photo.map { picture($0.path, alt: $0.alt, root: root, sizes: "10em", lazy: true) } ?? [:]]
    }

    func newsCard(_ n: NewsItem, root: String) -> [String: Any] {
        ["title": n.title, "href": root + SiteURLs.news(n.slug), "date": n.date.russianLong, "datetime": n.date.iso,
         "summary": n.summary ?? "", "tags": n.tags.map { ["title": $0] }, "cover": n.cover.map { root + $0.path } ?? "",
         "cover_alt": n.cover?.alt ?? "", "draft": n.draft,
         "cover_image": n.cover.map { picture($0.path, alt: $0.alt, root: root, sizes: Self.cardSizes, lazy: true) } ?? [:]]
    }

    /// A picture for the `image` partial: `src`, `srcset` (JPEG/PNG), `webp_srcset`, `sizes`,
    /// `width`, `height`, `alt`, and `lazy` (false for the one at the top of a page).
    func picture(_ output: String, alt: String, root: String, sizes: String, lazy: Bool) -> [String: Any] {
        var item: [String: Any] = ["src": root + output, "alt": alt, "sizes": sizes, "lazy": lazy]
        guard let image = images[output] else { return item }
        func set(_ variants: [ProcessedImage.Variant]) -> String {
            variants.map { "\(root)\($0.path) \($0.width)w" }.joined(separator: ", ")
        }
        item["width"] = String(image.width)
        item["height"] = String(image.height)
        if image.fallback.count > 1 { item["srcset"] = set(image.fallback) }
        if !image.webp.isEmpty { item["webp_srcset"] = set(image.webp) }
        return item
    }

    /// The picture at the top of a page: loaded at once (it is above the fold), full width, with a class.
    static func atTop(_ value: Any?, class name: String) -> [String: Any] {
        guard var item = value as? [String: Any], !item.isEmpty else { return [:] }
        item["lazy"] = false
        item["sizes"] = pageSizes
        item["class"] = name
        return item
    }

    static let cardSizes = "(min-width: 60em) 20em, (min-width: 40em) 45vw, 95vw"
    static let pageSizes = "(min-width: 50em) 45em, 95vw"

    /// Links between the pages of a list (news, cases, a facet, mentors, a bank's listings).
    func pagination(_ page: Int, _ count: Int, root: String, base: String) -> [String: Any] {
        guard count > 1 else { return [:] }
        return ["current": page, "count": count,
                "prev": page > 1 ? root + SiteURLs.listing(base, page: page - 1) : "",
                "next": page < count ? root + SiteURLs.listing(base, page: page + 1) : "",
                "pages": (1...count).map { ["number": $0, "href": root + SiteURLs.listing(base, page: $0), "current": $0 == page] as [String: Any] }]
    }

    func facetGroups(root: String, current: String) -> [[String: Any]] {
        func group(_ title: String, _ pick: (Facet) -> Bool) -> [String: Any]? {
            let items = facets.filter(pick).map { ["label": $0.label, "href": root + $0.path, "count": $0.count, "current": $0.path == current] as [String: Any] }
            return items.isEmpty ? nil : ["title": title, "items": items]
        }
        return [
            group("Форма") { if case .form = $0.filter { return true }; return false },
            group("Ролевая модель") { if case .roleModel = $0.filter { return true }; return false },
            group("Год") { if case .year = $0.filter { return true }; return false },
            group("Метки") { if case .tag = $0.filter { return true }; return false },
        ].compactMap { $0 }
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
