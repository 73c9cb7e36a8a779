/// A Markdown body with where it starts in its file, so links and names found in it
/// can be reported at their own line.
public struct MarkdownBody: Sendable, Hashable, Codable {
    /// The text, held as kept bytes until it is first read when the entry was kept from the
    /// last build (`DeferredText`).
    private var storage: DeferredText
    public var text: String {
        get { storage.string }
        set {
            storage = DeferredText(newValue)
            digest = StableHasher.of(newValue)
        }
    }
    /// 1-based line of the body's first line in the file.
    public var firstLine: Int
    /// Of the text, made once when it is read: the search index keys its entries by it.
    public private(set) var digest: Fingerprint

    public init(text: String, firstLine: Int) {
        storage = DeferredText(text)
        self.firstLine = firstLine
        digest = StableHasher.of(text)
    }

    public var isEmpty: Bool { text.allSatisfy(\.isWhitespace) }

    public static func == (a: MarkdownBody, b: MarkdownBody) -> Bool {
        a.firstLine == b.firstLine && a.digest == b.digest && (a.storage === b.storage || a.text == b.text)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(firstLine)
        hasher.combine(digest)
    }

    private enum CodingKeys: String, CodingKey { case text, firstLine, digest }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        storage = try container.decode(DeferredText.self, forKey: .text)
        firstLine = try container.decode(Int.self, forKey: .firstLine)
        digest = try container.decode(Fingerprint.self, forKey: .digest)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(storage, forKey: .text)
        try container.encode(firstLine, forKey: .firstLine)
        try container.encode(digest, forKey: .digest)
    }
}

/// A document's approval: «утверждена приказом от 30.08.2024 № 112-о».
public struct Approval: Sendable, Hashable, Codable {
    public var type: DocumentType
    public var number: String
    public var date: DayDate

    public init(type: DocumentType, number: String, date: DayDate) {
        self.type = type
        self.number = number
        self.date = date
    }

    /// `приказом от 30.08.2024 № 112-о`
    public var russian: String { "\(type.instrumental) от \(date.russian) № \(number)" }
}

/// An image in the content folder with its alternative text (required, see the privacy rules).
public struct Picture: Sendable, Hashable, Codable {
    /// Path relative to the content folder, e.g. `images/robot.jpg`.
    public var path: String
    public var alt: String

    public init(path: String, alt: String) {
        self.path = path
        self.alt = alt
    }
}

public enum DocumentSource: Sendable, Hashable, Codable {
    /// A file in the content folder (relative path), with its format and size in bytes.
    case file(path: String, format: DocumentFileFormat, size: Int)
    case url(String)
}

public struct NormativeDocument: Sendable, Hashable, Codable {
    /// Empty when the source cites the act without its title.
    public var title: String
    public var level: DocumentLevel
    public var type: DocumentType
    /// In the nominative, as the act's heading has it: «Министерство образования Кировской области».
    public var issuer: String?
    /// The issuer as it stands after the type («Распоряжение министерства образования …»), given by
    /// the school: names are never declined by guessing.
    public var issuerGenitive: String?
    /// The act's own number and date; a положение approved by a приказ has neither.
    public var number: String?
    public var date: DayDate?
    /// «утверждено приказом от 10.09.2020 № 45».
    public var approved: Approval?
    public var source: DocumentSource?
    public var origin: SourceRef

    public init(title: String, level: DocumentLevel, type: DocumentType, issuer: String?, issuerGenitive: String? = nil,
                number: String?, date: DayDate?, approved: Approval? = nil, source: DocumentSource?, origin: SourceRef) {
        self.title = title
        self.level = level
        self.type = type
        self.issuer = issuer
        self.issuerGenitive = issuerGenitive
        self.number = number
        self.date = date
        self.approved = approved
        self.source = source
        self.origin = origin
    }

    /// The date to sort by: the act's own, else its approval's.
    public var effectiveDate: DayDate? { date ?? approved?.date }

