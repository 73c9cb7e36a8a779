/// The regional bank of best practices: the schools whose content folders the centre
/// received, each loaded and checked on its own.
public struct BankSchool: Sendable, Codable {
    /// Stable address part: `school-7` for `schools/school-7/content`.
    public var id: String
    /// The content folder as shown in messages: `content/schools/school-7/content`.
    public var folder: String
    /// Nil when the school is left out because of errors.
    public var content: SiteContent?
    /// Everything said about this school's content, errors and warnings.
    public var diagnostics: [Diagnostic]
    /// The school's site.yml when it could be read, kept for the report even when the school is left out.
    public var settings: SiteSettings?

    public init(id: String, folder: String, content: SiteContent?, diagnostics: [Diagnostic], settings: SiteSettings? = nil) {
        self.id = id
        self.folder = folder
        self.content = content
        self.diagnostics = diagnostics
        self.settings = settings ?? content?.settings
    }

    public var excluded: Bool { content == nil }
    public var name: String { settings?.organization.displayName ?? id }
    public var fullName: String { settings?.organization.name ?? id }
    public var municipality: String? { settings?.organization.municipality }
}

/// One case of one school, as a card of the bank.
public struct Practice: Sendable, Hashable, Codable {
    public var school: Int
    public var caseIndex: Int
    /// The case itself: a practice always has one, while its school's content is optional
    /// (a school left out for errors has none).
    public var entry: MentoringCase

    public init(school: Int, caseIndex: Int, entry: MentoringCase) {
        self.school = school
        self.caseIndex = caseIndex
        self.entry = entry
    }
}

/// The centre's decision on one submitted practice (`review.yml`).
public struct ReviewDecision: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case selected, candidate, rejected

        public var title: String {
            switch self {
            case .selected: return "отобрана"
            case .candidate: return "на рассмотрении"
            case .rejected: return "отклонена"
            }
        }
    }

    public var status: Status
    public var score: Int?
    public var comment: String?
    public var competition: String?

    public init(status: Status, score: Int? = nil, comment: String? = nil, competition: String? = nil) {
        self.status = status
        self.score = score
        self.comment = comment
        self.competition = competition
    }
}

/// A competition of the regional centre («Лучший наставник», «Лучшая практика»), from
/// `competitions.yml`: nominations and their winners, by practice or mentor.
public struct Competition: Sendable, Hashable, Codable {
    public struct Winner: Sendable, Hashable, Codable {
        /// `<school>/<case slug>` or `<school>/<mentor slug>`.
        public var practice: String?
        public var mentor: String?
        public var place: Int?

        public init(practice: String?, mentor: String?, place: Int?) {
            self.practice = practice
            self.mentor = mentor
            self.place = place
        }
    }

    public struct Nomination: Sendable, Hashable, Codable {
        public var title: String
        public var winners: [Winner]

        public init(title: String, winners: [Winner]) {
            self.title = title
            self.winners = winners
        }
    }

    public var title: String
    public var year: Int?
    public var nominations: [Nomination]

    public init(title: String, year: Int?, nominations: [Nomination]) {
        self.title = title
        self.year = year
        self.nominations = nominations
    }
}

public struct Bank: Sendable, Codable {
    public var schools: [BankSchool]
    /// Every published practice, in source order; duplicates already left out, and with a
    /// `review.yml` only the selected ones.
    public var practices: [Practice]
    /// Schools of another region than the bank's: shown apart, never in its roll-ups.
    public var otherRegion: Set<Int> = []
    /// `review.yml`'s decisions by `<school>/<case slug>`; nil when the bank has none.
    public var reviews: [String: ReviewDecision]?
    /// `competitions.yml`.
    public var competitions: [Competition] = []

    public init(schools: [BankSchool], practices: [Practice]) {
        self.schools = schools
        self.practices = practices
    }

    /// The key `review.yml` names a practice by: the school's folder id and the case's slug.
    public func reviewKey(_ p: Practice) -> String { schools[p.school].id + "/" + mentoringCase(p).slug }

    public func mentoringCase(_ p: Practice) -> MentoringCase { p.entry }

    /// Where a school's municipality is not given.
    public static let unknownMunicipality = "Муниципалитет не указан"
}

/// An indicator summed over schools: numerators and denominators are added, never
/// percentages averaged.
public struct IndicatorRollup: Sendable, Codable {
    public var id: String
    public var title: String
    /// Sums per monitoring period: only counts of the same period are added up.
    public var region: [MonitoringPeriod: IndicatorCount]
    public var municipalities: [String: [MonitoringPeriod: IndicatorCount]]
    /// How many organisations reported each period, in the whole territory and per municipality.
    public var schools: [MonitoringPeriod: Int]
    public var reporting: [String: [MonitoringPeriod: Int]] = [:]
    /// The bank's own targets (its indicators.yml).
    public var targets: [Int: Double]

    public var periods: [MonitoringPeriod] {
        Set(region.keys).union(targets.keys.filter { year in !region.keys.contains { $0.year == year } }.map { MonitoringPeriod(year: $0) }).sorted()
    }

    /// The region as an `Indicator`, for the same table and chart as a school's.
    public var asIndicator: Indicator {
        Indicator(id: id, title: title, targets: targets, monitorings: region, origin: SourceRef(file: ""))
    }

    /// - Parameter skipping: schools left out of the sums (another region's).
    public static func rollUp(_ schools: [BankSchool], targets: IndicatorSet?, skipping: Set<Int> = []) -> [IndicatorRollup] {
        var byID: [String: IndicatorRollup] = [:]
        var order: [String] = []
        func entry(_ id: String, _ title: String) -> IndicatorRollup {
            if let found = byID[id] { return found }
            order.append(id)
            return IndicatorRollup(id: id, title: title, region: [:], municipalities: [:], schools: [:], reporting: [:], targets: [:])
        }
        for indicator in targets?.indicators ?? [] {
            var r = entry(indicator.id, indicator.title)
            r.targets = indicator.targets
            byID[indicator.id] = r
        }
        for (index, school) in schools.enumerated() where !skipping.contains(index) {
            guard let set = school.content?.indicators else { continue }
            let municipality = school.municipality ?? Bank.unknownMunicipality
            for indicator in set.indicators where !indicator.monitorings.isEmpty {
                var r = entry(indicator.id, indicator.title)
                for (period, count) in indicator.monitorings {
                    r.region[period, default: .zero] = r.region[period, default: .zero] + count
                    r.municipalities[municipality, default: [:]][period, default: .zero] =
                        r.municipalities[municipality, default: [:]][period, default: .zero] + count
                    r.schools[period, default: 0] += 1
                    r.reporting[municipality, default: [:]][period, default: 0] += 1
                }
                byID[indicator.id] = r
            }
        }
        // Built-in indicators first, in their standard order; then the rest by id.
        let builtIn = BuiltInIndicator.allCases.map(\.rawValue)
        return order.sorted { a, b in
            let (ia, ib) = (builtIn.firstIndex(of: a) ?? .max, builtIn.firstIndex(of: b) ?? .max)
            return ia != ib ? ia < ib : a < b
        }.compactMap { byID[$0] }.filter { !$0.region.isEmpty || !$0.targets.isEmpty }
    }
}
