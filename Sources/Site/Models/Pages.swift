import Theme

/// A page as its template sees it: the page kind's own fields, then `Chrome`'s.
protocol PageModel: TemplateModel {
    var chrome: Chrome { get set }
}

struct Framed<Body: TemplateModel>: PageModel {
    var chrome: Chrome
    var body: Body

    func child(named name: String) -> Any? { body.child(named: name) ?? chrome.child(named: name) }

    static var fields: Fields<Framed<Body>> {
        Fields(Body.fields.all.map { $0.lifted(\.body) }, then: Chrome.fields.all.map { $0.lifted(\.chrome) })
    }
    static var modelName: String { Body.modelName }
}

extension Field {
    /// The same field read through a part of a bigger model.
    func lifted<Outer>(_ part: KeyPath<Outer, Model> & Sendable) -> Field<Outer> {
        let get = self.get
        return Field<Outer>(name: name, kind: kind, doc: doc, get: { get($0[keyPath: part]) })
    }
}

// MARK: school pages

struct SchoolHomePage: TemplateModel {
    var bodyHTML: String
    @Prose var modelAdopted: String
    var forms: [FormLink]
    var curators: [Person]
    var responsible: [Person]
    @Prose var curatorsHeading: String
    var curator: Person?
    var indicators: [LatestIndicator]
    var news: [NewsCard]
    var mentors: [MentorCard]
    var events: [EventCard]
    var sections: [SectionLink]
    var quickLinks: [Link]

    static let fields = Fields<SchoolHomePage>([
        .html("body_html", "`index.md`") { $0.bodyHTML },
        .text("model_adopted", "the date the target model was adopted") { $0.modelAdopted },
        .list("forms", "the mentoring forms of the programmes and cases") { $0.forms },
        .list("curators") { $0.curators },
        .list("responsible") { $0.responsible },
        .text("curators_heading", "«Куратор …» or «Кураторы …», agreeing with their number") { $0.curatorsHeading },
        .model("curator", "the first of `curators`, for themes written for one") { $0.curator },
        .list("indicators", "each indicator's latest year") { $0.indicators },
        .list("news", "the three latest") { $0.news },
        .list("mentors", "the first three") { $0.mentors },
        .list("events", "the next three events") { $0.events },
        .list("sections", "the site's sections but the main page") { $0.sections },
        .list("quick_links", "the pages of `pages/`, «Как стать наставником» and «Родителям» first; `default` shows them as buttons under the title") { $0.quickLinks },
    ])
}

struct FormLink: TemplateModel {
    @Prose var title: String
    var href: String
    var hasCases: Bool

    static let fields = Fields<FormLink>([
        .text("title") { $0.title }, .text("href", "the form's page of cases") { $0.href },
        .flag("has_cases") { $0.hasCases },
    ])
}

struct LatestIndicator: TemplateModel {
    @Prose var title: String
    @Prose var year: String
    @Prose var fact: String
    @Prose var target: String
    var hasTarget: Bool
    var achieved: Bool
    var missed: Bool

    static let fields = Fields<LatestIndicator>([
        .text("title") { $0.title }, .text("year") { $0.year }, .text("fact", "always one decimal") { $0.fact },
        .text("target") { $0.target }, .flag("has_target") { $0.hasTarget },
        .flag("achieved") { $0.achieved }, .flag("missed") { $0.missed },
    ])
}

struct DocumentsPage: TemplateModel {
    var groups: [DocumentGroup]
    static let fields = Fields<DocumentsPage>([.list("groups", "by level: federal, regional, municipal, the school's") { $0.groups }])
}

struct DocumentGroup: TemplateModel {
    @Prose var title: String
    var id: String
    var documents: [DocumentItem]
    static let fields = Fields<DocumentGroup>([
        .text("title") { $0.title }, .text("id") { $0.id }, .list("documents") { $0.documents },
    ])
}

struct DocumentItem: TemplateModel {
    @Prose var citation: String
    @Prose var title: String
    @Prose var date: String
    @Prose var number: String
    @Prose var type: String
    @Prose var issuer: String
    var href = ""
    var format = ""
    @Prose var size = ""
    var external = false