    /// As bibliographic records cite acts, without declining anyone's name:
    /// «Распоряжение Минпросвещения России от 25.12.2019 № Р-145 «Об утверждении …»» (with
    /// `issuer_genitive`), «Министерство образования Кировской области. Распоряжение от 05.11.2020
    /// № 1394» (with `issuer` only), «Положение «О наставничестве» (утверждено приказом от … № …)».
    public var citation: String {
        var s = ""
        // v1 content wrote the issuer inline («министерства образования …»): a lower-case
        // start marks it as already in the right case.
        let inline = issuerGenitive ?? issuer.flatMap { $0.first?.isLowercase == true ? $0 : nil }
        if let genitive = inline, !genitive.isEmpty {
            s = type.title + " " + genitive
        } else if let issuer, !issuer.isEmpty {
            s = issuer + (issuer.hasSuffix(".") ? " " : ". ") + type.title
        } else {
            s = type.title
        }
        if let date { s += " от \(date.russian)" }
        if let number { s += " № \(number)" }
        if !title.isEmpty { s += " «\(title)»" }
        if let approved { s += " (\(type.approvedWord) \(approved.russian))" }
        return s
    }
}

public struct Program: Sendable, Hashable, Codable {
    public var slug: String
    public var title: String
    public var period: DateRange?
    public var forms: [MentoringForm]
    public var approved: Approval?
    public var goals: [String]
    public var tasks: [String]
    public var expectedResults: [String]
    public var body: MarkdownBody
    public var origin: SourceRef

    public init(slug: String, title: String, period: DateRange?, forms: [MentoringForm], approved: Approval?,
                goals: [String], tasks: [String], expectedResults: [String], body: MarkdownBody, origin: SourceRef) {
        self.slug = slug
        self.title = title
        self.period = period
        self.forms = forms
        self.approved = approved
        self.goals = goals
        self.tasks = tasks
        self.expectedResults = expectedResults
        self.body = body
        self.origin = origin
    }
}

/// Who mentored in a case: a mentor page of this site, or a named person with consent.
public enum CaseMentor: Sendable, Hashable, Codable {
    case page(slug: String)
    case person(name: String, consent: DayDate)
}

/// When a case ran: a period, or just a school year's calendar year.
public enum CasePeriod: Sendable, Hashable, Codable {
    case range(DateRange)
    case year(Int)

    public var years: ClosedRange<Int> {
        switch self {
        case .range(let r): return r.from.year...r.to.year
        case .year(let y): return y...y
        }
    }

    /// The year a case is filed under in facets: the year it ended.
    public var year: Int { years.upperBound }

    /// The days it covers; a year stands for the whole year.
    public var range: DateRange {
        switch self {
        case .range(let r): return r
        case .year(let y): return DateRange(from: DayDate(year: y, month: 1, day: 1)!, to: DayDate(year: y, month: 12, day: 31)!)
        }
    }

    public func overlaps(_ other: CasePeriod) -> Bool {
        range.from <= other.range.to && other.range.from <= range.to
    }

    public var russian: String {
        switch self {
        case .range(let r): return r.russian
        case .year(let y): return "\(y) г."
        }
    }
}

public struct MentoringCase: Sendable, Hashable, Codable {
    public var slug: String
    public var title: String
    public var form: MentoringForm
    /// Canonical spelling when known, the editor's text otherwise.
    public var roleModel: String?
    public var program: String?
    public var period: CasePeriod?
    public var level: EducationLevel?
    public var audience: String?
    public var mentor: CaseMentor?
    public var mentees: Int?
    /// Adult mentees named with their consent (young teachers, employees): never children.
    public var namedMentees: [String] = []
    /// Where `mentees` is written, for messages about the number.
    public var menteesRef: SourceRef?
    public var results: [String]
    public var tags: [String]
    public var summary: String?
    public var cover: Picture?
    public var body: MarkdownBody
    public var origin: SourceRef

