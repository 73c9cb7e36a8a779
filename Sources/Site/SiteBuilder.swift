import Content
import Domain
import Foundation
import Markdown
import Theme

public struct BuildOptions: Sendable {
    public var content: URL
    /// How the content folder is shown in messages (`content`).
    public var shownContent: String
    public var output: URL
    public var baseURL: String?
    public var drafts: Bool
    public var today: DayDate
    /// Where `default` lives, when not found by the usual search.
    public var defaultTheme: URL?

    public init(content: URL, shownContent: String, output: URL, baseURL: String? = nil, drafts: Bool = false,
                today: DayDate, defaultTheme: URL? = nil) {
        self.content = content
        self.shownContent = shownContent
        self.output = output
        self.baseURL = baseURL
        self.drafts = drafts
        self.today = today
        self.defaultTheme = defaultTheme
    }
}

public struct BuildResult: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// Written and swapped into place.
        case built
        /// Rendered in memory only (`check`).
        case checked
        /// Content errors: nothing written, the previous output untouched.
        case contentErrors
    }

    public var outcome: Outcome
    public var diagnostics: [Diagnostic]
    public var sources: [String: SourceFile]
    public var pages: Int
    public var seconds: Double
}

public enum BuildFailure: Error, Sendable {
    case theme(String)
    case output(String)
}