    static let fields = Fields<DocumentItem>([
        .text("citation", "the document as it is cited") { $0.citation },
        .text("title") { $0.title }, .text("date") { $0.date }, .text("number") { $0.number },
        .text("type") { $0.type }, .text("issuer") { $0.issuer },
        .text("href", "the file, or the address of an external document") { $0.href },
        .text("format", "`PDF`, `DOCX` …") { $0.format }, .text("size", "«1,2 МБ»") { $0.size },
        .flag("external", "the document is a link") { $0.external },
    ])
}

struct ProgramsPage: TemplateModel {
    var programs: [ProgramCard]
    static let fields = Fields<ProgramsPage>([.list("programs") { $0.programs }])
}

struct ProgramCard: TemplateModel {
    @Prose var title: String
    var href: String
    @Prose var period: String
    @Prose var forms: String
    /// A bank's «База программ»: the school that runs it.
    @Prose var organization = ""
    var otherRegion = false

    static let fields = Fields<ProgramCard>([
        .text("title") { $0.title }, .text("href") { $0.href }, .text("period") { $0.period },
        .text("forms", "the forms, comma-separated") { $0.forms },
        .text("organization", "a bank's list: the organisation") { $0.organization },
        .flag("other_region", "a bank's list: the organisation is from another region") { $0.otherRegion },
    ])
}

struct ProgramPage: TemplateModel {
    var program: ProgramDetail
    var bodyHTML: String
    static let fields = Fields<ProgramPage>([.model("program") { $0.program }, .html("body_html") { $0.bodyHTML }])
}

struct ProgramDetail: TemplateModel {
    @Prose var title: String
    @Prose var period: String
    var forms: [Titled]
    @Prose var approved: String
    @ProseList var goals: [String]
    @ProseList var tasks: [String]
    @ProseList var expectedResults: [String]
    @Prose var organization = ""
    var organizationHref = ""

    static let fields = Fields<ProgramDetail>([
        .text("title") { $0.title }, .text("period") { $0.period }, .text("approved") { $0.approved },
        .list("forms") { $0.forms }, .texts("goals") { $0.goals }, .texts("tasks") { $0.tasks },
        .texts("expected_results") { $0.expectedResults },
        .flag("has_goals") { !$0.goals.isEmpty }, .flag("has_tasks") { !$0.tasks.isEmpty },
        .flag("has_results") { !$0.expectedResults.isEmpty },
        .text("organization", "in a bank: the organisation that runs it") { $0.organization },
        .text("organization_href", "in a bank: its page") { $0.organizationHref },
    ])
}

struct RoadmapPage: TemplateModel {
    var roadmaps: [RoadmapModel]
    @Prose var today: String
    static let fields = Fields<RoadmapPage>([
        .list("roadmaps") { $0.roadmaps }, .text("today", "the date statuses are reckoned on") { $0.today },
    ])
}

struct RoadmapModel: TemplateModel {
    @Prose var title: String
    @Prose var approved: String
    var sections: [RoadmapSectionModel]
    var multiple: Bool
    @Prose var agreedWith: String
    @Prose var agreedDate: String
    var hasKeyResult: Bool
    var hasDocuments: Bool
    var done: Int
    var total: Int
    /// Counts of zero are absent: a template's `{{#overdue}}` must not open for 0.
    var overdue: String
    var noInformation: String

    static let fields = Fields<RoadmapModel>([
        .text("title") { $0.title }, .text("approved") { $0.approved },
        .text("agreed_with") { $0.agreedWith }, .text("agreed_date") { $0.agreedDate },
        .flag("multiple", "the site has more than one roadmap") { $0.multiple },
        .number("done", "events recorded as done") { $0.done }, .number("total", "events (not counting rows that only group sub-items)") { $0.total },
        .text("overdue", "overdue events; absent for none") { $0.overdue },
        .text("no_information", "events without a status; absent for none") { $0.noInformation },
        .flag("has_key_result", "some event has a key result (section key results stand in their section's row)") { $0.hasKeyResult },
        .flag("has_documents") { $0.hasDocuments },
        .list("sections") { $0.sections },
    ])
}

struct RoadmapSectionModel: TemplateModel {
    @Prose var number: String
    @Prose var title: String
    var hasTitle: Bool
    @Prose var sectionKeyResult: String
    var events: [RoadmapRow]
    var id: String

