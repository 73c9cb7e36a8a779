import Domain
import Foundation
import Markdown
#if canImport(Glibc)
import Glibc
#endif

/// The schools of a bank: every folder matching `sources`, each loaded and checked on its
/// own and on all cores, so one school's errors or size never hold up the others.
public struct LoadedBank: Sendable {
    public var bank: Bank
    /// The bank's own findings: patterns that match nothing, duplicate practices.
    public var diagnostics: [Diagnostic]
    /// Every school's decoded files, for showing offending lines in the report.
    public var sources: [String: SourceFile]
    /// Every file's digest, the schools' and the bank's own.
    public var digests: [String: Fingerprint]
    /// Each school's file list, in the order of `bank.schools`.
    public var files: [ContentFiles]
}

public enum BankLoader {
    /// - Parameters:
    ///   - root: the bank's content folder (where its site.yml is); patterns are relative to it.
    ///   - shownRoot: how that folder is shown in messages.
    ///   - check: further checks of a loaded school (its id, content, files, and the print of
    ///     its files, `ContentFiles.print(digests:)`), run on the same core.
    ///   - progress: schools checked so far and in all, as they finish.
    public static func load(root: URL, shownRoot: String, files bankFiles: ContentFiles? = nil, settings: SiteSettings, options: LoadOptions, settingsFile: String,
                            memo: ScanMemo? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil,
                            check: @escaping @Sendable (String, SiteContent, ContentFiles, Fingerprint) -> [Diagnostic] = { _, _, _, _ in [] }) -> LoadedBank {
        var diagnostics: [Diagnostic] = []
        var folders: [String] = []
        let sourcesRef = settings.sourcesOrigin ?? SourceRef(file: settingsFile, line: 1, column: 1)
        let realRoot = ContentFiles.realPath(root.path) ?? root.path
        for pattern in settings.sources {
            let matches = expand(pattern, in: root.path)
            if matches.isEmpty {
                diagnostics.append(.warning("bank.source-empty", "по шаблону `\(pattern)` не найдено ни одной папки школы",
                                            at: sourcesRef,
                                            hint: "Шаблон пишется от папки с site.yml банка, например `schools/*/content`."))
            }
            for folder in matches where !folders.contains(folder) {
                // Followed links count too: the real folder must lie inside the bank's folder.
                let real = ContentFiles.realPath(folder.hasPrefix("/") ? folder : root.path + "/" + folder) ?? folder
                if !real.hasPrefix(realRoot + "/") {
                    guard settings.sourcesOutside else {
                        diagnostics.append(.warning("bank.source-outside", "папка школы `\(folder)` лежит вне папки банка (\(real)) и не прочитана",
                                                  at: sourcesRef,
                                                  hint: "Скопируйте папку школы внутрь папки банка или, если чтение извне задумано, добавьте в site.yml `sources_outside: true`."))
                        continue
                    }
                    diagnostics.append(.info("bank.source-outside", "папка школы `\(folder)` лежит вне папки банка (\(real)); прочитана, так как `sources_outside: true`",
                                             at: sourcesRef))
                }
                folders.append(folder)
            }
        }

        let ids = uniqueIDs(folders)
        let finished = Counter()
        @Sendable func shown(_ folder: String) -> String { shownRoot.isEmpty ? folder : shownRoot + "/" + folder }
        // Listed with the bank's own folder when it was: not walked again.
        let listings = bankFiles.map { bank in bank.subfolders(folders.map { ($0, shown($0)) }) }
        let loaded: [(BankSchool, LoadedContent)] = Array(zip(folders, ids).enumerated()).parallelMap { i, school in
            let (folder, id) = school
            let shown = shown(folder)
            let result = listings.map { ContentLoader.load($0[i], options: options) }
                ?? ContentLoader.load(root.appendingPathComponent(folder), shownAs: shown, options: options)
            var found = result.diagnostics
            // A school's findings are those of its files alone (and of the options the kept
            // entries are keyed by): kept while its files are the same, the school is not
            // checked again (a bank's 500 schools, one of them changed overnight).
            let print = result.files.print(digests: result.digests)
            if let content = result.content {
                func validate() -> [Diagnostic] {
                    Validator.validate(content, sources: SourceLookup(result.sources, folder: result.files), digests: result.digests, memo: memo)
                }
                found += options.cache?.derived(shown + "#checked", key: print, make: validate) ?? validate()
            }
            if let content = result.content, content.settings.kind == .bank {
                found.append(.error("bank.nested", "папка школы сама описана как банк практик (`kind: bank`)",
                                    at: SourceRef(file: shown + "/site.yml", line: 1, column: 1),
                                    hint: "В `sources` указывают папки content школ, а не другого банка."))
            }
            if !found.hasErrors, let content = result.content { found += check(id, content, result.files, print) }
            let content = found.hasErrors ? nil : result.content
            progress?(finished.next(), ids.count)
            var kept = result
            kept.content = nil
            return (BankSchool(id: id, folder: shown, content: content, diagnostics: found, settings: result.content?.settings), kept)
        }
        var schools = loaded.map(\.0)
        var sources: [String: SourceFile] = [:]
        var digests: [String: Fingerprint] = [:]
        for (_, result) in loaded {
            sources.merge(result.sources) { a, _ in a }
            digests.merge(result.digests) { a, _ in a }
        }

        // The same practice sent twice (same organisation, same title) is published once.
        var practices: [Practice] = []
        var seen: [String: SourceRef] = [:]
        for (s, school) in schools.enumerated() {
            guard let content = school.content else { continue }
            for (c, item) in content.cases.enumerated() {
                let key = RussianFold.fold(content.settings.organization.name) + "\u{1F}" + RussianFold.fold(item.title)
                if let first = seen[key] {
                    let duplicate = Diagnostic.warning("bank.duplicate-practice",
                                                       "практика «\(item.title)» организации «\(school.name)» уже есть в банке: \(first.file); опубликована один раз",
                                                       at: item.origin, hint: "Удалите повторный файл или измените название, если это другая практика.")
                    schools[s].diagnostics.append(duplicate)
                    continue
                }
                seen[key] = item.origin
                practices.append(Practice(school: s, caseIndex: c, entry: item))
            }
        }
        var bank = Bank(schools: schools, practices: practices)
        // A school of another region is shown apart and never summed into this bank's figures.
        if let region = settings.organization.region.map(RussianFold.fold) {
            bank.otherRegion = Set(schools.indices.filter { i in
                schools[i].settings?.organization.region.map { RussianFold.fold($0) != region } ?? false
            })
        }
        let own = bankFiles ?? ContentFiles(root: root, shownRoot: shownRoot)
        if let review = loadReview(own, bank: bank, diagnostics: &diagnostics, sources: &sources, digests: &digests) {
            bank.reviews = review
            bank.practices = bank.practices.filter { review[bank.reviewKey($0)]?.status == .selected }
        }
        bank.competitions = loadCompetitions(own, bank: bank, diagnostics: &diagnostics, sources: &sources, digests: &digests)
        return LoadedBank(bank: bank, diagnostics: diagnostics, sources: sources, digests: digests, files: loaded.map(\.1.files))
    }

