import Theme

/// Which model each template of a theme receives. `docs/themes.md` lists the variables
/// from here (`TemplateCatalog.markdown`, checked by a test), so the documentation is the
/// code's own statement of what a template may use.
public enum TemplateCatalog {
    public struct Entry: Sendable {
        public let template: String
        public let page: String
        public let model: any TemplateModel.Type
    }

    public static let entries: [Entry] = [
        Entry(template: "home", page: "`/` of a school's site", model: SchoolHomePage.self),
        Entry(template: "documents", page: "`/documents/`", model: DocumentsPage.self),
        Entry(template: "programs", page: "`/programs/`; a bank's `/baza-programm/`", model: ProgramsPage.self),
        Entry(template: "program", page: "`/programs/<slug>/`; a bank's `/baza-programm/<school>/<slug>/`", model: ProgramPage.self),
        Entry(template: "roadmap", page: "`/roadmap/`", model: RoadmapPage.self),
        Entry(template: "indicators", page: "`/indicators/`", model: IndicatorsPage.self),
        Entry(template: "cases", page: "`/cases/`, every facet page (`/cases/form/…`, `/role/…`, `/year/…`, `/tag/…`), each paginated by 24", model: CasesPage.self),
        Entry(template: "case", page: "`/cases/<slug>/`", model: CasePage.self),
        Entry(template: "mentors", page: "`/mentors/`, paginated by 24 (a bank's too)", model: MentorsPage.self),
        Entry(template: "mentor", page: "`/mentors/<slug>/`", model: MentorPage<CaseCard>.self),
        Entry(template: "news-list", page: "`/news/`, `/news/page/N/`", model: NewsListPage.self),
        Entry(template: "news", page: "`/news/<slug>/`", model: NewsPage.self),
        Entry(template: "events", page: "`/events/`", model: EventsPage.self),
        Entry(template: "event", page: "`/events/<slug>/`", model: EventPage.self),
        Entry(template: "partners", page: "`/partners/`", model: PartnersPage.self),
        Entry(template: "page", page: "`/<slug>/` (a page of `pages/`)", model: TextPage.self),
        Entry(template: "search", page: "`/search/`", model: SectionsPage.self),
        Entry(template: "404", page: "`404.html`; `root` is the absolute path of `base_url`, since the page is served at any depth", model: SectionsPage.self),
        Entry(template: "bank-home", page: "`/` of a bank", model: BankHomePage.self),
        Entry(template: "practices", page: "a bank's `/practices/` and every facet page (`/form/…`, `/role/…`, `/level/…`, `/municipality/…`, `/year/…`), each paginated", model: PracticesPage.self),
        Entry(template: "practice", page: "`/practices/<school>/<slug>/`", model: PracticePage.self),
        Entry(template: "schools", page: "`/schools/`", model: SchoolsPage.self),
        Entry(template: "school", page: "`/schools/<id>/`", model: SchoolPage.self),
        Entry(template: "mentor", page: "a bank's `/mentors/<school>/<slug>/`", model: MentorPage<PracticeCard>.self),
        Entry(template: "rollup", page: "a bank's `/indicators/`", model: RollupPage.self),
        Entry(template: "competitions", page: "a bank's `/competitions/` (with `competitions.yml`)", model: CompetitionsPage.self),
        Entry(template: "rss", page: "`/news/rss.xml` (with `base_url`)", model: FeedModel.self),
        Entry(template: "atom", page: "`/news/atom.xml` (with `base_url`)", model: FeedModel.self),
        Entry(template: "sitemap", page: "`/sitemap.xml` (with `base_url`)", model: SitemapModel.self),
        Entry(template: "robots", page: "`/robots.txt`", model: RobotsModel.self),
        Entry(template: "report", page: "a bank's `report/index.html`, outside the site; each finding is the partial `report-finding`", model: ReportModel.self),
    ]

    /// The frame every page receives (the variables of `base`).
    public static let frame: any TemplateModel.Type = Chrome.self

    /// Every model a template can reach, each once, in the order first met.
    public static func allModels() -> [any TemplateModel.Type] {
        var seen: Set<String> = []
        var out: [any TemplateModel.Type] = []
        func visit(_ type: any TemplateModel.Type) {
            guard seen.insert(type.modelName).inserted else { return }
            out.append(type)
            for kind in type.fieldKinds {
                switch kind {
                case .model(let child), .list(let child): visit(child)
                default: break
                }
            }
        }
        visit(frame)
        for entry in entries { visit(entry.model) }
        return out
    }

    /// The generated part of `docs/themes.md`.
    public static func markdown() -> String {
        var out = "### Templates\n\n| template | page | model |\n|---|---|---|\n"
        for entry in entries {
            out += "| `\(entry.template)` | \(entry.page) | [\(entry.model.modelName)](#\(anchor(entry.model.modelName))) |\n"
        }
        out += "\nEvery page template also receives [\(frame.modelName)](#\(anchor(frame.modelName))), the variables of `base`.\n"
        out += "\n### Models\n"
        for model in allModels() {
            out += "\n#### \(model.modelName)\n\n| variable | kind | meaning |\n|---|---|---|\n"
            for row in model.fieldRows {
                out += "| `\(row.name)` | \(describe(row.kind)) | \(row.doc) |\n"
            }
        }
        return out
    }

    static func anchor(_ name: String) -> String { name.lowercased() }

    static func describe(_ kind: FieldKind) -> String {
        switch kind {
        case .text: return "text"
        case .html: return "HTML, `{{{…}}}`"
        case .flag: return "true/false"
        case .number: return "number"
        case .texts: return "list of texts, `{{.}}`"
        case .model(let type): return "[\(type.modelName)](#\(anchor(type.modelName)))"
        case .list(let type): return "list of [\(type.modelName)](#\(anchor(type.modelName)))"
        }
    }
}

extension TemplateModel {
    static var fieldKinds: [FieldKind] { fields.all.map(\.kind) }
    static var fieldRows: [(name: String, kind: FieldKind, doc: String)] { fields.all.map { ($0.name, $0.kind, $0.doc) } }
}