    static let fields = Fields<RoadmapSectionModel>([
        .text("number", "official, as written") { $0.number }, .text("title") { $0.title },
        .flag("has_title") { $0.hasTitle }, .text("section_key_result") { $0.sectionKeyResult },
        .text("id") { $0.id }, .list("events", "sub-items follow their event") { $0.events },
    ])
}

struct RoadmapRow: TemplateModel {
    @Prose var number: String
    @Prose var title: String
    @Prose var due: String
    var dueDatetime: String
    @Prose var responsible: String
    @Prose var result: String
    @Prose var keyResult: String
    @Prose var documents: String
    @Prose var status: String
    var statusClass: String
    var overdue: Bool
    var level: Int
    var sub: Bool
    @Prose var openCycles = ""

    static let fields = Fields<RoadmapRow>([
        .text("number") { $0.number }, .text("title") { $0.title },
        .text("due", "as written") { $0.due }, .text("due_datetime", "ISO, for `<time datetime>`") { $0.dueDatetime },
        .text("responsible") { $0.responsible }, .text("result") { $0.result }, .text("key_result") { $0.keyResult },
        .text("documents") { $0.documents },
        .text("status", "«выполнено», «нет сведений», «просрочено» …") { $0.status },
        .text("status_class", "`done`, `in_progress`, `planned`, `not_done`, `overdue`, `no-information`, `none`") { $0.statusClass },
        .flag("overdue") { $0.overdue },
        .text("open_cycles", "the years of a recurring event not marked as done") { $0.openCycles },
        .flag("sub", "a sub-item") { $0.sub }, .number("level", "0 for an event, 1 for its sub-items …") { $0.level },
    ])
}

struct IndicatorsPage: TemplateModel {
    @Prose var territory: String
    var indicators: [IndicatorModel]
    static let fields = Fields<IndicatorsPage>([.text("territory") { $0.territory }, .list("indicators") { $0.indicators }])
}

struct IndicatorModel: TemplateModel {
    var id: String
    @Prose var title: String
    @Prose var definition: String
    @Prose var denominatorLabel: String
    var hasTargets: Bool
    var rows: [IndicatorRow]
    var chartHTML: String
    @Prose var summary: String
    /// A bank's roll-up: its periods, municipalities and the territory's total.
    var years: [YearLabel] = []
    var municipalities: [RollupPlace] = []
    var regionCells: [RollupCell] = []

    static let fields = Fields<IndicatorModel>([
        .text("id") { $0.id }, .text("title") { $0.title }, .text("definition") { $0.definition },
        .text("denominator_label") { $0.denominatorLabel },
        .flag("has_targets", "false when the indicator has no target at all: `default` then leaves out the «Цель» and «Достигнуто» columns") { $0.hasTargets },
        .html("chart_html", "an HTML figure") { $0.chartHTML },
        .text("summary", "the chart's text alternative") { $0.summary },
        .list("rows", "one per year, or per monitoring") { $0.rows },
        .list("years", "a bank's roll-up: the monitoring periods, its columns") { $0.years },
        .list("municipalities", "a bank's roll-up") { $0.municipalities },
        .list("region_cells", "a bank's roll-up: the territory's total") { $0.regionCells },
    ])
}

struct IndicatorRow: TemplateModel {
    @Prose var year: String
    @Prose var target: String
    @Prose var fact: String
    @Prose var numerator: String
    @Prose var denominator: String
    var achieved: Bool
    var missed: Bool
    var unknown: Bool

    static let fields = Fields<IndicatorRow>([
        .text("year", "a year, or «на 20.05.2025» for a monitoring") { $0.year }, .text("target") { $0.target },
        .text("fact", "always one decimal") { $0.fact }, .text("numerator") { $0.numerator },
        .text("denominator") { $0.denominator }, .flag("achieved") { $0.achieved }, .flag("missed") { $0.missed },
        .flag("unknown") { $0.unknown },
    ])
}

struct YearLabel: TemplateModel {
    @Prose var year: String
    static let fields = Fields<YearLabel>([.text("year") { $0.year }])
}

struct RollupPlace: TemplateModel {
    @Prose var name: String
    var cells: [RollupCell]
    static let fields = Fields<RollupPlace>([.text("name") { $0.name }, .list("cells") { $0.cells }])
}

