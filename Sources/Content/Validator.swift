import Domain
import Foundation

/// Rules that need more than one file: references between entries, duplicate slugs,
/// and names in free text checked against the people who consented.
public enum Validator {
    /// - Parameters:
    ///   - sources: the files, to point a finding in front matter at its line (one not read by
    ///     the load is read when a finding needs it).
    ///   - digests: every file's digest: a text is known by its file's and its place there.
    ///   - memo: the name scan's findings of the last build or rebuild: a text not changed since is not scanned again.
    public static func validate(_ content: SiteContent, sources: SourceLookup = SourceLookup(), digests: [String: Fingerprint] = [:],
                                memo: ScanMemo? = nil) -> [Diagnostic] {
        var out: [Diagnostic] = []
        out += menteeLimits(content)
        out += Completeness.check(content)
        let mentorSlugs = Set(content.mentors.map(\.slug))
        let programSlugs = Set(content.programs.map(\.slug))

        for c in content.cases {
            if case .page(let slug) = c.mentor, !mentorSlugs.contains(slug) {
                let guess = Suggestion.nearest(to: slug, in: Array(mentorSlugs)).map { "; возможно, `mentors/\($0)`?" } ?? ""
                out.append(.error("ref.mentor", "страница наставника `mentors/\(slug)` не найдена\(guess)", at: c.origin,
                                  hint: "Поле `mentor` ссылается на файл mentors/<имя>.md; проверьте имя файла."))
            }
            if let program = c.program, !programSlugs.contains(program) {
                let guess = Suggestion.nearest(to: program, in: Array(programSlugs)).map { "; возможно, `\($0)`?" } ?? ""
                out.append(.error("ref.program", "программа `\(program)` не найдена в папке programs\(guess)", at: c.origin,
                                  hint: "Поле `program` — имя файла программы без .md."))
            }
        }

        out += duplicates(content.cases.map { ($0.slug, $0.origin) }, kind: "кейс")
        out += duplicates(content.mentors.map { ($0.slug, $0.origin) }, kind: "наставник")
        out += duplicates(content.news.map { ($0.slug, $0.origin) }, kind: "новость")
        out += duplicates(content.programs.map { ($0.slug, $0.origin) }, kind: "программа")
        out += duplicates(content.pages.map { ($0.slug, $0.origin) }, kind: "страница")
        out += duplicates(content.events.map { ($0.slug, $0.origin) }, kind: "мероприятие")
        // `events` is a section's only when the site has events: older sites may have a page of that name.
        let reserved = Set(["news", "cases", "mentors", "programs", "documents", "roadmap", "indicators", "partners", "search", "sv",
                            "assets", "files", "images", "tags", "404"] + (content.events.isEmpty ? [] : ["events"]))
        for page in content.pages where reserved.contains(page.slug) {
            out.append(.error("slug.reserved", "имя страницы `\(page.slug)` занято разделом сайта", at: page.origin,
                              hint: "Переименуйте файл pages/\(page.slug).md."))
        }

        // Names with a patronymic in free text must belong to someone who consented.
        var consented: [String] = content.mentors.map(\.name)
        consented += (content.settings.curators + content.settings.responsible).map(\.name).filter { !$0.isEmpty }
        for c in content.cases {
            if case .person(let name, _) = c.mentor { consented.append(name) }
            consented += c.namedMentees
        }
        let people = PersonalData.Consented(consented)
        // The name scan reads every free text of the site (13.6): on all cores.
        // Front-matter and YAML texts have no line of their own: 0 means "find it in the file".
        var texts: [ScannedText] = []
        func add(_ body: MarkdownBody, _ file: String) { texts.append(ScannedText(body: body, plain: "", file: file)) }
        func add(_ values: [String?], _ file: String) {
            for case let text? in values where !text.isEmpty { texts.append(ScannedText(body: nil, plain: text, file: file)) }
        }
        for c in content.cases {
            add(c.body, c.origin.file)
            add(c.results + [c.summary, c.title, c.audience], c.origin.file)
        }
        for n in content.news {
            add(n.body, n.origin.file)
            add([n.summary, n.title], n.origin.file)
        }
        if let home = content.home { add(home.body, home.origin.file) }
        for p in content.pages { add(p.body, p.origin.file); add([p.title], p.origin.file) }
        for p in content.programs { add(p.body, p.origin.file); add([p.title] + p.goals + p.tasks + p.expectedResults, p.origin.file) }
        for m in content.mentors { add(m.body, m.origin.file) }
        for r in content.roadmaps {
            for e in r.events { add([e.title, e.result, e.keyResult] + e.responsible + e.documents, e.origin.file) }
        }
        for e in content.events { add(e.body, e.origin.file); add([e.title, e.summary, e.place, e.audience], e.origin.file) }
        for p in content.partners { add([p.description], p.origin.file) }
        for d in content.documents { add([d.title], d.origin.file) }
        guard let memo else {
            return out + texts.parallelMap { scan($0, sources: sources, people: people) }.joined()
        }
        // An unchanged file makes the same texts in the same order: the texts of one file, one
        // after another, are known together by the file's digest and where the run starts among
        // its texts, without hashing them (a file without a digest is known by its texts).
        var runs: [(range: Range<Int>, key: Fingerprint)] = []
        var ordinals: [String: Int] = [:]
        let consenting = people.fingerprint
        var start = 0
        while start < texts.count {
            let file = texts[start].file
            var end = start + 1
            while end < texts.count, texts[end].file == file { end += 1 }
            var key = StableHasher()
            key.combine(consenting)
            key.combine(file)
            if let digest = digests[file] {
                key.combine(digest)
                let ordinal = ordinals[file, default: 0]
                ordinals[file] = ordinal + (end - start)
                key.combine(ordinal)
                key.combine(end - start)
            } else {
                for item in texts[start..<end] {
                    key.combine(item.firstLine)
                    key.combine(item.text)
                }
            }
            runs.append((start..<end, key.finalize()))
            start = end
        }
        let items = texts
        out += runs.parallelMap { run in
            memo.findings(run.key) { items[run.range].flatMap { scan($0, sources: sources, people: people) } }
        }.joined()
        return out
    }

