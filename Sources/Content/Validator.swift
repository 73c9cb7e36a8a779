import Domain
import Foundation

/// Rules that need more than one file: references between entries, duplicate slugs,
/// and names in free text checked against the people who consented.
public enum Validator {
    /// - Parameter sources: the decoded files, to point a finding in front matter at its line.
    public static func validate(_ content: SiteContent, sources: [String: SourceFile] = [:]) -> [Diagnostic] {
        var out: [Diagnostic] = []
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
        let reserved = Set(["news", "cases", "mentors", "programs", "documents", "roadmap", "indicators", "partners", "search", "sv",
                            "assets", "files", "images", "tags", "404"])
        for page in content.pages where reserved.contains(page.slug) {
            out.append(.error("slug.reserved", "имя страницы `\(page.slug)` занято разделом сайта", at: page.origin,
                              hint: "Переименуйте файл pages/\(page.slug).md."))
        }

        // Names with a patronymic in free text must belong to someone who consented.
        var consented: [String] = content.mentors.map(\.name)
        consented += (content.settings.curators + content.settings.responsible).map(\.name).filter { !$0.isEmpty }
        for c in content.cases { if case .person(let name, _) = c.mentor { consented.append(name) } }
        let people = consented
        // The name scan reads every text of every case and news item: on all cores.
        // Front-matter texts (results, summary) have no line of their own: 0 means "find it in the file".
        var texts: [(text: String, firstLine: Int, file: String)] = []
        for c in content.cases {
            texts.append((c.body.text, c.body.firstLine, c.origin.file))
            for text in c.results + [c.summary ?? ""] { texts.append((text, 0, c.origin.file)) }
        }
        for n in content.news {
            texts.append((n.body.text, n.body.firstLine, n.origin.file))
            if let summary = n.summary { texts.append((summary, 0, n.origin.file)) }
        }
        out += texts.parallelMap { item -> [Diagnostic] in
            guard PersonalData.mayContainPatronymic(item.text) else { return [] }
            var found: [Diagnostic] = []
            var lineNumber = item.firstLine
            for line in item.text.split(separator: "\n", omittingEmptySubsequences: false) {
                for name in PersonalData.fullNames(in: String(line))
                where !people.contains(where: { PersonalData.sameName(name, $0) }) {
                    let at = item.firstLine > 0 ? SourceRef(file: item.file, line: lineNumber, column: 1)
                        : locate(name, in: sources[item.file], file: item.file)
                    found.append(.warning("privacy.unconsented-name",
                                          "в тексте названо полное имя «\(name)», а согласия этого человека на публикацию нет в материалах сайта",
                                          at: at,
                                          hint: "Если это взрослый, добавьте его страницу в mentors/ с датой согласия; если ребёнок — уберите имя."))
                }
                lineNumber += 1
            }
            return found
        }.joined()
        return out
    }

    /// The first line of the file that holds `text`, with its column; line 1 when not found.
    static func locate(_ text: String, in file: SourceFile?, file path: String) -> SourceRef {
        guard let file else { return SourceRef(file: path, line: 1, column: 1) }
        for (i, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: text) {
                return SourceRef(file: path, line: i + 1, column: line.distance(from: line.startIndex, to: range.lowerBound) + 1)
            }
        }
        return SourceRef(file: path, line: 1, column: 1)
    }

    private static func duplicates(_ items: [(String, SourceRef)], kind: String) -> [Diagnostic] {
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