struct RollupCell: TemplateModel {
    var value: String
    @Prose var detail = ""
    @Prose var year: String
    static let fields = Fields<RollupCell>([
        .text("value") { $0.value }, .text("detail", "«12 из 30; организаций: 3»") { $0.detail },
        .text("year", "the period, for the label of a stacked cell") { $0.year },
    ])
}

struct CasesPage: TemplateModel {
    var cases: [CaseCard]
    var count: Int
    var pagination: Pagination?
    var filtered: Bool
    var facetGroups: [FacetGroup]

    static let fields = Fields<CasesPage>([
        .list("cases") { $0.cases }, .number("count", "all matching cases") { $0.count },
        .flag("filtered", "a facet page") { $0.filtered }, .list("facet_groups") { $0.facetGroups },
        .model("pagination") { $0.pagination },
    ])
}

struct CaseCard: TemplateModel {
    @Prose var title: String
    var href: String
    @Prose var form: String
    var formHref: String
    @Prose var roleModel: String
    @Prose var period: String
    @Prose var year: String
    var level: String
    @Prose var audience: String
    @Prose var mentees: String
    @Prose var menteeNames: String
    @ProseList var results: [String]
    @Prose var summary: String
    var tags: [Titled]
    var cover: String
    @Prose var coverAlt: String
    var coverImage: PictureModel?
    @Prose var mentorName = ""
    var mentorHref = ""
    @Prose var programTitle = ""
    var programHref = ""

    static let fields = Fields<CaseCard>([
        .text("title") { $0.title }, .text("href") { $0.href }, .text("form") { $0.form }, .text("form_href") { $0.formHref },
        .text("role_model") { $0.roleModel }, .text("period") { $0.period }, .text("year") { $0.year },
        .text("level", "level of education") { $0.level }, .text("audience") { $0.audience },
        .text("mentees", "their number") { $0.mentees }, .text("mentee_names", "named with consent") { $0.menteeNames },
        .texts("results") { $0.results }, .flag("has_results") { !$0.results.isEmpty }, .text("summary") { $0.summary },
        .list("tags") { $0.tags }, .text("cover") { $0.cover }, .text("cover_alt") { $0.coverAlt },
        .model("cover_image") { $0.coverImage },
        .text("mentor_name", "on the case's own page") { $0.mentorName }, .text("mentor_href") { $0.mentorHref },
        .text("program_title", "on the case's own page") { $0.programTitle }, .text("program_href") { $0.programHref },
    ])
}

struct CasePage: TemplateModel {
    var card: CaseCard
    var bodyHTML: String
    static let fields = Fields<CasePage>([.model("case") { $0.card }, .html("body_html") { $0.bodyHTML }])
}

struct MentorsPage: TemplateModel {
    var mentors: [MentorCard]
    var pagination: Pagination?
    static let fields = Fields<MentorsPage>([.list("mentors") { $0.mentors }, .model("pagination") { $0.pagination }])
}

struct MentorCard: TemplateModel {
    @Prose var name: String
    var href: String
    @Prose var position: String
    @Prose var organization: String
    @Prose var form: String
    @Prose var experience: String
    @Prose var mentees: String
    @ProseList var awards: [String]
    var photo: String
    @Prose var photoAlt: String
    var photoImage: PictureModel?
    /// A bank's mentor: competition awards.
    var badges: [Titled] = []

    static let fields = Fields<MentorCard>([
        .text("name") { $0.name }, .text("href") { $0.href }, .text("position") { $0.position },
        .text("organization") { $0.organization }, .text("form") { $0.form }, .text("experience", "«12 лет»") { $0.experience },
        .text("mentees") { $0.mentees }, .texts("awards") { $0.awards }, .flag("has_awards") { !$0.awards.isEmpty },
        .text("photo") { $0.photo }, .text("photo_alt") { $0.photoAlt }, .model("photo_image") { $0.photoImage },
        .list("badges", "in a bank: the mentor's competition awards") { $0.badges },
    ])
}

struct MentorPage<Card: TemplateModel>: TemplateModel {
    var mentor: MentorCard
    var cases: [Card]
    var bodyHTML: String
    static var fields: Fields<MentorPage<Card>> {
        .once {
            Fields([.model("mentor") { $0.mentor }, .list("cases", "case cards (practice cards in a bank)") { $0.cases },
                    .html("body_html") { $0.bodyHTML }])
        }
    }
    static var modelName: String { "MentorPage" }
}

