import Domain

enum RoadmapLoader {
    static let roadmapKeys = ["title", "approved", "sections", "events", "description"]
    static let sectionKeys = ["title", "events"]
    static let eventKeys = ["title", "due", "responsible", "result", "status"]

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
        var sections: [RoadmapSection] = []
        if let items = f.sequence("sections") {
            for item in items {
                guard var s = FieldReader(item, sink: sink, what: "раздел дорожной карты") else { continue }
                let sectionTitle = s.string("title", required: true, describe: "название раздела")
                let events = (s.sequence("events") ?? []).compactMap { event($0, sink: sink) }
                if events.isEmpty {
                    sink.warning("roadmap.empty-section", "в разделе «\(sectionTitle ?? "")» нет мероприятий (`events`)", at: item.ref)
                }
                s.finish(allowed: sectionKeys)
                sections.append(RoadmapSection(title: sectionTitle, events: events))
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
        return Roadmap(title: title, approved: approved, sections: sections, origin: node.ref)
    }

    private static func event(_ node: YAMLNode, sink: DiagnosticSink) -> RoadmapEvent? {
        guard var f = FieldReader(node, sink: sink, what: "мероприятие") else { return nil }
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
        let status = f.choice("status", EventStatus.self)
        let name = title.map { "«\($0)»" } ?? ""
        if !f.has("due") {
            sink.warning("roadmap.no-due", "у мероприятия \(name) не указан срок (`due`)", at: node.ref)
        }
        if responsible.isEmpty {
            sink.warning("roadmap.no-responsible", "у мероприятия \(name) не указан ответственный (`responsible`)", at: node.ref)
        }
        if result == nil {
            sink.warning("roadmap.no-result", "у мероприятия \(name) не указан ожидаемый результат (`result`)", at: node.ref)
        }
        f.finish(allowed: eventKeys)
        guard let title else { return nil }
        return RoadmapEvent(title: title, due: due, responsible: responsible, result: result, status: status, origin: node.ref)
    }
}
