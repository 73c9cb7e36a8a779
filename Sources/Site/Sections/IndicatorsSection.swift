import Domain

/// indicators.yml and indicators/*.csv — «Показатели эффективности». A bank shows its
/// schools' figures summed instead (`BankPageKind.rollup`).
struct IndicatorsSection: SiteSection {
    let key = SectionKey.indicators
    let inBank = false

    func menu(_ content: SiteContent) -> [SitePlan.Section] {
        (content.indicators?.indicators.isEmpty ?? true) ? [] : [SitePlan.Section(path: "indicators/", title: "Показатели")]
    }

    func plan(_ content: SiteContent) -> [PlannedPage] {
        (content.indicators?.indicators.isEmpty ?? true) ? [] : [PlannedPage(path: "indicators/", kind: .section(key, .index))]
    }

    func make(_ page: SectionPage, path: String, _ site: PageContexts, root: String, md: MarkdownBodies) -> PageContexts.Made {
        Reads.note(.whole(key))
        return PageContexts.Made(template: "indicators", title: "Показатели эффективности", section: "indicators/", body: IndicatorsPage(
            territory: site.content.indicators?.territory ?? "",
            indicators: (site.content.indicators?.indicators ?? []).map { site.indicatorItem($0) }))
    }

    func search(_ content: SiteContent) -> [SearchIndex.Input] {
        guard let set = content.indicators, !set.indicators.isEmpty else { return [] }
        return [SearchIndex.Input(title: "Показатели", path: "indicators/", kind: "Показатели",
                                  parts: set.indicators.flatMap { [$0.title, $0.definition ?? ""] })]
    }

    func fingerprint(_ content: SiteContent, into prints: inout InputPrints) {
        prints.whole(key)
    }
}
