import Domain

/// programs/<slug>.md — the school's mentoring programmes.
struct ProgramsSection: SiteSection {
    let key = SectionKey.programs
    let inBank = true

    func menu(_ content: SiteContent) -> [SitePlan.Section] {
        content.programs.isEmpty ? [] : [SitePlan.Section(path: "programs/", title: "Программы")]
    }

    func plan(_ content: SiteContent) -> [PlannedPage] {
        guard !content.programs.isEmpty else { return [] }
        return [PlannedPage(path: "programs/", kind: .section(key, .index))]
            + content.programs.enumerated().map { PlannedPage(path: SiteURLs.program($1.slug), kind: .section(key, .item($0))) }
    }

    func make(_ page: SectionPage, path: String, _ site: PageContexts, root: String, md: MarkdownBodies) -> PageContexts.Made {
        if case .item(let i) = page {
            let p = site.content.programs[i]
            return PageContexts.Made(template: "program", title: p.title, section: "programs/",
                                     body: ProgramPage(program: site.programDetail(p), bodyHTML: md(p.body, p.origin.file, "programs")),
                                     summary: p.goals.first ?? PageContexts.lead(p.body))
        }
        Reads.note(.list(key))
        return PageContexts.Made(template: "programs", title: "Программы наставничества", section: "programs/", body: ProgramsPage(
            programs: site.content.programs.map { p in
                Reads.note(key, p.slug)
                return ProgramCard(title: p.title, href: root + SiteURLs.program(p.slug), period: p.period?.russian ?? "",
                                   forms: p.forms.map(\.title).joined(separator: ", "))
            }))
    }

    func search(_ content: SiteContent) -> [SearchIndex.Input] {
        content.programs.map { p in
            SearchIndex.Input(title: p.title, path: SiteURLs.program(p.slug), kind: "Программа",
                              parts: p.goals + p.tasks + p.expectedResults + p.forms.map(\.title), markdown: p.body)
        }
    }

    func fingerprint(_ content: SiteContent, into prints: inout InputPrints) {
        // The main page shows the forms of the programmes.
        prints.entries(key, content.programs, slug: \.slug, origin: \.origin, listed: { [$0.slug, $0.title] + $0.forms.map(\.rawValue) })
    }
}
