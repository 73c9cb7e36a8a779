public struct Organization: Sendable, Hashable, Codable {
    public var name: String
    public var shortName: String?
    public var kind: OrganizationKind
    public var region: String?
    public var municipality: String?
    public var url: String?

    public init(name: String, shortName: String? = nil, kind: OrganizationKind, region: String? = nil,
                municipality: String? = nil, url: String? = nil) {
        self.name = name
        self.shortName = shortName
        self.kind = kind
        self.region = region
        self.municipality = municipality
        self.url = url
    }

    public var displayName: String { shortName ?? name }
}

/// A named adult shown on the site (a curator, a responsible person). Publishing a name needs
/// a recorded consent (152-ФЗ); an entry may instead give only the role and position.
public struct Curator: Sendable, Hashable, Codable {
    /// Empty for a role-only entry («муниципальный куратор», position, contacts).
    public var name: String
    /// «муниципальный куратор», «ответственный за внедрение целевой модели»: shown before the name.
    public var role: String?
    public var position: String?
    public var phone: String?
    public var email: String?
    public var hours: String?
    public var consent: DayDate
    public var photo: String?
    public var photoAlt: String?

    public init(name: String, role: String? = nil, position: String? = nil, phone: String? = nil, email: String? = nil,
                hours: String? = nil, consent: DayDate, photo: String? = nil, photoAlt: String? = nil) {
        self.name = name
        self.role = role
        self.position = position
        self.phone = phone
        self.email = email
        self.hours = hours
        self.consent = consent
        self.photo = photo
        self.photoAlt = photoAlt
    }
}

public struct SiteSettings: Sendable, Hashable, Codable {
    public var title: String
    public var organization: Organization
    /// Absolute URL of the site, possibly with a path (`https://x.ru/nastavnichestvo/`); always ends with `/`.
    public var baseURL: String?
    /// The first curator, for themes written for one.
    public var curator: Curator? { curators.first }
    /// Curators (school, municipal, regional): on the main page and in every page's footer.
    public var curators: [Curator]
    /// Responsible persons («ответственный за внедрение целевой модели»).
    public var responsible: [Curator] = []
    /// `limits: { mentees_per_mentor: N }`: the school's положение may set another maximum.
    public var menteesPerMentor = 3
    public var modelAdopted: DayDate?
    public var theme: String
    public var kind: SiteKind
    public var unsafeHTML: Bool
    /// Bank only: globs of school content folders, relative to site.yml.
    public var sources: [String]
    /// Where `sources` is written, for messages about the folders it names.
    public var sourcesOrigin: SourceRef?
    /// site.yml itself, for messages about the site as a whole.
    public var origin: SourceRef?
    /// `images: { keep_original: true }`: pictures keep their full size (still cleaned).
    public var keepOriginalImages = false
    /// `sources_outside: true`: school folders outside the bank's folder are read (reported).
    public var sourcesOutside = false
    public var newsPerPage: Int
    public var description: String?

    public init(title: String, organization: Organization, baseURL: String? = nil, curator: Curator? = nil,
                modelAdopted: DayDate? = nil, theme: String = "default", kind: SiteKind = .site,
                unsafeHTML: Bool = false, sources: [String] = [], newsPerPage: Int = 10, description: String? = nil) {
        self.title = title
        self.organization = organization
        self.baseURL = baseURL
        self.curators = curator.map { [$0] } ?? []
        self.modelAdopted = modelAdopted
        self.theme = theme
        self.kind = kind
        self.unsafeHTML = unsafeHTML
        self.sources = sources
        self.newsPerPage = newsPerPage
        self.description = description
    }
}
