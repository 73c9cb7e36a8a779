import Domain

/// partners.yml — «Партнёры».
struct PartnersSection: SiteSection {
    let key = SectionKey.partners
    let inBank = true

    func menu(_ content: SiteContent) -> [SitePlan.Section] {
        content.partners.isEmpty ? [] : [SitePlan.Section(path: "partners/", title: "Партнёры")]
    }

    func plan(_ content: SiteContent) -> [PlannedPage] {
        content.partners.isEmpty ? [] : [PlannedPage(path: "partners/", kind: .section(key, .index))]
    }

    func make(_ page: SectionPage, path: String, _ site: PageContexts, root: String, md: MarkdownBodies) -> PageContexts.Made {
        Reads.note(.whole(key))
        return PageContexts.Made(template: "partners", title: "Партнёры", section: "partners/", body: PartnersPage(
            partners: site.content.partners.sorted { $0.name < $1.name }.map { p in
                PartnerItem(name: p.name, kind: p.kind.title, url: p.url ?? "", mentors: p.mentors.map(String.init) ?? "",
                            agreement: p.agreementNumber.map { n in "№ \(n)" + (p.agreementDate.map { " от \($0.russian)" } ?? "") } ?? "",
                            description: p.description ?? "")
            }))
    }

    func search(_ content: SiteContent) -> [SearchIndex.Input] {
        content.partners.isEmpty ? [] : [SearchIndex.Input(title: "Партнёры", path: "partners/", kind: "Партнёры",
                                                           parts: content.partners.flatMap { [$0.name, $0.description ?? ""] })]
    }

    func fingerprint(_ content: SiteContent, into prints: inout InputPrints) {
        prints.whole(key)
    }
}
