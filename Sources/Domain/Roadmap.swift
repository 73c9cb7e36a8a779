public struct YearMonth: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    public var firstDay: DayDate { DayDate(year: year, month: month, day: 1)! }
    public var lastDay: DayDate { DayDate(year: year, month: month, day: DayDate.daysIn(month: month, year: year))! }
    /// `ноябрь 2020 г.`
    public var russian: String { "\(RussianMonths.nominative[month - 1]) \(year) г." }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
}

/// A day of the year without the year: «20 декабря», or a whole month: «август».
public struct YearlyDate: Sendable, Hashable {
    public var month: Int
    public var day: Int?

    public init(month: Int, day: Int?) {
        self.month = month
        self.day = day
    }

    public var russian: String {
        if let day { return "\(day) \(RussianMonths.genitive[month - 1])" }
        return RussianMonths.nominative[month - 1]
    }
}

/// A roadmap deadline as the editor wrote it («Ноябрь–декабрь 2020 г.») and as understood.
public enum RoadmapDeadline: Sendable, Hashable {
    case date(DayDate)
    /// «30.09.2020 30.09.2021 30.09.2022»: one event repeated on several dates.
    case dates([DayDate])
    case month(YearMonth)
    case monthRange(YearMonth, YearMonth)
    case quarter(year: Int, quarter: Int)
    case yearRange(Int, Int)
    case period(DayDate, DayDate)
    /// «до 10.09.2020»
    case until(DayDate)
    /// «Постоянно»
    case permanent
    /// «В течение всего периода», «в течение учебного года»
    case wholePeriod
    /// «Ежегодно, август», «Ежегодно 20 декабря, 20 июня»
    case yearly([YearlyDate])
    /// «по отдельному графику», «по мере необходимости»
    case onSchedule
    /// Not understood: shown verbatim, with a warning to the editor.
    case unparsed

    /// The last day the event may be done by; nil for recurring and open-ended deadlines.
    public var lastDate: DayDate? {
        switch self {
        case .date(let d), .until(let d): return d
        case .dates(let ds): return ds.max()
        case .month(let m): return m.lastDay
        case .monthRange(_, let to): return to.lastDay
        case .quarter(let y, let q): return YearMonth(year: y, month: q * 3).lastDay
        case .yearRange(_, let to): return DayDate(year: to, month: 12, day: 31)
        case .period(_, let to): return to
        case .permanent, .wholePeriod, .yearly, .onSchedule, .unparsed: return nil
        }
    }

    /// How the page explains what was understood: «до 31.12.2020», «ежегодно: 20 декабря, 20 июня».
    public var russian: String {
        switch self {
        case .date(let d): return d.russian
        case .dates(let ds): return ds.map(\.russian).joined(separator: ", ")
        case .month(let m): return "до \(m.lastDay.russian)"
        case .monthRange(let a, let b): return "\(a.firstDay.russian) – \(b.lastDay.russian)"
        case .quarter(let y, let q):
            return "\(YearMonth(year: y, month: q * 3 - 2).firstDay.russian) – \(YearMonth(year: y, month: q * 3).lastDay.russian)"
        case .yearRange(let a, let b): return "01.01.\(a) – 31.12.\(b)"
        case .period(let a, let b): return "\(a.russian) – \(b.russian)"
        case .until(let d): return "до \(d.russian)"
        case .permanent: return "постоянно"
        case .wholePeriod: return "в течение всего периода"
        case .yearly(let ds): return "ежегодно: " + ds.map(\.russian).joined(separator: ", ")
        case .onSchedule: return "по отдельному графику"
        case .unparsed: return "срок не распознан"
        }
    }

    public var isRecurring: Bool {
        switch self {
        case .yearly, .permanent, .wholePeriod, .dates: return true
        default: return false
        }
    }
}

public struct Deadline: Sendable, Hashable {
    /// Exactly as written in roadmap.yml.
    public var text: String
    public var parsed: RoadmapDeadline

    public init(text: String, parsed: RoadmapDeadline) {
        self.text = text
        self.parsed = parsed
    }
}

public struct RoadmapEvent: Sendable, Hashable {
    public var title: String
    public var due: Deadline?
    public var responsible: [String]
    public var result: String?
    public var status: EventStatus?
    public var origin: SourceRef

    public init(title: String, due: Deadline?, responsible: [String], result: String?, status: EventStatus?,
                origin: SourceRef) {
        self.title = title
        self.due = due
        self.responsible = responsible
        self.result = result
        self.status = status
        self.origin = origin
    }

    /// Overdue as of `today`: its last date has passed and it is not done.
    public func isOverdue(asOf today: DayDate) -> Bool {
        guard status != .done, let last = due?.parsed.lastDate else { return false }
        return last < today
    }
}

public struct RoadmapSection: Sendable, Hashable {
    /// nil for events written at the top level of a roadmap.
    public var title: String?
    public var events: [RoadmapEvent]

    public init(title: String?, events: [RoadmapEvent]) {
        self.title = title
        self.events = events
    }
}

public struct Roadmap: Sendable, Hashable {
    public var title: String
    public var approved: Approval?
    public var sections: [RoadmapSection]
    public var origin: SourceRef

    public init(title: String, approved: Approval?, sections: [RoadmapSection], origin: SourceRef) {
        self.title = title
        self.approved = approved
        self.sections = sections
        self.origin = origin
    }

    public var events: [RoadmapEvent] { sections.flatMap(\.events) }
}
