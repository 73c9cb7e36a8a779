/// A mentoring event the school announces or reports (events/<slug>.md): a seminar, a
/// meeting of a school of young teachers, a competition, an open lesson.
public struct Event: Sendable, Hashable, Codable {
    public var slug: String
    public var title: String
    /// The first day; `end` is the last one of an event that lasts several days.
    public var date: DayDate
    public var end: DayDate?
    /// As written: «15:00», «15:00–16:30».
    public var time: String?
    public var place: String?
    public var audience: String?
    public var form: MentoringForm?
    /// Where to sign up (http or https).
    public var registration: String?
    public var summary: String?
    public var cover: Picture?
    public var draft: Bool
    public var body: MarkdownBody
    public var origin: SourceRef

    public init(slug: String, title: String, date: DayDate, end: DayDate? = nil, time: String? = nil, place: String? = nil,
                audience: String? = nil, form: MentoringForm? = nil, registration: String? = nil, summary: String? = nil,
                cover: Picture? = nil, draft: Bool = false, body: MarkdownBody, origin: SourceRef) {
        self.slug = slug
        self.title = title
        self.date = date
        self.end = end
        self.time = time
        self.place = place
        self.audience = audience
        self.form = form
        self.registration = registration
        self.summary = summary
        self.cover = cover
        self.draft = draft
        self.body = body
        self.origin = origin
    }

    /// «10 декабря 2026 г.», «10–12 декабря 2026 г.», «30 ноября – 2 декабря 2026 г.».
    public var russianDates: String {
        guard let end, end != date else { return date.russianLong }
        let months = RussianMonths.genitive
        if end.year == date.year, end.month == date.month {
            return "\(date.day)–\(end.day) \(months[date.month - 1]) \(date.year) г."
        }
        if end.year == date.year {
            return "\(date.day) \(months[date.month - 1]) – \(end.day) \(months[end.month - 1]) \(date.year) г."
        }
        return "\(date.russianLong) – \(end.russianLong)"
    }

    /// Not over yet on `today`: its last day is today or later.
    public func isUpcoming(on today: DayDate) -> Bool { (end ?? date) >= today }
}
