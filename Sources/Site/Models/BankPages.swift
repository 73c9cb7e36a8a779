import Theme

struct BankHomePage: TemplateModel {
    var bodyHTML: String
    var practicesCount: Int
    var schoolsCount: Int
    var municipalitiesCount: Int
    var mentorsCount: Int
    @Prose var practicesLabel: String
    @Prose var schoolsLabel: String
    @Prose var municipalitiesLabel: String
    @Prose var mentorsLabel: String
    var otherRegions: [PracticeCard]
    var reviewed: Bool
    @Prose var reviewNote: String
    var latest: [PracticeCard]
    var facetGroups: [FacetGroup]
    var hasRollups: Bool
    @Prose var territoryGenitive: String
    @Prose var territoryTitle: String
    var indicators: [LatestIndicator]

    static let fields = Fields<BankHomePage>([
        .html("body_html", "`index.md`") { $0.bodyHTML },
        .number("practices_count") { $0.practicesCount }, .number("schools_count") { $0.schoolsCount },
        .number("municipalities_count") { $0.municipalitiesCount }, .number("mentors_count") { $0.mentorsCount },
        .text("practices_label", "the noun agreeing with the number: «4 практики»") { $0.practicesLabel },
        .text("schools_label") { $0.schoolsLabel }, .text("municipalities_label") { $0.municipalitiesLabel },
        .text("mentors_label") { $0.mentorsLabel },
        .list("latest", "the six newest practices") { $0.latest },
        .list("other_regions", "practices of organisations from other regions") { $0.otherRegions },
        .flag("reviewed", "the centre publishes expert decisions (`reviews.yml`)") { $0.reviewed },
        .text("review_note", "how the practices were selected") { $0.reviewNote },
        .list("facet_groups") { $0.facetGroups }, .flag("has_rollups") { $0.hasRollups },
        .text("territory_genitive", "«региона» or «муниципалитета»") { $0.territoryGenitive },
        .text("territory_title", "«Регион» or «Муниципалитет»") { $0.territoryTitle },
        .list("indicators", "each roll-up's latest year") { $0.indicators },
    ])
}

struct PracticesPage: TemplateModel {
    var practices: [PracticeCard]
    var count: Int
    var filtered: Bool
    @Prose var countLabel: String
    var facetGroups: [FacetGroup]
    var pagination: Pagination?
    var filterOptions: [FilterOption]

    static let fields = Fields<PracticesPage>([
        .list("practices") { $0.practices }, .number("count") { $0.count },
        .text("count_label", "«Найдено 4 практики», «Практик не найдено»") { $0.countLabel },
        .flag("filtered") { $0.filtered }, .list("facet_groups") { $0.facetGroups }, .model("pagination") { $0.pagination },
        .list("filter_options", "the fields of the script filter; the script fills in the choices from `practices.json`") { $0.filterOptions },
    ])
}

struct FilterOption: TemplateModel {
    @Prose var title: String
    var key: String
    static let fields = Fields<FilterOption>([.text("title") { $0.title }, .text("key", "the field in `practices.json`") { $0.key }])
}

struct PracticeCard: TemplateModel {
    @Prose var title: String
    var href: String
    @Prose var organization: String
    var organizationHref: String
    @Prose var municipality: String
    @Prose var form: String
    @Prose var roleModel: String
    var level: String
    @Prose var audience: String
    @Prose var period: String
    @Prose var year: String
    @ProseList var results: [String]
    @Prose var summary: String
    @Prose var curator: String
    @Prose var mentees: String
    var tags: [Titled]
    var cover: String
    @Prose var coverAlt: String
    var coverImage: PictureModel?
    var badges: [Titled]
    @Prose var mentorName = ""
    var mentorHref = ""
    @Prose var programTitle = ""
    var programHref = ""

