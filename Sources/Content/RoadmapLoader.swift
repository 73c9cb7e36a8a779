import Domain

enum RoadmapLoader {
    static let roadmapKeys = ["title", "approved", "agreed", "sections", "events", "description"]
    static let sectionKeys = ["number", "title", "key_result", "events"]
    static let eventKeys = ["number", "title", "due", "responsible", "result", "key_result", "documents", "status", "events"]

    /// roadmap.yml holds one roadmap (a mapping) or several (a list of them).
    static func load(_ file: SourceFile, sink: DiagnosticSink) -> [Roadmap] {
        let (node, diagnostics) = YAMLParser.parse(file.text, file: file.path)
        sink.add(contentsOf: diagnostics)
        guard !diagnostics.hasErrors, let node else { return [] }
        if case .sequence(let items) = node.value {
            return items.compactMap { roadmap($0, sink: sink) }
        }
        return roadmap(node, sink: sink).map { [$0] } ?? []
    }

    private static func roadmap(_ node: YAMLNode, sink: DiagnosticSink) -> Roadmap? {
        guard var f = FieldReader(node, sink: sink, what: "дорожная карта") else { return nil }
        let title = f.string("title", required: true, describe: "название дорожной карты")
        let approved = f.approval("approved")
        var agreed: Agreement?
        if var a = f.mapping("agreed", what: "согласование") {
            let with = a.string("with", required: true, describe: "с кем согласована дорожная карта")
            let date = a.date("date")
            a.finish(allowed: ["with", "date"])
            agreed = with.map { Agreement(with: $0, date: date) }
        }
        var sections: [RoadmapSection] = []
        if let items = f.sequence("sections") {
            for item in items {
                guard var s = FieldReader(item, sink: sink, what: "раздел дорожной карты") else { continue }
                let number = s.string("number")
                let sectionTitle = s.string("title", required: true, describe: "название раздела")
                let keyResult = s.string("key_result")
                let events = (s.sequence("events") ?? []).compactMap { event($0, sink: sink) }
                if events.isEmpty {
                    sink.warning("roadmap.empty-section", "в разделе «\(sectionTitle ?? "")» нет мероприятий (`events`)", at: item.ref)
                }
                s.finish(allowed: sectionKeys)
                sections.append(RoadmapSection(number: number, title: sectionTitle, keyResult: keyResult, events: events))
            }
        }
        if let items = f.sequence("events") {
            sections.append(RoadmapSection(title: nil, events: items.compactMap { event($0, sink: sink) }))
        }
        if !f.has("sections"), !f.has("events") {
            sink.warning("roadmap.empty", "в дорожной карте нет мероприятий: ни `sections`, ни `events`", at: node.ref)
        }
        _ = f.string("description")
        f.finish(allowed: roadmapKeys)
        guard let title else { return nil }
        return Roadmap(title: title, approved: approved, agreed: agreed, sections: sections, origin: node.ref)
    }

    private static func event(_ node: YAMLNode, sink: DiagnosticSink, depth: Int = 0) -> RoadmapEvent? {
        guard var f = FieldReader(node, sink: sink, what: "мероприятие") else { return nil }
        let number = f.string("number")
        let title = f.string("title", required: true, describe: "название мероприятия")
        var due: Deadline?
        if let dueNode = f.node("due") {
            let text: String?
            switch dueNode.value {
            case .scalar(let s): text = s.trimmingSpaces
            case .sequence(let items): text = items.compactMap(\.scalar).joined(separator: " ")
            default: text = nil
            }
            if let text {
                let parsed = RoadmapDeadlineParser.parse(text)
                if parsed == .unparsed {
                    sink.warning("roadmap.due-unparsed", "срок «\(text)» не распознан; он будет показан как написан, но просрочку по нему не определить",
                                 at: dueNode.ref,
                                 hint: "Понятные сроки: 25.12.2020; 30.09.2020 30.09.2021; ноябрь 2020; ноябрь–декабрь 2020; до 10.09.2020; постоянно; ежегодно, август.")
                }
                due = Deadline(text: text, parsed: parsed)
            } else {
                sink.error("field.type", "поле `due` должно быть сроком-строкой, а не \(dueNode.shapeDescription)", at: dueNode.ref)
            }
        }
        let responsible = f.strings("responsible")
        let result = f.string("result")
        let keyResult = f.string("key_result")
        let documents = f.strings("documents")
        var status: EventStatus?
        var cycles: [Int: EventStatus] = [:]
        if let statusNode = f.node("status") {
            if case .mapping(let pairs) = statusNode.value {
                // Per cycle: `{ 2021: done, 2022: in_progress }`.
                for (yearNode, valueNode) in pairs {
                    guard let year = IndicatorsLoader.year(yearNode, sink: sink),
                          let value = FieldReader.choice(valueNode, key: "status", EventStatus.self, sink: sink) else { continue }
                    cycles[year] = value
                }
            } else {
                status = FieldReader.choice(statusNode, key: "status", EventStatus.self, sink: sink)
            }
        }
        var children: [RoadmapEvent] = []
        if let items = f.sequence("events") {
            // Section 1, event 1.1, sub-item 1.1.1: a sub-item has no sub-items of its own.
            if depth >= 1 {
                sink.error("roadmap.too-deep", "подпункты дорожной карты вложены глубже трёх уровней", at: node.ref,
                           hint: "В дорожных картах бывают пункты вида 1.1.1; запишите более глубокие пункты текстом.")
            } else {
                children = items.compactMap { event($0, sink: sink, depth: depth + 1) }
            }
        }
        let name = title.map { "«\($0)»" } ?? ""
        // A row that only groups sub-items needs no deadline, responsible or result of its own.
        if children.isEmpty {
            if !f.has("due") {
                sink.warning("roadmap.no-due", "у мероприятия \(name) не указан срок (`due`)", at: node.ref)
            }
            if responsible.isEmpty {
                sink.warning("roadmap.no-responsible", "у мероприятия \(name) не указан ответственный (`responsible`)", at: node.ref)
            }
            if result == nil, keyResult == nil {
                sink.warning("roadmap.no-result", "у мероприятия \(name) не указан ожидаемый результат (`result`)", at: node.ref)
            }
        }
        f.finish(allowed: eventKeys)
        guard let title else { return nil }
        let made = RoadmapEvent(number: number, title: title, due: due, responsible: responsible, result: result,
                                 keyResult: keyResult, documents: documents, status: status, cycleStatus: cycles,
                                 events: children, origin: node.ref)
        if let today = sink.today, made.standing(asOf: today) == .noInformation {
            let last = due?.parsed.lastDate.map { " (\($0.russian))" } ?? ""
            sink.warning("roadmap.status-missing", "срок мероприятия \(name) прошёл\(last), а его итог не записан: на странице будет «нет сведений»",
                         at: node.ref,
                         hint: "Добавьте `status: done` (выполнено) или `status: not_done` (не выполнено); для ежегодного — по годам: `status: { 2021: done }`.")
        }
        return made
    }
}
