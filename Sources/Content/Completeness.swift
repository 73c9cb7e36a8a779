import Domain

/// What an inspection looks for on a «Наставничество» page (13.7; seeds 000, 003 §1.4–1.5, 004):
/// each missing item is a warning at build time, by kind of organisation. The page itself
/// never says what is missing.
enum Completeness {
    static func check(_ content: SiteContent) -> [Diagnostic] {
        let s = content.settings
        let at = SourceRef(file: s.origin?.file ?? "site.yml", line: 1, column: 1)
        let acts: Set<DocumentType> = [.order, .directive, .resolution]
        let ownLevel: DocumentLevel
        var required: [Item]
        switch s.organization.kind {
        case .school, .college, .additional:
            ownLevel = .school
            required = [.order, .regulation, .roadmap, .program, .curator, .indicators]
        case .municipalOffice:
            ownLevel = .municipal
            required = [.order, .roadmap, .curator, .indicators]
        case .regionalCenter:
            ownLevel = .regional
            required = [.order, .curator]
        case .kindergarten:
            return []
        }
        let hasOrder = content.documents.contains { acts.contains($0.type) && $0.level == ownLevel }
        let hasRegulation = content.documents.contains { $0.type == .regulation }
            || content.pages.contains { RussianFold.fold($0.title).hasPrefix("положение") }
        let present: [Item: Bool] = [
            .order: hasOrder,
            .regulation: hasRegulation,
            .roadmap: !content.roadmaps.isEmpty,
            .program: !content.programs.isEmpty,
            .curator: s.curators.contains { $0.phone != nil || $0.email != nil },
            .indicators: content.indicators?.indicators.contains { !$0.actual.isEmpty } ?? false,
        ]
        return required.filter { present[$0] != true }.map { item in
            .warning("site.missing-" + item.rawValue, item.message(ownLevel), at: at, hint: item.hint)
        }
    }

    enum Item: String {
        case order, regulation, roadmap, program, curator, indicators

        func message(_ level: DocumentLevel) -> String {
            switch self {
            case .order:
                let whose = level == .school ? "самой организации" : level == .municipal ? "муниципального уровня" : "регионального уровня"
                return "на сайте нет приказа (распоряжения, постановления) \(whose) о внедрении целевой модели наставничества"
            case .regulation: return "на сайте нет положения о наставничестве"
            case .roadmap: return "на сайте нет дорожной карты внедрения целевой модели (roadmap.yml)"
            case .program: return "на сайте нет программы наставничества (programs/)"
            case .curator: return "на сайте нет куратора с контактами (телефон или эл. почта)"
            case .indicators: return "у показателей эффективности нет ни одного года с фактическими данными"
            }
        }

        var hint: String {
            switch self {
            case .order: return "Добавьте приказ в documents.yml: `type: приказ`, `level`, `number`, `date`, `file: files/….pdf`."
            case .regulation: return "Добавьте положение в documents.yml: `type: положение`, `approved: { type: приказ, number: …, date: … }`."
            case .roadmap: return "Создайте roadmap.yml с мероприятиями, сроками и ответственными."
            case .program: return "Добавьте файл programs/<имя>.md с формами, целями и этапами программы."
            case .curator: return "Укажите в site.yml `curators:` с `phone` или `email` — к куратору обращаются родители и наставники."
            case .indicators: return "Добавьте фактические данные: `actual: { 2024: { numerator: …, denominator: … } }` или indicators/*.csv."
            }
        }
    }
}
