import Content
import Domain
import Foundation
import Synchronization
import Images
import Markdown
import Theme

/// The site kept in memory between edits, for `serve`: each rebuild reloads the content,
/// works out which pages the change can affect, renders only those, and keeps the last
/// good site when the new content has errors.
public final class LiveSite: Sendable {
    public enum Resource: Sendable {
        case generated(Data)
        case file(URL)
    }

    public struct Rebuild: Sendable {
        /// False when the content has errors: the previous site is still served.
        public var succeeded: Bool
        public var diagnostics: [Diagnostic]
        public var sources: [String: SourceFile]
        /// Pages rendered this time, and output files whose bytes changed.
        public var rendered: Int
        public var changed: [String]
        public var pages: Int
        public var seconds: Double
    }

    private let options: BuildOptions
    private let cache = EntryCache()
    private let searchCache = SearchIndex.Cache()
    /// What is served, swapped whole by each good rebuild while requests read it.
    private struct Served {
        var generated: [String: Data] = [:]
        var copied: [String: URL] = [:]
        var last: (content: SiteContent, paths: [String], theme: Theme)?
    }

    private let served = Mutex(Served())

    /// The theme folders of the last build (the site's own, then `default`), for watching.
    public var themeFolders: [URL] { served.withLock { $0.last?.theme.folders ?? [] } }

    public init(options: BuildOptions) {
        self.options = options
    }

    /// What to answer for a site-relative output path (`news/x/index.html`).
    public func resource(_ path: String) -> Resource? {
        served.withLock { served in
            if let data = served.generated[path] { return .generated(data) }
            return served.copied[path].map { .file($0) }
        }
    }

    /// Every output path currently served.
    public var paths: [String] { served.withLock { Array($0.generated.keys) + Array($0.copied.keys) }.sorted() }

    /// - Parameter themeChanged: reload templates and assets (a file outside the content folder changed).
    public func rebuild(themeChanged: Bool = true) throws -> Rebuild {
        let started = Date()
        let loaded = ContentLoader.load(options.content, shownAs: options.shownContent,
                                        options: LoadOptions(drafts: options.drafts, today: options.today, cache: cache))
        func failed(_ diagnostics: [Diagnostic]) -> Rebuild {
            Rebuild(succeeded: false, diagnostics: diagnostics, sources: loaded.sources, rendered: 0, changed: [], pages: 0,
                    seconds: Date().timeIntervalSince(started))
        }
        guard var content = loaded.content, !loaded.diagnostics.hasErrors else { return failed(loaded.diagnostics) }
        options.applyBaseURL(to: &content)

        let previous = served.withLock { $0.last }
        let reuseTheme = !themeChanged && previous?.content.settings.theme == content.settings.theme
        let theme = try previous.flatMap { reuseTheme ? $0.theme : nil }
            ?? SiteBuilder.loadTheme(content.settings.theme, options: options)
        var bank: BankSite?
        var bankDiagnostics: [Diagnostic] = []
        if content.settings.kind == .bank {
            let (loadedBank, bodies) = SiteBuilder.loadBank(content, options: options)
            bankDiagnostics = loadedBank.diagnostics
                + loadedBank.bank.schools.filter(\.excluded).map { school in
                    .warning("bank.school-excluded", "организация исключена из банка: в её материалах есть ошибки",
                             at: SourceRef(file: school.folder + "/site.yml", line: 1, column: 1),
                             hint: "Подробности — в отчёте `nastavnik build` (report/index.html).")
                }
            bank = BankSite(bank: loadedBank.bank, files: loadedBank.files, targets: content.indicators,
                            options: MarkdownOptions(unsafeHTML: content.settings.unsafeHTML), rendered: bodies)
        }
        let images = SiteBuilder.processImages(content, files: loaded.files, bank: bank, options: options)
        guard !images.diagnostics.hasErrors else { return failed(loaded.diagnostics + bankDiagnostics + images.diagnostics) }
        var prepared = SiteRender(content: content, files: loaded.files, theme: theme, today: options.today, bank: bank, images: images.images)
        prepared.searchCache = searchCache
        let site = prepared
        let paths = site.plan.map(\.path)
        let pages: [PlannedPage]
        if let previous, reuseTheme, previous.paths == paths {
            pages = Self.affected(site.plan, old: previous.content, new: content)
        } else {
            pages = site.plan
        }

        let results = pages.parallelMap { site.render($0) }
        var diagnostics = loaded.diagnostics + bankDiagnostics + images.diagnostics + results.flatMap(\.diagnostics)
        guard !diagnostics.hasErrors else { return failed(diagnostics) }
        if content.settings.baseURL == nil { diagnostics.append(SiteBuilder.noBaseURL(options.shownContent)) }

        let extras = site.extras()
        var changed: [String] = []
        served.withLock { served in
            let full = pages.count == site.plan.count
            var newGenerated = full ? [:] : served.generated
            for file in results.flatMap(\.files) + extras.generated {
                if served.generated[file.path] != file.data { changed.append(file.path) }
                newGenerated[file.path] = file.data
            }
            if full { changed += served.generated.keys.filter { newGenerated[$0] == nil } }
            let newCopied = Dictionary(extras.copied.map { ($0.path, $0.source) }, uniquingKeysWith: { a, _ in a })
            if newCopied != served.copied || themeChanged {
                changed += newCopied.keys.filter { $0.hasPrefix("assets/") || served.copied[$0] == nil }
            }
            served = Served(generated: newGenerated, copied: newCopied, last: (content, paths, theme))
        }
        return Rebuild(succeeded: true, diagnostics: diagnostics, sources: loaded.sources, rendered: pages.count,
                       changed: changed.sorted(), pages: site.plan.count, seconds: Date().timeIntervalSince(started))
    }