    /// The name scan of one text: unconsented full names, and labels next to a child's name.
    /// A free text for the name scan; a body is read only when its file's findings are not
    /// remembered (a kept entry's body is not made into a string otherwise).
    struct ScannedText: Sendable {
        var body: MarkdownBody?
        var plain: String
        var file: String
        var text: String { body?.text ?? plain }
        /// Front-matter and YAML texts have no line of their own: 0 means "find it in the file".
        var firstLine: Int { body?.firstLine ?? 0 }
    }

    static func scan(_ item: ScannedText, sources: SourceLookup,
                     people: PersonalData.Consented) -> [Diagnostic] {
        let text = item.text
        var found = labelledChildren(text, firstLine: item.firstLine, file: item.file, sources: sources, adults: people)
        guard PersonalData.mayContainPatronymic(text) else { return found }
        var lineNumber = item.firstLine
        for line in text.lines {
            for name in PersonalData.fullNames(in: String(line))
            where !people.contains(name) {
                let at = item.firstLine > 0 ? SourceRef(file: item.file, line: lineNumber, column: 1)
                    : locate(name, in: sources.file(item.file), file: item.file)
                found.append(.warning("privacy.unconsented-name",
                                      "в тексте названо полное имя «\(name)», а согласия этого человека на публикацию нет в материалах сайта",
                                      at: at,
                                      hint: "Если это взрослый, добавьте его страницу в mentors/ с датой согласия; если ребёнок — уберите имя."))
            }
            lineNumber += 1
        }
        return found
    }

