/// Closed vocabularies of CONTENT-FORMAT.md. Each enum's raw value is what the
/// editor writes in YAML; `title` is what the page shows.

public enum OrganizationKind: String, Sendable, Hashable, Codable, CaseIterable {
    case school, college, additional, kindergarten
    case municipalOffice = "municipal_office"
    case regionalCenter = "regional_center"

    public var title: String {
        switch self {
        case .school: return "общеобразовательная организация"
        case .college: return "профессиональная образовательная организация"
        case .additional: return "организация дополнительного образования"
        case .kindergarten: return "дошкольная образовательная организация"
        case .municipalOffice: return "муниципальный орган управления образованием"
        case .regionalCenter: return "региональный наставнический центр"
        }
    }
}

public enum SiteKind: String, Sendable, Hashable, Codable, CaseIterable {
    case site, bank
}

public enum DocumentLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case federal, regional, municipal, school

    public var title: String {
        switch self {
        case .federal: return "Федеральные документы"
        case .regional: return "Региональные документы"
        case .municipal: return "Муниципальные документы"
        case .school: return "Документы организации"
        }
    }
}

public enum DocumentType: String, Sendable, Hashable, Codable, CaseIterable {
    case order = "приказ"
    case directive = "распоряжение"
    case resolution = "постановление"
    case letter = "письмо"
    case regulation = "положение"
    case roadmap = "дорожная карта"
    case program = "программа"
    case law = "закон"
    case guidelines = "методические рекомендации"
    case plan = "план"
    case report = "отчёт"
    case agreement = "соглашение"
    case other = "иное"

    /// Capitalised for the start of a citation: «Распоряжение … от … № …».
    public var title: String {
        rawValue.prefix(1).uppercased() + rawValue.dropFirst()
    }

    /// Instrumental case, for «утверждена приказом от …».
    public var instrumental: String {
        switch self {
        case .order: return "приказом"
        case .directive: return "распоряжением"
        case .resolution: return "постановлением"
        case .letter: return "письмом"
        case .regulation: return "положением"
        case .roadmap: return "дорожной картой"
        case .program: return "программой"
        case .law: return "законом"
        case .guidelines: return "методическими рекомендациями"
        case .plan: return "планом"
        case .report: return "отчётом"
        case .agreement: return "соглашением"
        case .other: return "документом"
        }
    }

    /// «утверждено» (положение), «утверждена» (программа), «утверждён» (план), «утверждены» (рекомендации).
    public var approvedWord: String {
        switch self {
        case .regulation, .agreement: return "утверждено"
        case .roadmap, .program: return "утверждена"
        case .guidelines: return "утверждены"
        default: return "утверждён"
        }
    }
}

/// The file formats a normative document may be published in.
public enum DocumentFileFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case pdf, docx, doc, odt, xlsx

    public var title: String { rawValue.uppercased() }
}

public enum EducationLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case general, additional, vocational

    public var title: String {
        switch self {
        case .general: return "общее образование"
        case .additional: return "дополнительное образование"
        case .vocational: return "среднее профессиональное образование"
        }
    }
}

public enum EventStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case done
    case inProgress = "in_progress"
    case planned
    case notDone = "not_done"

    public var title: String {
        switch self {
        case .done: return "выполнено"
        case .inProgress: return "выполняется"
        case .planned: return "запланировано"
        case .notDone: return "не выполнено"
        }
    }
}

public enum PartnerKind: String, Sendable, Hashable, Codable, CaseIterable {
    case enterprise = "предприятие"
    case university = "вуз"
    case college = "колледж"
    case culture = "учреждение культуры"
    case sport = "учреждение спорта"
    case ngo = "НКО"
    case other = "иное"

    public var title: String { rawValue }
}

/// The indicators of the target model and the regional orders, with their official titles.
public enum BuiltInIndicator: String, Sendable, Hashable, CaseIterable {
    case mentees10to19 = "mentees_10_19"
    case mentors15to19 = "mentors_15_19"
    case youngTeachers = "young_teachers_0_3"
    case menteeSatisfaction = "mentee_satisfaction"
    case mentorSatisfaction = "mentor_satisfaction"
    case enterprisesWithMentors = "enterprises_with_mentors"
    /// The headline federal indicator (13.4).
    case studentsInvolved = "students_involved"

    /// The titles as the regional roadmaps word them (seeds 000 and 003), without a territory;
    /// a school names its own territory with `title:`.
    public var title: String {
        switch self {
        case .mentees10to19:
            return "Доля детей и молодежи в возрасте от 10 до 19 лет, вошедших в программы наставничества в роли наставляемого"
        case .mentors15to19:
            return "Доля детей и молодежи в возрасте от 15 до 19 лет, вошедших в программы наставничества в роли наставника"
        case .youngTeachers:
            return "Доля учителей – молодых специалистов (с опытом работы от 0 до 3 лет), вошедших в программы наставничества в роли наставляемого"
        case .menteeSatisfaction:
            return "Уровень удовлетворенности наставляемых участием в программах наставничества"
        case .mentorSatisfaction:
            return "Уровень удовлетворенности наставников участием в программах наставничества"
        case .enterprisesWithMentors:
            return "Доля предприятий (организаций) от общего количества предприятий, осуществляющих деятельность на территории, вошедших в программы наставничества, предоставив своих наставников"
        case .studentsInvolved:
            return "Доля обучающихся, вовлечённых в различные формы сопровождения и наставничества"
        }
    }
}
