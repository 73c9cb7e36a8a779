/// Everything one content folder says, checked: the input of the site graph.
public struct SiteContent: Sendable, Equatable, Codable {
    public var settings: SiteSettings
    public var home: HomePage?
    public var documents: [NormativeDocument]
    public var programs: [Program]
    public var roadmaps: [Roadmap]
    public var indicators: IndicatorSet?
    public var cases: [MentoringCase]
    public var mentors: [Mentor]
    public var news: [NewsItem]
    public var partners: [Partner]
    public var pages: [Page]
    public var events: [Event]
    /// Files under files/ and images/ that pages may reference, relative to the content folder.
    public var assets: [String]

    public init(settings: SiteSettings, home: HomePage? = nil, documents: [NormativeDocument] = [],
                programs: [Program] = [], roadmaps: [Roadmap] = [], indicators: IndicatorSet? = nil,
                cases: [MentoringCase] = [], mentors: [Mentor] = [], news: [NewsItem] = [],
                partners: [Partner] = [], pages: [Page] = [], events: [Event] = [], assets: [String] = []) {
        self.settings = settings
        self.home = home
        self.documents = documents
        self.programs = programs
        self.roadmaps = roadmaps
        self.indicators = indicators
        self.cases = cases
        self.mentors = mentors
        self.news = news
        self.partners = partners
        self.pages = pages
        self.events = events
        self.assets = assets
    }
}
