import Domain
import Foundation

/// The Markdown content kinds: front matter fields into a Domain value, body kept as Markdown.
enum EntryLoaders {
    static let programKeys = ["title", "slug", "period", "forms", "approved", "goals", "tasks", "expected_results", "summary"]
    static let caseKeys = ["title", "slug", "form", "role_model", "program", "period", "year", "level", "audience", "mentor",
                           "mentees", "results", "tags", "summary", "cover", "cover_alt", "draft"]
    static let mentorKeys = ["name", "slug", "position", "organization", "form", "experience_years", "mentees", "awards",
                             "photo", "photo_alt", "consent", "minor", "guardian_consent", "draft"]
    static let newsKeys = ["title", "slug", "date", "summary", "cover", "cover_alt", "tags", "draft"]
    static let pageKeys = ["title", "slug", "weight", "summary", "draft"]
    static let eventKeys = ["title", "slug", "date", "end", "time", "place", "audience", "form", "registration", "summary", "cover",
                            "cover_alt", "draft"]

    static func program(_ file: SourceFile, slug: String, sink: DiagnosticSink, files: ContentFiles, drafts: Bool) -> Program? {
        guard let doc = MarkdownDocument.read(file, sink: sink, what: "программа", drafts: drafts) else { return nil }
        var f = doc.fields
        let slug = SlugField.read(&f, fileSlug: slug, sink: sink)
        let title = f.string("title", required: true, describe: "название программы")
        let period = f.period("period")
        var forms: [MentoringForm] = []
        if let node = f.node("forms") {
            let items: [YAMLNode]
            if case .sequence(let list) = node.value { items = list } else { items = [node] }
            forms = items.compactMap { form($0, key: "forms", sink: sink) }
        }
        let approved = f.approval("approved")
        let goals = f.strings("goals"), tasks = f.strings("tasks"), results = f.strings("expected_results")
        _ = f.string("summary")
        f.finish(allowed: programKeys)
        guard let title else { return nil }
        return Program(slug: slug, title: title, period: period, forms: forms, approved: approved, goals: goals, tasks: tasks,
                       expectedResults: results, body: doc.body, origin: SourceRef(file: file.path, line: 1, column: 1))
    }

    static func mentoringCase(_ file: SourceFile, slug: String, sink: DiagnosticSink, files: ContentFiles, drafts: Bool) -> MentoringCase? {
        guard let doc = MarkdownDocument.read(file, sink: sink, what: "кейс", drafts: drafts) else { return nil }
        var f = doc.fields
        let slug = SlugField.read(&f, fileSlug: slug, sink: sink)
        let title = f.string("title", required: true, describe: "название кейса")
        let formNode = f.node("form")
        if formNode == nil {
            sink.error("field.required", "нет обязательного поля `form` (форма наставничества)", at: f.ref,
                       hint: "Допустимые формы: " + MentoringForm.allCases.map { "«\($0.title)»" }.joined(separator: ", ") + ".")
        }
        let form = formNode.flatMap { self.form($0, key: "form", sink: sink) }
        var roleModel: String?
        if let node = f.node("role_model"), let raw = node.scalar?.trimmingSpaces, let form {
            roleModel = checkRoleModel(raw, form: form, at: node.ref, sink: sink)
        }
        let program = f.string("program").map(reference(folder: "programs"))
        var period: CasePeriod?
        if f.has("period") {
            period = f.period("period").map(CasePeriod.range)
            if f.has("year") {
                sink.warning("case.period-and-year", "указаны и `period`, и `year`; используется `period`", at: f.ref)
                _ = f.node("year")
            }
        } else if let year = f.int("year", range: 1990...2100) {
            period = .year(year)
        }
        let level = f.choice("level", EducationLevel.self)
        let audience = f.string("audience")
        var mentor: CaseMentor?
        if let node = f.node("mentor") {
            switch node.value {
            case .scalar(let s): mentor = .page(slug: reference(folder: "mentors")(s.trimmingSpaces))
            case .mapping:
                if let (name, consent) = namedWithConsent(node, what: "наставник", sink: sink) { mentor = .person(name: name, consent: consent) }
            default:
                sink.error("field.type", "поле `mentor` — это ссылка на страницу наставника (`mentors/ivanova`) или `{ name: …, consent: … }`",
                           at: node.ref)
            }
        }
        var mentees: Int?
        var namedMentees: [String] = []
        let menteesRef = f.node("mentees")?.ref
        if let node = f.node("mentees") {
            if case .sequence(let items) = node.value {
                // Adults (a young teacher, an employee) may be named with their consent; children never.
                if let form, form.menteesAreAdults {
                    for item in items {
                        if let (name, _) = namedWithConsent(item, what: "наставляемый", sink: sink) { namedMentees.append(name) }
                    }
                    mentees = items.count
                } else {
                    sink.error("privacy.named-mentee", "наставляемые перечислены списком; дети-наставляемые не называются, указывается только их число",
                               at: node.ref, hint: "Замените список числом: `mentees: 3`. Называть можно только взрослых наставляемых (формы «учитель – учитель», «работодатель – студент») с их согласием.")
                }
            } else if let n = node.scalar.flatMap({ Int($0.trimmingSpaces) }), n >= 0 {
                mentees = n
            } else if let s = node.scalar, Int(s.trimmingSpaces) == nil, !s.isEmpty, s.first!.isLetter, s.contains(" ") {
                sink.error("privacy.named-mentee", "в поле `mentees` указано имя; дети-наставляемые не называются, указывается только их число",
                           at: node.ref, hint: "Напишите число: `mentees: 3`.")
            } else {
                sink.error("field.type", "поле `mentees` должно быть числом наставляемых, а не \(node.shapeDescription)", at: node.ref)
            }
        }
        let results = f.strings("results"), tags = f.strings("tags")
        let summary = f.string("summary")
        let cover = PersonFields.picture(&f, key: "cover", altKey: "cover_alt", sink: sink, files: files)
        f.finish(allowed: caseKeys)
        guard let title, let form else { return nil }
        var made = MentoringCase(slug: slug, title: title, form: form, roleModel: roleModel, program: program, period: period,
                                 level: level, audience: audience, mentor: mentor, mentees: mentees, results: results, tags: tags,
                                 summary: summary, cover: cover, body: doc.body, origin: SourceRef(file: file.path, line: 1, column: 1))
        made.namedMentees = namedMentees
        made.menteesRef = menteesRef
        return made
    }

