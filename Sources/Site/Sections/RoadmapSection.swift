import Domain

/// roadmap.yml — «Дорожная карта», one page for all of the school's roadmaps.
struct RoadmapSection: SiteSection {
    let key = SectionKey.roadmaps
    let inBank = true

    func menu(_ content: SiteContent) -> [SitePlan.Section] {
        content.roadmaps.isEmpty ? [] : [SitePlan.Section(path: "roadmap/", title: "Дорожная карта")]
    }

    func plan(_ content: SiteContent) -> [PlannedPage] {
        content.roadmaps.isEmpty ? [] : [PlannedPage(path: "roadmap/", kind: .section(key, .index))]
    }

    func make(_ page: SectionPage, path: String, _ site: PageContexts, root: String, md: MarkdownBodies) -> PageContexts.Made {
        Reads.note(.whole(key))
        let roadmaps = site.content.roadmaps
        return PageContexts.Made(template: "roadmap", title: roadmaps.count == 1 ? roadmaps[0].title : "Дорожная карта",
                                 section: "roadmap/",
                                 body: RoadmapPage(roadmaps: roadmaps.enumerated().map { site.roadmapItem($1, index: $0) },
                                                   today: site.today.russian))
    }

    func search(_ content: SiteContent) -> [SearchIndex.Input] {
        guard !content.roadmaps.isEmpty else { return [] }
        var parts: [String] = []
        for r in content.roadmaps {
            parts.append(r.title)
            for section in r.sections {
                parts.append(section.title ?? "")
                parts.append(section.keyResult ?? "")
                for e in section.events.flatMap(\.flattened) {
                    parts.append(e.title)
                    parts.append(e.result ?? "")
                    parts.append(e.keyResult ?? "")
                    parts += e.responsible
                }
            }
        }
        return [SearchIndex.Input(title: "Дорожная карта", path: "roadmap/", kind: "Дорожная карта", parts: parts)]
    }

    func fingerprint(_ content: SiteContent, into prints: inout InputPrints) {
        prints.whole(key)
    }
}