    public init(slug: String, title: String, form: MentoringForm, roleModel: String?, program: String?,
                period: CasePeriod?, level: EducationLevel?, audience: String?, mentor: CaseMentor?,
                mentees: Int?, results: [String], tags: [String], summary: String?, cover: Picture?,
                body: MarkdownBody, origin: SourceRef) {
        self.slug = slug
        self.title = title
        self.form = form
        self.roleModel = roleModel
        self.program = program
        self.period = period
        self.level = level
        self.audience = audience
        self.mentor = mentor
        self.mentees = mentees
        self.results = results
        self.tags = tags
        self.summary = summary
        self.cover = cover
        self.body = body
        self.origin = origin
    }
}

public struct Mentor: Sendable, Hashable, Codable {
    /// At most three mentees at a time (положение о наставничестве, п. 2.5).
    public static let maxMentees = 3
    /// Where `mentees` is written, for messages about the number.
    public var menteesRef: SourceRef?

    public var slug: String
    public var name: String
    public var position: String?
    public var organization: String?
    public var form: MentoringForm?
    public var experienceYears: Int?
    public var mentees: Int?
    public var awards: [String]
    public var photo: Picture?
    public var consent: DayDate
    public var minor: Bool
    public var guardianConsent: DayDate?
    public var body: MarkdownBody
    public var origin: SourceRef

    public init(slug: String, name: String, position: String?, organization: String?, form: MentoringForm?,
                experienceYears: Int?, mentees: Int?, awards: [String], photo: Picture?, consent: DayDate,
                minor: Bool, guardianConsent: DayDate?, body: MarkdownBody, origin: SourceRef) {
        self.slug = slug
        self.name = name
        self.position = position
        self.organization = organization
        self.form = form
        self.experienceYears = experienceYears
        self.mentees = mentees
        self.awards = awards
        self.photo = photo
        self.consent = consent
        self.minor = minor
        self.guardianConsent = guardianConsent
        self.body = body
        self.origin = origin
    }
}

public struct NewsItem: Sendable, Hashable, Codable {
    public var slug: String
    public var title: String
    public var date: DayDate
    public var summary: String?
    public var cover: Picture?
    public var tags: [String]
    public var draft: Bool
    public var body: MarkdownBody
    public var origin: SourceRef

    public init(slug: String, title: String, date: DayDate, summary: String?, cover: Picture?, tags: [String],
                draft: Bool, body: MarkdownBody, origin: SourceRef) {
        self.slug = slug
        self.title = title
        self.date = date
        self.summary = summary
        self.cover = cover
        self.tags = tags
        self.draft = draft
        self.body = body
        self.origin = origin
    }
}

public struct Partner: Sendable, Hashable, Codable {
    public var name: String
    public var kind: PartnerKind
    public var agreementNumber: String?
    public var agreementDate: DayDate?
    public var url: String?
    public var mentors: Int?
    public var description: String?
    public var origin: SourceRef

    public init(name: String, kind: PartnerKind, agreementNumber: String?, agreementDate: DayDate?, url: String?,
                mentors: Int?, description: String?, origin: SourceRef) {
        self.name = name
        self.kind = kind
        self.agreementNumber = agreementNumber
        self.agreementDate = agreementDate
        self.url = url
        self.mentors = mentors
        self.description = description
        self.origin = origin
    }
}

public struct Page: Sendable, Hashable, Codable {
    public var slug: String
    public var title: String
    public var weight: Int
    public var body: MarkdownBody
    public var origin: SourceRef

    public init(slug: String, title: String, weight: Int, body: MarkdownBody, origin: SourceRef) {
        self.slug = slug
        self.title = title
        self.weight = weight
        self.body = body
        self.origin = origin
    }
}

/// The main page's own text (index.md); everything else on it is drawn from the model.
public struct HomePage: Sendable, Hashable, Codable {
    public var title: String?
    public var body: MarkdownBody
    public var origin: SourceRef

    public init(title: String?, body: MarkdownBody, origin: SourceRef) {
        self.title = title
        self.body = body
        self.origin = origin
    }
}