    /// The pages whose output can differ when the site has the same pages as before. Anything
    /// shown on many pages (settings, navigation, documents, roadmap, indicators, partners)
    /// means every page; an entry means its own page and the lists that show it.
    static func affected(_ plan: [PlannedPage], old: SiteContent, new: SiteContent) -> [PlannedPage] {
        // A bank's pages come from its schools' folders, which this comparison does not see.
        guard new.settings.kind != .bank, old.settings == new.settings, old.home == new.home, old.documents == new.documents,
              old.roadmaps == new.roadmaps, old.indicators == new.indicators, old.partners == new.partners,
              old.assets == new.assets,
              old.pages.map({ [$0.title, String($0.weight)] }) == new.pages.map({ [$0.title, String($0.weight)] })
        else { return plan }

        func changed<T: Equatable>(_ a: [T], _ b: [T]) -> Set<Int> {
            Set(zip(a, b).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset))
        }
        let news = changed(old.news, new.news), cases = changed(old.cases, new.cases)
        let mentors = changed(old.mentors, new.mentors), programs = changed(old.programs, new.programs)
        let pages = changed(old.pages, new.pages)
        let mentorSlugs = Set(mentors.map { new.mentors[$0].slug })
        let programSlugs = Set(programs.map { new.programs[$0].slug })
        // Mentors whose page lists a changed case, before or after the edit.
        var mentorsOfCases: Set<String> = []
        for i in cases {
            for c in [old.cases[i], new.cases[i]] { if case .page(let slug) = c.mentor { mentorsOfCases.insert(slug) } }
        }

        // A news item edited without moving in the date order changes only its list page
        // (and the main page when it is among the latest there).
        let perPage = max(1, new.settings.newsPerPage)
        let order = new.news.indices.sorted { (new.news[$0].date, new.news[$0].slug) > (new.news[$1].date, new.news[$1].slug) }
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        let newsMoved = news.contains { old.news[$0].date != new.news[$0].date }
        let newsListPages = Set(news.compactMap { position[$0].map { $0 / perPage + 1 } })
        let newsOnHome = news.contains { (position[$0] ?? .max) < 3 }

        let facetsChanged = cases.contains { i in
            let (a, b) = (old.cases[i], new.cases[i])
            return a.form != b.form || a.roleModel != b.roleModel || a.period?.year != b.period?.year || a.tags != b.tags
        }

        return plan.filter { page in
            switch page.kind {
            case .home: return newsMoved || newsOnHome || !cases.isEmpty || !mentors.isEmpty || !programs.isEmpty
            case .newsList(let number, _): return newsMoved || newsListPages.contains(number)
            case .newsItem(let i): return news.contains(i)
            case .cases(_, let filter, _, _, _):
                // Every list shows the facet counts; otherwise a list shows the case or not.
                return facetsChanged || cases.contains { filter.matches(old.cases[$0]) || filter.matches(new.cases[$0]) }
            case .caseItem(let i):
                let c = new.cases[i]
                if case .page(let slug) = c.mentor, mentorSlugs.contains(slug) { return true }
                return cases.contains(i) || c.program.map(programSlugs.contains) == true
            case .mentors: return !mentors.isEmpty
            case .mentor(let i): return mentors.contains(i) || mentorsOfCases.contains(new.mentors[i].slug)
            case .programs: return !programs.isEmpty
            case .program(let i): return programs.contains(i)
            case .page(let i): return pages.contains(i)
            case .documents, .roadmap, .indicators, .partners, .search, .notFound: return false
            case .practices, .practice, .schools, .school, .bankMentors, .bankMentor, .rollup, .competitions, .bankPrograms, .bankProgram: return true
            }
        }
    }
}
