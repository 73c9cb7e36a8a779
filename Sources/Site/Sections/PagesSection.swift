import Domain

/// pages/<slug>.md — the school's own pages («Как стать наставником», «Родителям»), each in the menu.
struct PagesSection: SiteSection {
    let key = SectionKey.pages
    let inBank = true

    func menu(_ content: SiteContent) -> [SitePlan.Section] {
        content.pages.sorted { ($0.weight, $0.title) < ($1.weight, $1.title) }.map { SitePlan.Section(path: SiteURLs.page($0.slug), title: $0.title) }
    }

    func plan(_ content: SiteContent) -> [PlannedPage] {
        content.pages.enumerated().map { PlannedPage(path: SiteURLs.page($1.slug), kind: .section(key, .item($0))) }
    }

    func make(_ page: SectionPage, path: String, _ site: PageContexts, root: String, md: MarkdownBodies) -> PageContexts.Made {
        guard case .item(let i) = page else { return site.notFound(root: root) }
        let p = site.content.pages[i]
        Reads.note(key, p.slug)
        return PageContexts.Made(template: "page", title: p.title, section: SiteURLs.page(p.slug),
                                 body: TextPage(bodyHTML: md(p.body, p.origin.file, "pages")), summary: PageContexts.lead(p.body))
    }

    func search(_ content: SiteContent) -> [SearchIndex.Input] {
        content.pages.map { SearchIndex.Input(title: $0.title, path: SiteURLs.page($0.slug), kind: "Страница", parts: [], markdown: $0.body) }
    }

    func fingerprint(_ content: SiteContent, into prints: inout InputPrints) {
        prints.entries(key, content.pages, slug: \.slug, origin: \.origin, listed: { [$0.slug, $0.title, String($0.weight)] })
    }
}