    /// `{ name: …, consent: … }`: a person named in a case, published only with a consent date.
    static func namedWithConsent(_ node: YAMLNode, what: String, sink: DiagnosticSink) -> (String, DayDate)? {
        guard var m = FieldReader(node, sink: sink, what: what) else { return nil }
        let name = m.string("name", required: true, describe: "ФИО")
        let consent = m.consent("consent")
        if let name, consent == nil, !m.has("consent") {
            sink.error("privacy.consent", "\(what) «\(name)» назван без даты письменного согласия (`consent`)", at: node.ref,
                       hint: "По 152-ФЗ имя публикуется только с согласия. Добавьте `consent: ГГГГ-ММ-ДД` или уберите имя.")
        }
        m.finish(allowed: ["name", "consent"])
        guard let name, let consent else { return nil }
        return (name, consent)
    }

    static func mentor(_ file: SourceFile, slug: String, sink: DiagnosticSink, files: ContentFiles, drafts: Bool) -> Mentor? {
        guard let doc = MarkdownDocument.read(file, sink: sink, what: "наставник", drafts: drafts) else { return nil }
        var f = doc.fields
        let slug = SlugField.read(&f, fileSlug: slug, sink: sink)
        let name = f.string("name", required: true, describe: "ФИО наставника")
        let position = f.string("position")
        let organization = f.string("organization")
        let form = f.node("form").flatMap { self.form($0, key: "form", sink: sink) }
        let experience = f.int("experience_years", range: 0...80)
        var mentees: Int?
        if let node = f.node("mentees") {
            if case .sequence = node.value {
                sink.error("privacy.named-mentee", "наставляемые перечислены списком; указывается только их число", at: node.ref,
                           hint: "Замените список числом: `mentees: 2`.")
            } else if let n = f.int("mentees", range: 0...1000) {
                // Checked against the site's limit (`limits.mentees_per_mentor`) with the other files.
                mentees = n
            }
        }
        let menteesRef = f.node("mentees")?.ref
        let awards = f.strings("awards")
        let photo = PersonFields.picture(&f, key: "photo", altKey: "photo_alt", sink: sink, files: files)
        let consent = f.consent("consent")
        if let name, consent == nil, !f.has("consent") {
            sink.error("privacy.consent", "у наставника «\(name)» нет даты письменного согласия на публикацию (`consent`)", at: f.ref,
                       hint: "По 152-ФЗ имя и фото публикуются только с согласия. Добавьте `consent: ГГГГ-ММ-ДД`.")
        }
        let minor = f.bool("minor") ?? false
        // «ученик 10 класса», «обучающийся», «студент 1 курса»: a pupil, perhaps under 18.
        if let position, !f.has("minor"), let name {
            let lower = position.lowercased()
            if ["ученик", "ученица", "обучающ", "студент", "воспитанник"].contains(where: { lower.contains($0) }) {
                sink.warning("mentor.minor-missing", "наставник «\(name)» по должности — ученик или студент («\(position)»), но не указано, несовершеннолетний ли он (`minor`)",
                             at: f.ref, hint: "Добавьте `minor: true` и дату согласия родителя `guardian_consent`, если наставнику нет 18 лет, или `minor: false`.")
            }
        }
        let guardian = f.consent("guardian_consent")
        if minor, guardian == nil, !f.has("guardian_consent"), let name {
            sink.error("privacy.guardian-consent", "наставник «\(name)» — несовершеннолетний, но нет даты согласия родителя (законного представителя) (`guardian_consent`)",
                       at: f.ref, hint: "Для несовершеннолетнего нужно и его согласие, и согласие родителя: добавьте `guardian_consent: ГГГГ-ММ-ДД`.")
        }
        f.finish(allowed: mentorKeys)
        guard let name, let consent, !minor || guardian != nil else { return nil }
        var made = Mentor(slug: slug, name: name, position: position, organization: organization, form: form, experienceYears: experience,
                          mentees: mentees, awards: awards, photo: photo, consent: consent, minor: minor, guardianConsent: guardian,
                          body: doc.body, origin: SourceRef(file: file.path, line: 1, column: 1))
        made.menteesRef = menteesRef
        return made
    }

