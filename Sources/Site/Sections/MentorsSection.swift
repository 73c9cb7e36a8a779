import Domain

/// mentors/<slug>.md — «Лучшие наставники», by name.
struct MentorsSection: SiteSection {
    let key = SectionKey.mentors
    let inBank = false

    func menu(_ content: SiteContent) -> [SitePlan.Section] {
        content.mentors.isEmpty ? [] : [SitePlan.Section(path: "mentors/", title: "Наставники")]
    }

    func plan(_ content: SiteContent) -> [PlannedPage] {
        guard !content.mentors.isEmpty else { return [] }
        return SiteSections.listing(key, base: "mentors/", title: "Лучшие наставники", total: content.mentors.count, perPage: SitePlan.perPage)
            + content.mentors.enumerated().map { PlannedPage(path: SiteURLs.mentor($1.slug), kind: .section(key, .item($0))) }
    }

    func make(_ page: SectionPage, path: String, _ site: PageContexts, root: String, md: MarkdownBodies) -> PageContexts.Made {
        switch page {
        case .index, .list:
            var list = ListPage(title: "Лучшие наставники", base: "mentors/", number: 1, count: 1)
            if case .list(let given) = page { list = given }
            Reads.note(.list(key))
            return PageContexts.Made(template: "mentors", title: list.heading, section: "mentors/", body: MentorsPage(
                mentors: site.mentorsByName.dropFirst((list.number - 1) * SitePlan.perPage).prefix(SitePlan.perPage)
                    .map { site.mentorCard($0, root: root) },
                pagination: site.pagination(list.number, list.count, root: root, base: "mentors/")))
        case .item(let i):
            let m = site.content.mentors[i]
            // Its page lists the cases that name it (their cards note their own entries).
            Reads.note(.casesOf(m.slug))
            var card = site.mentorCard(m, root: root)
            card.photoImage = PageContexts.atTop(card.photoImage, class: "portrait")
            let cases = (site.casesByMentor[m.slug] ?? []).map { site.content.cases[$0] }
            return PageContexts.Made(template: "mentor", title: m.name, section: "mentors/",
                                     body: MentorPage(mentor: card, cases: cases.map { site.caseCard($0, root: root) },
                                                      bodyHTML: md(m.body, m.origin.file, "mentors")),
                                     summary: [m.position, m.organization].compactMap { $0 }.joined(separator: ", "), image: card.photoImage)
        }
    }

    func search(_ content: SiteContent) -> [SearchIndex.Input] {
        content.mentors.map { m in
            SearchIndex.Input(title: m.name, path: SiteURLs.mentor(m.slug), kind: "Наставник",
                              parts: [m.position ?? "", m.organization ?? "", m.form?.title ?? ""], markdown: m.body)
        }
    }

    func fingerprint(_ content: SiteContent, into prints: inout InputPrints) {
        prints.entries(key, content.mentors, slug: \.slug, origin: \.origin, listed: { [$0.slug, $0.name] })
    }
}