struct NewsListPage: TemplateModel {
    var news: [NewsCard]
    var pagination: Pagination?
    static let fields = Fields<NewsListPage>([.list("news") { $0.news }, .model("pagination") { $0.pagination }])
}

struct NewsCard: TemplateModel {
    @Prose var title: String
    var href: String
    @Prose var date: String
    var datetime: String
    @Prose var summary: String
    var tags: [Titled]
    var cover: String
    @Prose var coverAlt: String
    var draft: Bool
    var coverImage: PictureModel?

    static let fields = Fields<NewsCard>([
        .text("title") { $0.title }, .text("href") { $0.href }, .text("date", "«3 марта 2026 г.»") { $0.date },
        .text("datetime", "ISO") { $0.datetime }, .text("summary") { $0.summary }, .list("tags") { $0.tags },
        .text("cover") { $0.cover }, .text("cover_alt") { $0.coverAlt }, .flag("draft", "shown by `serve --drafts`") { $0.draft },
        .model("cover_image") { $0.coverImage },
    ])
}

struct NewsPage: TemplateModel {
    var news: NewsCard
    var bodyHTML: String
    static let fields = Fields<NewsPage>([.model("news") { $0.news }, .html("body_html") { $0.bodyHTML }])
}

struct PartnersPage: TemplateModel {
    var partners: [PartnerItem]
    static let fields = Fields<PartnersPage>([.list("partners") { $0.partners }])
}

struct PartnerItem: TemplateModel {
    @Prose var name: String
    @Prose var kind: String
    var url: String
    @Prose var mentors: String
    @Prose var agreement: String
    @Prose var description: String

    static let fields = Fields<PartnerItem>([
        .text("name") { $0.name }, .text("kind") { $0.kind }, .text("url") { $0.url },
        .text("mentors", "mentors it provides") { $0.mentors }, .text("agreement", "«№ 5 от 1 сентября 2025 г.»") { $0.agreement },
        .text("description") { $0.description },
    ])
}

struct TextPage: TemplateModel {
    var bodyHTML: String
    static let fields = Fields<TextPage>([.html("body_html") { $0.bodyHTML }])
    static var modelName: String { "Page" }
}

struct SectionsPage: TemplateModel {
    var sections: [SectionLink]
    static let fields = Fields<SectionsPage>([.list("sections") { $0.sections }])
}

struct EventsPage: TemplateModel {
    var upcoming: [EventCard]
    var past: [EventCard]
    static let fields = Fields<EventsPage>([
        .list("upcoming", "events not over yet, soonest first") { $0.upcoming },
        .list("past", "events that took place, latest first") { $0.past },
    ])
}

struct EventCard: TemplateModel {
    @Prose var title: String
    var href: String
    @Prose var dates: String
    var datetime: String
    var endDatetime: String
    @Prose var time: String
    @Prose var place: String
    @Prose var audience: String
    @Prose var form: String
    var registration: String
    @Prose var summary: String
    var upcoming: Bool
    var draft: Bool
    var cover: String
    @Prose var coverAlt: String
    var coverImage: PictureModel?

    static let fields = Fields<EventCard>([
        .text("title") { $0.title }, .text("href") { $0.href },
        .text("dates", "«10 декабря 2026 г.», «10–12 декабря 2026 г.»") { $0.dates },
        .text("datetime", "the first day, ISO, for `<time datetime>`") { $0.datetime },
        .text("end_datetime", "the last day of a longer event, ISO") { $0.endDatetime },
        .text("time", "as written: «15:00–16:30»") { $0.time }, .text("place") { $0.place },
        .text("audience") { $0.audience }, .text("form", "the mentoring form") { $0.form },
        .text("registration", "where to sign up") { $0.registration }, .text("summary") { $0.summary },
        .flag("upcoming", "not over yet on the build date") { $0.upcoming },
        .flag("draft", "shown by `serve --drafts`") { $0.draft },
        .text("cover") { $0.cover }, .text("cover_alt") { $0.coverAlt }, .model("cover_image") { $0.coverImage },
    ])
}

struct EventPage: TemplateModel {
    var event: EventCard
    var bodyHTML: String
    static let fields = Fields<EventPage>([.model("event") { $0.event }, .html("body_html") { $0.bodyHTML }])
}