    static func news(_ file: SourceFile, slug: String, sink: DiagnosticSink, files: ContentFiles, drafts: Bool) -> NewsItem? {
        guard let doc = MarkdownDocument.read(file, sink: sink, what: "новость", drafts: drafts) else { return nil }
        var f = doc.fields
        let slug = SlugField.read(&f, fileSlug: slug, sink: sink)
        let title = f.string("title", required: true, describe: "заголовок новости")
        let date = f.date("date", required: true, describe: "дата новости")
        let summary = f.string("summary")
        let cover = PersonFields.picture(&f, key: "cover", altKey: "cover_alt", sink: sink, files: files)
        let tags = f.strings("tags")
        let draft = doc.draft
        f.finish(allowed: newsKeys)
        guard let title, let date else { return nil }
        return NewsItem(slug: slug, title: title, date: date, summary: summary, cover: cover, tags: tags, draft: draft,
                        body: doc.body, origin: SourceRef(file: file.path, line: 1, column: 1))
    }

    static func event(_ file: SourceFile, slug: String, sink: DiagnosticSink, files: ContentFiles, drafts: Bool) -> Event? {
        guard let doc = MarkdownDocument.read(file, sink: sink, what: "мероприятие", drafts: drafts) else { return nil }
        var f = doc.fields
        let slug = SlugField.read(&f, fileSlug: slug, sink: sink)
        let title = f.string("title", required: true, describe: "название мероприятия")
        // «date: 2026-12-10 15:00»: the time written with the date is the event's time.
        let timeInDate = f.node("date")?.scalar.flatMap { raw -> String? in
            let parts = raw.trimmingSpaces.split(separator: " ", maxSplits: 1)
            return parts.count == 2 && parts[1].contains(":") ? String(parts[1]) : nil
        }
        let date = f.date("date", required: true, describe: "дата мероприятия, первый день")
        let endRef = f.node("end")?.ref ?? f.ref
        var end = f.date("end")
        if let first = date, let last = end, last < first {
            sink.error("event.end-before-start", "мероприятие заканчивается (\(last.russian)) раньше, чем начинается (\(first.russian))",
                       at: endRef, hint: "В `date` — первый день, в `end` — последний; для однодневного мероприятия `end` не нужен.")
            end = nil
        }
        let time = f.string("time") ?? timeInDate
        let place = f.string("place")
        let audience = f.string("audience")
        let form = f.node("form").flatMap { self.form($0, key: "form", sink: sink) }
        let registrationRef = f.node("registration")?.ref ?? f.ref
        let registration = f.string("registration").flatMap {
            SiteSettingsLoader.checkURL($0, key: "registration", at: registrationRef, sink: sink)
        }
        let summary = f.string("summary")
        let cover = PersonFields.picture(&f, key: "cover", altKey: "cover_alt", sink: sink, files: files)
        f.finish(allowed: eventKeys)
        guard let title, let date else { return nil }
        return Event(slug: slug, title: title, date: date, end: end, time: time, place: place, audience: audience, form: form,
                     registration: registration, summary: summary, cover: cover, draft: doc.draft, body: doc.body,
                     origin: SourceRef(file: file.path, line: 1, column: 1))
    }

    static func page(_ file: SourceFile, slug: String, sink: DiagnosticSink, files: ContentFiles, drafts: Bool) -> Page? {
        guard let doc = MarkdownDocument.read(file, sink: sink, what: "страница", drafts: drafts) else { return nil }
        var f = doc.fields
        let slug = SlugField.read(&f, fileSlug: slug, sink: sink)
        let title = f.string("title", required: true, describe: "заголовок страницы")
        let weight = f.int("weight", range: -1_000_000...1_000_000) ?? 0
        _ = f.string("summary")
        f.finish(allowed: pageKeys)
        guard let title else { return nil }
        return Page(slug: slug, title: title, weight: weight, body: doc.body, origin: SourceRef(file: file.path, line: 1, column: 1))
    }

