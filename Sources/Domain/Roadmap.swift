public struct YearMonth: Sendable, Hashable, Comparable, Codable {
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
public struct YearlyDate: Sendable, Hashable, Codable {
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
public enum RoadmapDeadline: Sendable, Hashable, Codable {
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
    /// «по отдельному графику», «в соответствии с планом мероприятий ИРО»: no date by design.
    case onSchedule
    /// «с августа 2020 года»: from then on, no end.
    case since(DayDate)
    /// «до» with the date left blank in the source document.
    case blank
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
        case .permanent, .wholePeriod, .yearly, .onSchedule, .since, .blank, .unparsed: return nil
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
        case .onSchedule: return "по плану"
        case .since(let d): return "с \(d.russian)"
        case .blank: return "срок не указан"
        case .unparsed: return "срок не распознан"
        }
    }

    public var isRecurring: Bool {
        switch self {
        case .yearly, .permanent, .wholePeriod, .dates, .since: return true
        default: return false
        }
    }

    /// The years of a cycle-by-cycle event (one status per year): the dates' years for
    /// «30.08.2020 31.05.2021 31.05.2022», every year so far for «ежегодно …».
    public func cycles(through year: Int) -> [Int] {
        switch self {
        case .dates(let ds): return Array(Set(ds.map(\.year))).sorted()
        case .yearly: return [year]
        default: return []
        }
    }

    /// A date for `<time datetime>`: the last day, or the start of an open period.
    public var machineDate: DayDate? {
        if let last = lastDate { return last }
        if case .since(let d) = self { return d }
        return nil
    }
}

public struct Deadline: Sendable, Hashable, Codable {
    /// Exactly as written in roadmap.yml.
    public var text: String
    public var parsed: RoadmapDeadline

    public init(text: String, parsed: RoadmapDeadline) {
        self.text = text
        self.parsed = parsed
    }
}

/// Where an event stands as of the build date, as the roadmap page shows it.
public enum EventStanding: Sendable, Hashable, Codable {
    /// The status the school recorded, and it still holds.
    case recorded(EventStatus)
    /// An explicit planned / in progress past its deadline.
    case overdue
    /// Past its deadline and nobody recorded what happened: never shown as «просрочено».
    case noInformation
    /// Not due yet and no status: nothing to show.
    case none

    public var title: String {
        switch self {
        case .recorded(let status): return status.title
        case .overdue: return "просрочено"
        case .noInformation: return "нет сведений"
        case .none: return ""
        }
    }

    /// The class a theme colours the row by: `done`, `in_progress`, `overdue`, `no-information` …
    public var cssClass: String {
        switch self {
        case .recorded(let status): return status.rawValue
        case .overdue: return "overdue"
        case .noInformation: return "no-information"
        case .none: return "none"
        }
    }
}

public struct RoadmapEvent: Sendable, Hashable, Codable {
    /// The official number as written («2.2», «1.1.»); nil when the roadmap numbers nothing.
    public var number: String?
    public var title: String
    public var due: Deadline?
    public var responsible: [String]
    public var result: String?
    /// «Ключевой результат» column of the regional roadmaps.
    public var keyResult: String?
    /// Выходные документы: «приказ о закреплении наставнических пар».
    public var documents: [String]
    public var status: EventStatus?
    /// Per cycle (year) for recurring and multi-date events: `{ 2021: done, 2022: in_progress }`.
    public var cycleStatus: [Int: EventStatus]
    /// Sub-items (1.1.1 …).
    public var events: [RoadmapEvent]
    public var origin: SourceRef

    public init(number: String? = nil, title: String, due: Deadline?, responsible: [String], result: String?,
                keyResult: String? = nil, documents: [String] = [], status: EventStatus?, cycleStatus: [Int: EventStatus] = [:],
                events: [RoadmapEvent] = [], origin: SourceRef) {
        self.number = number
        self.title = title
        self.due = due
        self.responsible = responsible
        self.result = result
        self.keyResult = keyResult
        self.documents = documents
        self.status = status
        self.cycleStatus = cycleStatus
        self.events = events
        self.origin = origin
    }

    /// The status of the cycle `today` falls in, for a cycle-by-cycle event; else the status.
    public func currentStatus(asOf today: DayDate) -> EventStatus? {
        guard !cycleStatus.isEmpty else { return status }
        return cycleStatus[today.year] ?? cycleStatus.filter { $0.key <= today.year }.max { $0.key < $1.key }?.value ?? status
    }

    /// Earlier cycles (years) not recorded as done.
    public func openCycles(asOf today: DayDate) -> [Int] {
        guard let due, due.parsed.isRecurring else { return [] }
        let years = Set(due.parsed.cycles(through: today.year)).union(cycleStatus.keys)
        return years.filter { $0 < today.year && cycleStatus[$0] != .done && (cycleStatus[$0] != nil || !cycleStatus.isEmpty) }.sorted()
    }

    public func standing(asOf today: DayDate) -> EventStanding {
        let current = currentStatus(asOf: today)
        let past = due?.parsed.lastDate.map { $0 < today } ?? false
        guard let current else { return past ? .noInformation : .none }
        switch current {
        case .done, .notDone: return .recorded(current)
        case .planned, .inProgress: return past ? .overdue : .recorded(current)
        }
    }

    /// Overdue as of `today`: an explicit planned / in-progress status past the deadline.
    public func isOverdue(asOf today: DayDate) -> Bool { standing(asOf: today) == .overdue }

    /// The event and its sub-items, depth first.
    public var flattened: [RoadmapEvent] { [self] + events.flatMap(\.flattened) }
}

public struct RoadmapSection: Sendable, Hashable, Codable {
    /// The official number as written; nil to number automatically.
    public var number: String?
    /// nil for events written at the top level of a roadmap.
    public var title: String?
    public var keyResult: String?
    public var events: [RoadmapEvent]

    public init(number: String? = nil, title: String?, keyResult: String? = nil, events: [RoadmapEvent]) {
        self.number = number
        self.title = title
        self.keyResult = keyResult
        self.events = events
    }
}

/// «Согласовано с управлением образования … 02.11.2020».
public struct Agreement: Sendable, Hashable, Codable {
    public var with: String
    public var date: DayDate?

    public init(with: String, date: DayDate?) {
        self.with = with
        self.date = date
    }
}

public struct Roadmap: Sendable, Hashable, Codable {
    public var title: String
    public var approved: Approval?
    public var agreed: Agreement?
    public var sections: [RoadmapSection]
    public var origin: SourceRef

    public init(title: String, approved: Approval?, agreed: Agreement? = nil, sections: [RoadmapSection], origin: SourceRef) {
        self.title = title
        self.approved = approved
        self.agreed = agreed
        self.sections = sections
        self.origin = origin
    }

    /// Every event, sub-items included.
    public var events: [RoadmapEvent] { sections.flatMap { $0.events.flatMap(\.flattened) } }
}
