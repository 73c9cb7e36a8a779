import Domain

/// documents.yml — «Нормативная база», grouped by level.
struct DocumentsSection: SiteSection {
    let key = SectionKey.documents
    let inBank = true

    func menu(_ content: SiteContent) -> [SitePlan.Section] {
        content.documents.isEmpty ? [] : [SitePlan.Section(path: "documents/", title: "Нормативная база")]
    }

    func plan(_ content: SiteContent) -> [PlannedPage] {
        content.documents.isEmpty ? [] : [PlannedPage(path: "documents/", kind: .section(key, .index))]
    }

    func make(_ page: SectionPage, path: String, _ site: PageContexts, root: String, md: MarkdownBodies) -> PageContexts.Made {
        Reads.note(.whole(key))
        let documents = site.content.documents
        return PageContexts.Made(template: "documents", title: "Нормативная база", section: "documents/", body: DocumentsPage(
            groups: DocumentLevel.allCases.compactMap { level in
                let docs = documents.filter { $0.level == level }
                    .sorted { ($0.effectiveDate ?? .distantPast) > ($1.effectiveDate ?? .distantPast) }
                guard !docs.isEmpty else { return nil }
                return DocumentGroup(title: level.title, id: level.rawValue, documents: docs.map { site.documentItem($0, root: root) })
            }))
    }

    func search(_ content: SiteContent) -> [SearchIndex.Input] {
        content.documents.isEmpty ? [] : [SearchIndex.Input(title: "Нормативная база", path: "documents/", kind: "Документы",
                                                            parts: content.documents.flatMap { [$0.citation, $0.issuer ?? ""] })]
    }

    func fingerprint(_ content: SiteContent, into prints: inout InputPrints) {
        prints.whole(key)
    }
}