    /// index.md: front matter is optional here.
    static func home(_ file: SourceFile, sink: DiagnosticSink) -> HomePage? {
        guard let split = FrontMatter.split(file, sink: sink) else { return nil }
        var title: String?
        if let yaml = split.yaml {
            let (node, diagnostics) = YAMLParser.parse(yaml, file: file.path, firstLine: split.yamlFirstLine)
            sink.add(contentsOf: diagnostics)
            if let node, var f = FieldReader(node, sink: sink, what: "index.md") {
                title = f.string("title")
                _ = f.string("summary")
                f.finish(allowed: ["title", "summary"])
            }
        }
        return HomePage(title: title, body: split.body, origin: SourceRef(file: file.path, line: 1, column: 1))
    }

    // MARK: shared pieces

    static func form(_ node: YAMLNode, key: String, sink: DiagnosticSink) -> MentoringForm? {
        guard let raw = node.scalar?.trimmingSpaces else {
            sink.error("field.type", "форма наставничества в поле `\(key)` должна быть строкой, а не \(node.shapeDescription)", at: node.ref)
            return nil
        }
        if let form = MentoringForm(parsing: raw) { return form }
        let allowed = MentoringForm.allCases.map(\.title)
        let guess = Suggestion.nearest(to: raw, in: allowed).map { "; возможно, «\($0)»?" } ?? ""
        sink.error("form.unknown", "«\(raw)» — не форма наставничества целевой модели\(guess)", at: node.ref,
                   hint: "Допустимые формы: " + allowed.map { "«\($0)»" }.joined(separator: ", ") + ".")
        return nil
    }

    /// Canonical spelling for a known role model; warnings for a model of another form or an unknown one.
    static func checkRoleModel(_ raw: String, form: MentoringForm, at ref: SourceRef, sink: DiagnosticSink) -> String {
        if let known = form.knownRoleModel(matching: raw) { return known }
        if let (other, known) = MentoringForm.allCases.lazy.compactMap({ form in form.knownRoleModel(matching: raw).map { (form, $0) } }).first {
            sink.warning("case.role-model-form", "ролевая модель «\(raw)» относится к форме «\(other.title)», а кейс — в форме «\(form.title)»",
                         at: ref, hint: "Проверьте поле `form` или `role_model`.")
            return known
        }
        if !form.knownRoleModels.isEmpty {
            sink.warning("case.role-model-unknown", "ролевая модель «\(raw)» не входит в перечень целевой модели для формы «\(form.title)»",
                         at: ref, hint: "Известные варианты: " + form.knownRoleModels.map { "«\($0)»" }.joined(separator: "; ") + ".")
        }
        return RoleModel.display(raw)
    }

    /// `mentors/ivanova`, `mentors/ivanova.md`, `ivanova` → `ivanova`.
    static func reference(folder: String) -> (String) -> String {
        { raw in
            var s = raw
            if s.hasPrefix("/") { s.removeFirst() }
            if s.hasPrefix(folder + "/") { s.removeFirst(folder.count + 1) }
            if s.hasSuffix(".md") { s.removeLast(3) }
            if s.hasSuffix("/") { s.removeLast() }
            return s
        }
    }
}

enum PartnersLoader {
    static let keys = ["name", "kind", "agreement", "url", "mentors", "description"]

    static func load(_ file: SourceFile, sink: DiagnosticSink) -> [Partner] {
        guard let items = YAMLList.items(file, sink: sink, what: "partners.yml", key: "partners") else { return [] }
        var partners: [Partner] = []
        for item in items {
            guard var f = FieldReader(item, sink: sink, what: "партнёр") else { continue }
            let name = f.string("name", required: true, describe: "название организации-партнёра")
            let kind = f.choice("kind", PartnerKind.self, required: true, describe: "вид организации")
            var number: String?, date: DayDate?
            if var a = f.mapping("agreement", what: "соглашение") {
                number = a.string("number", required: true, describe: "номер соглашения")
                date = a.date("date", required: true, describe: "дата соглашения")
                a.finish(allowed: ["number", "date"])
            }
            let urlRef = f.node("url")?.ref ?? item.ref
            let url = f.string("url").flatMap { SiteSettingsLoader.checkURL($0, key: "url", at: urlRef, sink: sink) }
            let mentors = f.int("mentors", range: 0...100_000)
            let description = f.string("description")
            f.finish(allowed: keys)
            guard let name, let kind else { continue }
            partners.append(Partner(name: name, kind: kind, agreementNumber: number, agreementDate: date, url: url, mentors: mentors,
                                    description: description, origin: item.ref))
        }
        return partners
    }
}