    /// `competitions.yml` beside the bank's site.yml; winners name published practices and mentors.
    static func loadCompetitions(_ files: ContentFiles, bank: Bank, diagnostics: inout [Diagnostic],
                                 sources: inout [String: SourceFile], digests: inout [String: Fingerprint]) -> [Competition] {
        guard let read = bankFile("competitions.yml", files, diagnostics: &diagnostics, sources: &sources, digests: &digests),
              let node = read else { return [] }
        let sink = DiagnosticSink()
        let practices = Set(bank.practices.map(bank.reviewKey))
        var mentors: Set<String> = []
        for school in bank.schools { for m in school.content?.mentors ?? [] { mentors.insert(school.id + "/" + m.slug) } }
        var out: [Competition] = []
        guard case .sequence(let items) = node.value else {
            sink.error("field.type", "competitions.yml должен быть списком конкурсов («- title: …»)", at: node.ref)
            diagnostics += sink.diagnostics
            return []
        }
        for item in items {
            guard var f = FieldReader(item, sink: sink, what: "конкурс") else { continue }
            let title = f.string("title", required: true, describe: "название конкурса")
            let year = f.int("year", range: 1990...2100)
            var nominations: [Competition.Nomination] = []
            for n in f.sequence("nominations") ?? [] {
                guard var nf = FieldReader(n, sink: sink, what: "номинация") else { continue }
                let nominationTitle = nf.string("title", required: true, describe: "название номинации")
                var winners: [Competition.Winner] = []
                for w in nf.sequence("winners") ?? [] {
                    guard var wf = FieldReader(w, sink: sink, what: "победитель") else { continue }
                    let practice = wf.string("practice").map { $0.hasSuffix(".md") ? String($0.dropLast(3)) : $0 }
                    let mentor = wf.string("mentor").map { $0.hasSuffix(".md") ? String($0.dropLast(3)) : $0 }
                    let place = wf.int("place", range: 1...100)
                    wf.finish(allowed: ["practice", "mentor", "place"])
                    if practice == nil, mentor == nil {
                        sink.error("field.required", "у победителя нет ни `practice`, ни `mentor`", at: w.ref,
                                   hint: "Победитель — практика `<папка школы>/<кейс>` или наставник `<папка школы>/<наставник>`.")
                        continue
                    }
                    if let practice, !practices.contains(practice) {
                        sink.warning("bank.competition-unknown", "в банке нет опубликованной практики `\(practice)`", at: w.ref,
                                     hint: "Практика называется по папке школы и имени файла кейса без .md, как в отчёте; отклонённые экспертами практики не публикуются.")
                    }
                    if let mentor, !mentors.contains(mentor) {
                        sink.warning("bank.competition-unknown", "в банке нет наставника `\(mentor)`", at: w.ref,
                                     hint: "Наставник называется по папке школы и имени файла из mentors/ без .md.")
                    }
                    winners.append(Competition.Winner(practice: practice, mentor: mentor, place: place))
                }
                nf.finish(allowed: ["title", "winners"])
                if let nominationTitle { nominations.append(Competition.Nomination(title: nominationTitle, winners: winners)) }
            }
            f.finish(allowed: ["title", "year", "nominations"])
            if let title { out.append(Competition(title: title, year: year, nominations: nominations)) }
        }
        diagnostics += sink.diagnostics
        return out
    }