    static let fields = Fields<PracticeCard>([
        .text("title") { $0.title }, .text("href") { $0.href }, .text("organization") { $0.organization },
        .text("organization_href") { $0.organizationHref }, .text("municipality") { $0.municipality },
        .text("form") { $0.form }, .text("role_model") { $0.roleModel }, .text("level") { $0.level },
        .text("audience") { $0.audience }, .text("period") { $0.period }, .text("year") { $0.year },
        .texts("results") { $0.results }, .flag("has_results") { !$0.results.isEmpty }, .text("summary") { $0.summary },
        .text("curator", "the school's first curator with a name") { $0.curator }, .text("mentees") { $0.mentees },
        .list("tags") { $0.tags }, .text("cover") { $0.cover }, .text("cover_alt") { $0.coverAlt },
        .model("cover_image") { $0.coverImage },
        .list("badges", "competition awards: «1 место: Лучшая практика — 2025, номинация «…»»") { $0.badges },
        .text("mentor_name", "on the practice's own page") { $0.mentorName }, .text("mentor_href") { $0.mentorHref },
        .text("program_title", "on the practice's own page") { $0.programTitle },
        .text("program_href", "the programme in «База программ»") { $0.programHref },
    ])
}

struct PracticePage: TemplateModel {
    var practice: PracticeCard
    var bodyHTML: String
    static let fields = Fields<PracticePage>([.model("practice") { $0.practice }, .html("body_html") { $0.bodyHTML }])
}

struct SchoolsPage: TemplateModel {
    var schools: [SchoolItem]
    static let fields = Fields<SchoolsPage>([.list("schools") { $0.schools }])
}

struct SchoolItem: TemplateModel {
    @Prose var name: String
    @Prose var fullName: String
    var href: String
    @Prose var municipality: String
    var practices: Int
    var url: String
    var mentoringURL: String

    static let fields = Fields<SchoolItem>([
        .text("name") { $0.name }, .text("full_name") { $0.fullName }, .text("href") { $0.href },
        .text("municipality") { $0.municipality }, .number("practices", "their number") { $0.practices },
        .text("url", "the organisation's site") { $0.url }, .text("mentoring_url", "its mentoring page") { $0.mentoringURL },
    ])
}

struct SchoolPage: TemplateModel {
    var school: SchoolItem
    var curator: SchoolCurator?
    var practices: [PracticeCard]
    var indicators: [IndicatorModel]

    static let fields = Fields<SchoolPage>([
        .model("school") { $0.school }, .model("curator") { $0.curator },
        .list("practices") { $0.practices }, .list("indicators", "as on `indicators`") { $0.indicators },
    ])
}

struct SchoolCurator: TemplateModel {
    @Prose var name: String
    @Prose var position: String
    var email: String
    var phone: String
    static let fields = Fields<SchoolCurator>([
        .text("name", "the role for a role-only entry") { $0.name }, .text("position") { $0.position },
        .text("email") { $0.email }, .text("phone") { $0.phone },
    ])
}

struct CompetitionsPage: TemplateModel {
    var competitions: [CompetitionModel]
    static let fields = Fields<CompetitionsPage>([.list("competitions") { $0.competitions }])
}

struct CompetitionModel: TemplateModel {
    @Prose var title: String
    @Prose var year: String
    var nominations: [NominationModel]
    static let fields = Fields<CompetitionModel>([
        .text("title") { $0.title }, .text("year", "absent when the title already says it") { $0.year },
        .list("nominations") { $0.nominations },
    ])
}

struct NominationModel: TemplateModel {
    @Prose var title: String
    var winners: [WinnerModel]
    static let fields = Fields<NominationModel>([.text("title") { $0.title }, .list("winners") { $0.winners }])
}

struct WinnerModel: TemplateModel {
    @Prose var place: String
    @Prose var title: String
    var href = ""
    static let fields = Fields<WinnerModel>([
        .text("place", "«1 место» or «победитель»") { $0.place }, .text("title", "the practice or the mentor") { $0.title },
        .text("href", "its page in the bank") { $0.href },
    ])
}

struct RollupPage: TemplateModel {
    @Prose var territory: String
    var indicators: [IndicatorModel]
    var csvHref: String
    @Prose var territoryGenitive: String
    @Prose var territoryTitle: String

    static let fields = Fields<RollupPage>([
        .text("territory") { $0.territory }, .list("indicators", "as on `indicators`, with the roll-up's fields") { $0.indicators },
        .text("csv_href", "the figures as CSV") { $0.csvHref },
        .text("territory_genitive") { $0.territoryGenitive },
        .text("territory_title", "the caption of the total row: «Регион», or «Муниципалитет» for a municipal office's bank") { $0.territoryTitle },
    ])
}
