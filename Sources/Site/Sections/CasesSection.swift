import Domain

/// cases/<slug>.md — cases of mentoring, listed newest first with a page for every form,
/// role model, year and tag, so filtering works without a script.
struct CasesSection: SiteSection {
    let key = SectionKey.cases
    let inBank = false

    func menu(_ content: SiteContent) -> [SitePlan.Section] {
        content.cases.isEmpty ? [] : [SitePlan.Section(path: "cases/", title: "Кейсы")]
    }

    func plan(_ content: SiteContent) -> [PlannedPage] {
        guard !content.cases.isEmpty else { return [] }
        var pages = SiteSections.listing(key, base: "cases/", title: "Кейсы наставничества", total: content.cases.count,
                                         perPage: SitePlan.perPage)
        pages += content.cases.enumerated().map { PlannedPage(path: SiteURLs.caseURL($1.slug), kind: .section(key, .item($0))) }
        for facet in Facets.caseFacets(content.cases) {
            pages += SiteSections.listing(key, base: facet.path, title: facet.title, filter: facet.filter, total: facet.count,
                                          perPage: SitePlan.perPage)
        }
        return pages
    }

    func make(_ page: SectionPage, path: String, _ site: PageContexts, root: String, md: MarkdownBodies) -> PageContexts.Made {
        switch page {
        case .index, .list:
            var list = ListPage(title: "Кейсы наставничества", base: "cases/", number: 1, count: 1)
            if case .list(let given) = page { list = given }
            Reads.note(.list(key))
            let matching = site.cases(list.filter, page: list.number)
            return PageContexts.Made(template: "cases", title: list.heading, section: "cases/", body: CasesPage(
                cases: matching.cases.map { site.caseCard($0, root: root) },
                count: matching.count, pagination: site.pagination(list.number, list.count, root: root, base: list.base),
                filtered: list.filter != .all, facetGroups: site.facetGroups(root: root, current: path)))
        case .item(let i):
            let c = site.content.cases[i]
            var card = site.caseCard(c, root: root)
            if case .person(let name, _) = c.mentor { card.mentorName = name }
            if case .page(let slug) = c.mentor {
                Reads.note(.mentors, slug)
                if let m = site.mentor(slug) {
                    card.mentorName = m.name
                    card.mentorHref = root + SiteURLs.mentor(m.slug)
                }
            }
            if let slug = c.program {
                Reads.note(.programs, slug)
                if let p = site.program(slug) {
                    card.programTitle = p.title
                    card.programHref = root + SiteURLs.program(p.slug)
                }
            }
            card.coverImage = PageContexts.atTop(card.coverImage, class: "cover")
            return PageContexts.Made(template: "case", title: c.title, section: "cases/",
                                     body: CasePage(card: card, bodyHTML: md(c.body, c.origin.file, "cases")),
                                     summary: c.summary ?? PageContexts.lead(c.body), image: card.coverImage)
        }
    }

    func search(_ content: SiteContent) -> [SearchIndex.Input] {
        content.cases.map { c in
            SearchIndex.Input(title: c.title, path: SiteURLs.caseURL(c.slug), kind: "Кейс",
                              parts: [c.summary ?? "", c.form.title, c.roleModel ?? "", c.audience ?? ""] + c.tags + c.results,
                              markdown: c.body)
        }
    }

    func fingerprint(_ content: SiteContent, into prints: inout InputPrints) {
        // Lists show cases newest first, and their facets the form, role model, year and tags;
        // each card is its case's own (`.entry`), so a case's title counts for a list only
        // where it moves the case.
        prints.entries(key, PageContexts.newestFirst(content.cases), slug: \.slug, origin: \.origin, listed: { c in
            [c.slug, c.form.rawValue, c.roleModel ?? "", String(c.period?.year ?? 0)] + c.tags
        })
        // A mentor's page lists the cases naming it.
        var naming: [String: StableHasher] = [:]
        for c in content.cases {
            guard case .page(let mentor) = c.mentor else { continue }
            naming[mentor, default: StableHasher()].combine(c.slug)
        }
        for mentor in content.mentors { prints.prints[.casesOf(mentor.slug)] = naming[mentor.slug]?.finalize() ?? .zero }
    }
}