    /// A YAML file of the bank's own beside its site.yml: nil when there is none, `.some(nil)`
    /// when it is there but unusable (the problems are in `diagnostics`).
    static func bankFile(_ name: String, _ files: ContentFiles, diagnostics: inout [Diagnostic],
                         sources: inout [String: SourceFile], digests: inout [String: Fingerprint]) -> YAMLNode?? {
        guard files.exists(name) else { return nil }
        switch files.read(name) {
        case .failure(let problem):
            diagnostics.append(problem)
            return .some(nil)
        case .success(let file):
            sources[file.path] = file
            digests[file.path] = file.digest
            let (node, found) = YAMLParser.parse(file.text, file: file.path)
            diagnostics += found
            return .some(found.hasErrors ? nil : node)
        }
    }

    /// `review.yml` beside the bank's site.yml: the centre's decision on each practice. With it,
    /// only selected practices are published.
    static func loadReview(_ files: ContentFiles, bank: Bank, diagnostics: inout [Diagnostic],
                           sources: inout [String: SourceFile], digests: inout [String: Fingerprint]) -> [String: ReviewDecision]? {
        guard let read = bankFile("review.yml", files, diagnostics: &diagnostics, sources: &sources, digests: &digests) else { return nil }
        guard let node = read else { return [:] }
        let sink = DiagnosticSink()
        var decisions: [String: ReviewDecision] = [:]
        let known = Set(bank.practices.map(bank.reviewKey))
        let items: [YAMLNode]
        if case .sequence(let list) = node.value { items = list } else {
            sink.error("field.type", "review.yml должен быть списком решений («- practice: …»)", at: node.ref)
            items = []
        }
        for item in items {
            guard var f = FieldReader(item, sink: sink, what: "решение по практике") else { continue }
            let practice = f.string("practice", required: true, describe: "практика: `<папка школы>/<имя файла кейса>`")
            let status = f.choice("status", ReviewDecision.Status.self, required: true, describe: "selected, candidate или rejected")
            let score = f.int("score", range: 0...1000)
            let comment = f.string("comment")
            let competition = f.string("competition")
            f.finish(allowed: ["practice", "status", "score", "comment", "competition"])
            guard let practice, let status else { continue }
            let key = practice.hasSuffix(".md") ? String(practice.dropLast(3)) : practice
            if !known.contains(key) {
                let guess = Suggestion.nearest(to: key, in: Array(known)).map { "; возможно, `\($0)`?" } ?? ""
                sink.warning("bank.review-unknown", "в банке нет практики `\(key)`\(guess)", at: item.ref,
                             hint: "Практика называется по папке школы и имени файла кейса без .md, как в отчёте: `school-7/robototehnika`.")
            }
            decisions[key] = ReviewDecision(status: status, score: score, comment: comment, competition: competition)
        }
        diagnostics += sink.diagnostics
        return decisions
    }


    /// Folders matching a shell pattern (`schools/*/content`), relative to `base`, sorted.
    static func expand(_ pattern: String, in base: String) -> [String] {
        let absolute = pattern.hasPrefix("/") ? pattern : base + "/" + pattern
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(absolute, Int32(GLOB_ONLYDIR | GLOB_MARK), nil, &result) == 0 else { return [] }
        var out: [String] = []
        for i in 0..<Int(result.gl_pathc) {
            guard let cString = result.gl_pathv[i] else { continue }
            var path = String(cString: cString)
            while path.hasSuffix("/") { path.removeLast() }
            let prefix = base.hasSuffix("/") ? base : base + "/"
            out.append(path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path)
        }
        return out.sorted()
    }

    /// `schools/school-7/content` → `school-7`; repeated names get `-2`, `-3`.
    static func uniqueIDs(_ folders: [String]) -> [String] {
        var used: Set<String> = []
        return folders.map { folder in
            var parts = folder.split(separator: "/").map(String.init).filter { $0 != "." && $0 != ".." }
            if parts.count > 1, parts.last == "content" { parts.removeLast() }
            var id = Slug.make(parts.last ?? "school")
            if id.isEmpty { id = "school" }
            // practices/<id>/… must not land in the facet folders beside it.
            if ["form", "role", "level", "municipality", "year", "page"].contains(id) { id = "school-" + id }
            var candidate = id
            var n = 2
            while used.contains(candidate) { candidate = "\(id)-\(n)"; n += 1 }
            used.insert(candidate)
            return candidate
        }
    }
}
