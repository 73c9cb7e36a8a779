import Domain

/// news/<slug>.md — «Новости», newest first, `news_per_page` a page, with RSS and Atom feeds.
struct NewsSection: SiteSection {
    let key = SectionKey.news
    let inBank = true

    func menu(_ content: SiteContent) -> [SitePlan.Section] {
        content.news.isEmpty ? [] : [SitePlan.Section(path: "news/", title: "Новости")]
    }

    func plan(_ content: SiteContent) -> [PlannedPage] {
        guard !content.news.isEmpty else { return [] }
        return SiteSections.listing(key, base: "news/", title: "Новости", total: content.news.count,
                                    perPage: max(1, content.settings.newsPerPage))
            + content.news.enumerated().map { PlannedPage(path: SiteURLs.news($1.slug), kind: .section(key, .item($0))) }
    }

    func make(_ page: SectionPage, path: String, _ site: PageContexts, root: String, md: MarkdownBodies) -> PageContexts.Made {
        switch page {
        case .index, .list:
            var list = ListPage(title: "Новости", base: "news/", number: 1, count: 1)
            if case .list(let given) = page { list = given }
            let perPage = max(1, site.content.settings.newsPerPage)
            Reads.note(.list(key))
            return PageContexts.Made(template: "news-list", title: list.heading, section: "news/", body: NewsListPage(
                news: site.newsByDate.dropFirst((list.number - 1) * perPage).prefix(perPage).map { site.newsCard($0, root: root) },
                pagination: site.pagination(list.number, list.count, root: root, base: "news/")))
        case .item(let i):
            let n = site.content.news[i]
            var card = site.newsCard(n, root: root)
            card.coverImage = PageContexts.atTop(card.coverImage, class: "cover")
            return PageContexts.Made(template: "news", title: n.title, section: "news/",
                                     body: NewsPage(news: card, bodyHTML: md(n.body, n.origin.file, "news")),
                                     summary: n.summary ?? PageContexts.lead(n.body), image: card.coverImage)
        }
    }

    func search(_ content: SiteContent) -> [SearchIndex.Input] {
        content.news.map { n in
            SearchIndex.Input(title: n.title, path: SiteURLs.news(n.slug), kind: "Новость", parts: [n.summary ?? ""] + n.tags, markdown: n.body)
        }
    }

    func fingerprint(_ content: SiteContent, into prints: inout InputPrints) {
        prints.entries(key, content.news, slug: \.slug, origin: \.origin, listed: { [$0.slug, $0.date.iso] })
    }
}