    /// At most `limits.mentees_per_mentor` (3 by the model положение, п. 2.5) mentees per
    /// mentor at a time: on a mentor's page, in one case, and across the cases of one mentor
    /// whose periods overlap. Warnings on cases (v1 sites keep building); an error on the
    /// mentor's own page, as in v1.
    static func menteeLimits(_ content: SiteContent) -> [Diagnostic] {
        let limit = content.settings.menteesPerMentor
        var out: [Diagnostic] = []
        for m in content.mentors {
            if let n = m.mentees, n > limit {
                out.append(.error("mentor.too-many-mentees", "у наставника \(n) наставляемых, а одновременно их может быть не больше \(limit)",
                                  at: m.menteesRef ?? m.origin,
                                  hint: "Так установлено положением о наставничестве (п. 2.5); другое число задаётся в site.yml: `limits: { mentees_per_mentor: N }`."))
            }
        }
        var byMentor: [String: [MentoringCase]] = [:]
        for c in content.cases {
            switch c.mentor {
            case .page(let slug): byMentor["page:" + slug, default: []].append(c)
            case .person(let name, _): byMentor["name:" + RussianFold.fold(name), default: []].append(c)
            case nil: continue
            }
        }
        for cases in byMentor.values {
            for c in cases {
                guard let n = c.mentees else { continue }
                let overlapping = cases.filter { other in
                    other.slug != c.slug && other.mentees != nil
                        && (c.period.flatMap { a in other.period.map { a.overlaps($0) } } ?? false)
                }
                let total = n + overlapping.compactMap(\.mentees).reduce(0, +)
                guard total > limit else { continue }
                let others = overlapping.map { "«\($0.title)» (\($0.origin.file))" }.joined(separator: ", ")
                let message = overlapping.isEmpty
                    ? "у наставника в этом кейсе \(n) наставляемых, а одновременно их может быть не больше \(limit)"
                    : "у наставника одновременно \(total) наставляемых: этот кейс и \(others); допустимо не больше \(limit)"
                out.append(.warning("case.too-many-mentees", message, at: c.menteesRef ?? c.origin,
                                    hint: "Проверьте числа и периоды кейсов; другой предел, если его задаёт положение школы: `limits: { mentees_per_mentor: N }` в site.yml."))
            }
        }
        return out
    }

    /// A label a child must never carry («неуспевающий», «трудный» …) in the same sentence as a
    /// personal name is an error (13.6): together they describe a particular child.
    static func labelledChildren(_ text: String, firstLine: Int, file: String, sources: SourceLookup,
                                 adults: PersonalData.Consented = PersonalData.Consented([])) -> [Diagnostic] {
        guard PersonalData.mayContainLabel(text) else { return [] }
        var out: [Diagnostic] = []
        var lineNumber = firstLine
        for line in text.lines {
            defer { lineNumber += 1 }
            // Most lines of a text that mentions a label do not: skip them with the byte scan.
            let lineText = String(line)
            guard PersonalData.mayContainLabel(lineText) else { continue }
            for sentence in PersonalData.sentences(lineText) where PersonalData.mayContainLabel(sentence) {
                guard let label = PersonalData.label(in: sentence), let name = PersonalData.personalName(in: sentence),
                      // A consented adult («наставник Иванова Мария Петровна работала с пассивными…») is no child.
                      !adults.contains(name) else { continue }
                let at = firstLine > 0 ? SourceRef(file: file, line: lineNumber, column: 1) : locate(name, in: sources.file(file), file: file)
                out.append(.error("privacy.labelled-child", "рядом с именем «\(name)» стоит ярлык «\(label)»: так описан конкретный ребёнок",
                                  at: at, hint: "Уберите имя или ярлык: по 152-ФЗ и этике наставничества детей не называют и не навешивают на них ярлыки целевой модели."))
            }
        }
        return out
    }

    /// The first line of the file that holds `text`, with its column; line 1 when not found.
    static func locate(_ text: String, in file: SourceFile?, file path: String) -> SourceRef {
        guard let file else { return SourceRef(file: path, line: 1, column: 1) }
        for (i, line) in file.text.lines.enumerated() {
            if let range = line.range(of: text) {
                return SourceRef(file: path, line: i + 1, column: line.distance(from: line.startIndex, to: range.lowerBound) + 1)
            }
        }
        return SourceRef(file: path, line: 1, column: 1)
    }

    private static func duplicates(_ items: [(String, SourceRef)], kind: String) -> [Diagnostic] {
        // Most sites have none: they are looked for before the items are sorted for the report.
        var slugs = Set<String>()
        slugs.reserveCapacity(items.count)
        guard items.contains(where: { !slugs.insert($0.0).inserted }) else { return [] }
        var seen: [String: SourceRef] = [:]
        var out: [Diagnostic] = []
        for (slug, ref) in items.sorted(by: { $0.1 < $1.1 }) {
            if let first = seen[slug] {
                out.append(.error("slug.duplicate", "\(kind) с адресом `\(slug)` уже есть: \(first.file)", at: ref,
                                  hint: "Адрес страницы берётся из имени файла или поля `slug`; сделайте его уникальным."))
            } else {
                seen[slug] = ref
            }
        }
        return out
    }
}