/// The pipeline: load → validate → resolve → render → write.
public enum SiteBuilder {
    /// Loads, checks and renders; writes and swaps the output only when `write` and no errors.
    public static func build(_ options: BuildOptions, write: Bool = true, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> BuildResult {
        let started = Date()
        let loaded = ContentLoader.load(options.content, shownAs: options.shownContent,
                                        options: LoadOptions(drafts: options.drafts, today: options.today))
        var diagnostics = loaded.diagnostics
        guard var content = loaded.content, !diagnostics.hasErrors else {
            return BuildResult(outcome: .contentErrors, diagnostics: diagnostics, sources: loaded.sources, pages: 0,
                               seconds: Date().timeIntervalSince(started))
        }
        if let baseURL = options.baseURL { content.settings.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/" }

        let theme: Theme
        do {
            theme = try Theme.load(name: content.settings.theme, siteRoot: options.content.deletingLastPathComponent(),
                                   defaultTheme: options.defaultTheme)
        } catch Theme.LoadError.defaultThemeNotFound(let searched) {
            throw BuildFailure.theme("не найдена тема default; искали в: " + searched.joined(separator: ", "))
        } catch Theme.LoadError.templateSyntax(let file, let line, let column, let message) {
            throw BuildFailure.theme("\(file):\(line):\(column): ошибка в шаблоне: \(message)")
        }

        let plan = SitePlan.pages(for: content, today: options.today)
        let urls = SiteURLs(baseURL: content.settings.baseURL)
        let renderer = BodyRenderer(files: loaded.files, knownPaths: Set(plan.map(\.path)),
                                    options: MarkdownOptions(unsafeHTML: content.settings.unsafeHTML))
        let contexts = PageContexts(content: content, today: options.today, urls: urls, body: renderer,
                                    facets: Facets.caseFacets(content.cases))

        let themeName = content.settings.theme
        let output: AtomicOutput? = write ? try makeOutput(options.output) : nil
        let counter = ProgressCounter(total: plan.count, report: progress)
        let results: [(Diagnostic?, [Diagnostic])] = plan.parallelMap { page in
            let rendered = contexts.context(for: page)
            guard let html = theme.render(rendered.template, rendered.context) else {
                return (.error("theme.template-missing", "в теме нет шаблона `\(rendered.template).mustache`",
                               at: SourceRef(file: "themes/\(themeName)/templates")), rendered.diagnostics)
            }
            // 404.html is served from any depth by the web server; it only links into the copy.
            let vision = page.path == "404.html" ? nil
                : theme.render(rendered.template, PageContexts.visionVariant(of: rendered.context, path: page.path))
            if let output {
                do {
                    try output.write(Data(html.utf8), to: SiteURLs.file(forPath: page.path))
                    if let vision { try output.write(Data(vision.utf8), to: SiteURLs.visionFolder + SiteURLs.file(forPath: page.path)) }
                } catch {
                    return (.error("output.write", "не удалось записать \(page.path): \(error.localizedDescription)",
                                   at: SourceRef(file: options.output.path)), rendered.diagnostics)
                }
            }
            counter.tick()
            return (nil, rendered.diagnostics)
        }
        for (failure, found) in results {
            if let failure { diagnostics.append(failure) }
            diagnostics.append(contentsOf: found)
        }
        guard let output else {
            return BuildResult(outcome: diagnostics.hasErrors ? .contentErrors : .checked, diagnostics: diagnostics,
                               sources: loaded.sources, pages: plan.count, seconds: Date().timeIntervalSince(started))
        }
        guard !diagnostics.hasErrors else {
            output.discard()
            return BuildResult(outcome: .contentErrors, diagnostics: diagnostics, sources: loaded.sources, pages: 0,
                               seconds: Date().timeIntervalSince(started))
        }

        do {
            try writeExtras(content, plan: plan, urls: urls, theme: theme, files: loaded.files, to: output)
            try output.commit()
        } catch {
            output.discard()
            throw BuildFailure.output("не удалось записать сайт в \(options.output.path): \(error.localizedDescription)")
        }
        if content.settings.baseURL == nil {
            diagnostics.append(.info("site.no-base-url", "в site.yml нет `base_url`: RSS, Atom и sitemap.xml не созданы",
                                     at: SourceRef(file: options.shownContent + "/site.yml", line: 1, column: 1),
                                     hint: "Добавьте `base_url: \"https://адрес-школы.ru/nastavnichestvo/\"`."))
        }
        return BuildResult(outcome: .built, diagnostics: diagnostics, sources: loaded.sources, pages: plan.count,
                           seconds: Date().timeIntervalSince(started))
    }

    private static func makeOutput(_ url: URL) throws -> AtomicOutput {
        do { return try AtomicOutput(destination: url) } catch {
            throw BuildFailure.output("не удалось создать папку для сайта рядом с \(url.path): \(error.localizedDescription)")
        }
    }

    /// Feeds, sitemap, robots.txt, the search index, theme assets and content files.
    private static func writeExtras(_ content: SiteContent, plan: [PlannedPage], urls: SiteURLs, theme: Theme,
                                    files: ContentFiles, to output: AtomicOutput) throws {
        let news = content.news.sorted { ($0.date, $0.slug) > ($1.date, $1.slug) }
        if let base = urls.baseURL {
            if !news.isEmpty {
                try output.write(Data(Feeds.rss(content, base: base, items: Array(news.prefix(50))).utf8), to: "news/rss.xml")
                try output.write(Data(Feeds.atom(content, base: base, items: Array(news.prefix(50))).utf8), to: "news/atom.xml")
            }
            let paths = plan.map(\.path).filter { $0 != "404.html" && $0 != "search/" }
            try output.write(Data(Feeds.sitemap(base: base, paths: paths).utf8), to: "sitemap.xml")
        }
        try output.write(Data(Feeds.robots(base: urls.baseURL).utf8), to: "robots.txt")
        // The copy for the visually impaired links relatively too, so it gets its own files (hard links).
        let index = SearchIndex.json(content)
        for prefix in ["", SiteURLs.visionFolder] {
            try output.write(index, to: prefix + "search-index.json")
            for (relative, source) in theme.assets() { try output.copy(source, to: prefix + "assets/" + relative) }
            for path in content.assets { try output.copy(files.url(path), to: prefix + path) }
        }
    }
}

/// Counts rendered pages for a progress display; reports at most ~100 times.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let total: Int
    private let report: (@Sendable (Int, Int) -> Void)?

    init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
        self.total = total
        self.report = report
    }

    func tick() {
        guard let report else { return }
        lock.lock()
        done += 1
        let n = done
        lock.unlock()
        if n == total || n % max(1, total / 100) == 0 { report(n, total) }
    }
}
