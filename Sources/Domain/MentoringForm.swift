import Foundation

/// A form of mentoring («форма наставничества») of the target model (Р-145).
public enum MentoringForm: String, Sendable, Hashable, Codable, CaseIterable {
    case studentStudent = "ученик – ученик"
    case teacherTeacher = "учитель – учитель"
    case universityStudentStudent = "студент – ученик"
    case employerStudent = "работодатель – ученик"
    case employerUniversityStudent = "работодатель – студент"
    case universityStudentUniversityStudent = "студент – студент"

    /// Rendered with an en dash and spaces, the way the target model writes it.
    public var title: String { rawValue }

    /// A short Latin id for URLs (`uchenik-uchenik`).
    public var slug: String {
        switch self {
        case .studentStudent: return "uchenik-uchenik"
        case .teacherTeacher: return "uchitel-uchitel"
        case .universityStudentStudent: return "student-uchenik"
        case .employerStudent: return "rabotodatel-uchenik"
        case .employerUniversityStudent: return "rabotodatel-student"
        case .universityStudentUniversityStudent: return "student-student"
        }
    }

    /// Forgiving spelling: any dash or hyphen, any spacing, any case.
    /// `ученик-ученик`, `Ученик — ученик` and `ученик–ученик` are the same form.
    public init?(parsing text: String) {
        guard let form = Self.parsed.value(text, make: { Self.byNormalisedName[MentoringForm.normalise($0)] }) else { return nil }
        self = form
    }

    /// Each entry names its form: a school writes the same few spellings in all of them.
    private static let parsed = SpellingMemo<MentoringForm?>()

    private static let byNormalisedName = Dictionary(allCases.map { (normalise($0.rawValue), $0) }, uniquingKeysWith: { a, _ in a })

    static func normalise(_ text: String) -> String {
        var out = ""
        for ch in text.lowercased() {
            switch ch {
            case "-", "‐", "‑", "‒", "–", "—", "―", "−": out.append("-")
            case "ё": out.append("е")
            default: if !ch.isWhitespace { out.append(ch) }
            }
        }
        return out
    }

    /// The role models («вариант взаимодействия») the target model lists for this form.
    public var knownRoleModels: [String] {
        switch self {
        case .studentStudent:
            return ["успевающий – неуспевающий", "лидер – пассивный", "равный – равному"]
        case .teacherTeacher:
            return ["опытный педагог – молодой специалист",
                    "лидер педагогического сообщества – педагог, испытывающий проблемы",
                    "педагог-новатор – консервативный педагог",
                    "опытный предметник – неопытный предметник"]
        case .employerStudent:
            return ["активный профессионал – равнодушный потребитель",
                    "коллега – молодой коллега", "работодатель – будущий сотрудник"]
        case .universityStudentStudent, .employerUniversityStudent, .universityStudentUniversityStudent:
            return []
        }
    }

    /// The canonical spelling of a role model of this form, if it is a known one.
    public func knownRoleModel(matching text: String) -> String? {
        let key = RoleModel.normalise(text)
        return Self.normalisedRoleModels[self]?.first { $0.key == key }?.model
    }

    /// Each form's role models with their normalised spelling, made once.
    private static let normalisedRoleModels: [MentoringForm: [(key: String, model: String)]] = Dictionary(
        uniqueKeysWithValues: allCases.map { form in (form, form.knownRoleModels.map { (RoleModel.normalise($0), $0) }) })

    /// Labels that describe the mentee negatively; never placed next to a named child.
    /// Forms whose mentees are adults, who may be named with their consent (13.5).
    public var menteesAreAdults: Bool {
        switch self {
        case .teacherTeacher, .employerUniversityStudent: return true
        default: return false
        }
    }

    public static let stigmatisingLabels = ["неуспевающий", "пассивный", "равнодушный потребитель",
                                           "педагог, испытывающий проблемы", "консервативный педагог"]
}

public enum RoleModel {
    /// Compares role models regardless of dash style, spacing inside dashes and case,
    /// but keeps hyphens inside words (`педагог-новатор`). Each spelling is worked out once:
    /// a school writes the same few role models in all its cases, and seven replacements
    /// through Foundation for each case (and each form, for a model of another form) were a
    /// fiftieth of a regional bank's load.
    static func normalise(_ text: String) -> String { normalised.value(text, make: normaliseOnce) }

    private static let normalised = SpellingMemo<String>()

    private static func normaliseOnce(_ text: String) -> String {
        var s = RussianFold.fold(text)
        for dash in [" — ", " – ", " - ", "—", "–", " -", "- "] {
            s = s.replacingOccurrences(of: dash, with: "|")
        }
        return s.split(separator: "|").map { $0.trimmingSpaces }.joined(separator: "|")
    }

    /// Canonical display: en dash with spaces between the two roles.
    public static func display(_ text: String) -> String {
        var s = text
        for dash in [" — ", " - ", "—", " -", "- "] { s = s.replacingOccurrences(of: dash, with: " – ") }
        s = s.replacingOccurrences(of: "–", with: " – ")
        while s.contains("  ") { s = s.replacingOccurrences(of: "  ", with: " ") }
        return s.trimmingSpaces
    }
}
