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
        /// The files messages point into, read when asked for: `serve` tells the open tabs to
        /// reload before it reads and prints hundreds of warnings.
        public var sources: [String: SourceFile] { sources(for: diagnostics) }
        /// The files some of the messages point into.
        public func sources(for shown: [Diagnostic]) -> [String: SourceFile] { files?.sources(for: shown, known: known) ?? known }
        var files: ContentFiles?
        var known: [String: SourceFile]
        /// Whether the content folder was listed and loaded whole; false when only the files the
        /// watcher named were read again (`ContentLoader.reload`).
        public var loadedWhole = true
        /// Pages rendered this time, and output files whose bytes changed.
        public var rendered: Int
        public var changed: [String]
        public var pages: Int
        public var seconds: Double
    }

    private let options: BuildOptions
    private let cache = EntryCache()
    private let memo = ScanMemo()
    private let searchCache = SearchIndex.Cache()
    private let fileCache = SiteRender.FileCache()
    /// What is served, swapped whole by each good rebuild while requests read it.
    private struct Served {
        var generated: [String: Data] = [:]
        var copied: [String: URL] = [:]
        var last: Last?
        /// The site whose data files (search index, a bank's lists) are not made yet: they are
        /// made when first asked for, since few edits are followed by a search.
        var pending: SiteRender?
        /// Counts rebuilds: data made for an older site is not served.
        var round = 0
    }

    /// The last good rebuild: what the next one compares with.
    private struct Last {
        var inputs: SiteInputs
        var themeName: String
        var paths: [String]
        var theme: Theme
        /// What each page read when it was last rendered, and what its rendering said (a
        /// broken link in a page not rendered again is still reported).
        var reads: [String: Set<Dependency>]
        var pageDiagnostics: [String: [Diagnostic]]
    }

    private let served = Mutex(Served())
    /// The last load, which an edit of a few entries patches.
    private let lastLoad = Mutex<LoadedContent?>(nil)

    /// The theme folders of the last build (the site's own, then `default`), for watching.
    public var themeFolders: [URL] { served.withLock { $0.last?.theme.folders ?? [] } }

    public init(options: BuildOptions) {
        self.options = options
    }

    /// What to answer for a site-relative output path (`news/x/index.html`).
    public func resource(_ path: String) -> Resource? {
        func lookup() -> Resource? {
            served.withLock { served in
                if let data = served.generated[path] { return .generated(data) }
                return served.copied[path].map { .file($0) }
            }
        }
        if let found = lookup() { return found }
        guard SiteRender.dataPaths.contains(path) else { return nil }
        makeData()
        return lookup()
    }

    /// Makes the pending data files, once (concurrent requests wait for the first).
    private func makeData() {
        making.withLock { _ in
            guard let pending = served.withLock({ s in s.pending.map { (site: $0, round: s.round) } }) else { return }
            let files = pending.site.dataFiles()
            served.withLock { served in
                guard served.round == pending.round else { return }
                for file in files { served.generated[file.path] = file.data }
                served.pending = nil
            }
        }
    }

    private let making = Mutex(())

    /// Every output path currently served.
    public var paths: [String] {
        makeData()
        return served.withLock { Array($0.generated.keys) + Array($0.copied.keys) }.sorted()
    }

    /// The same stages as `build` (`Pipeline`); only the pages whose recorded reads the edit
    /// changed are rendered, and the output stays in memory.
    /// - Parameter themeChanged: reload templates and assets (a file outside the content folder changed).
    /// - Parameter changed: the files that changed, relative to the content folder, when the
    ///   watcher knows them: only those are read again if they are entries (`ContentLoader.reload`).
    public func rebuild(themeChanged: Bool = true, changed: [String]? = nil) throws -> Rebuild {
        let started = Date()
        var clock = StageClock()
        memo.beginRound()
        func load() -> (LoadedContent, whole: Bool) {
            if let changed, let last = lastLoad.withLock({ $0 }) {
                cache.beginRound(keepingAll: true)
                let options = LoadOptions(drafts: self.options.drafts, today: self.options.today, cache: cache)
                if let patched = ContentLoader.reload(last, changed: changed, options: options) { return (patched, false) }
            }
            cache.beginRound()
            return (Pipeline.load(options, cache: cache), true)
        }
        let (loaded, loadedWhole) = load()
        lastLoad.withLock { $0 = loaded }
        clock.lap("load")
        let entryPrints = Pipeline.entryPrints(loaded)
        let checked = Pipeline.validate(loaded, options: options, memo: memo)
        clock.lap("validate")
        func failed(_ diagnostics: [Diagnostic]) -> Rebuild {
            Rebuild(succeeded: false, diagnostics: diagnostics, files: checked.files, known: checked.sources, loadedWhole: loadedWhole,
                    rendered: 0, changed: [], pages: 0, seconds: Date().timeIntervalSince(started))
        }
        guard let content = checked.content, !checked.diagnostics.hasErrors else { return failed(checked.diagnostics) }

        let previous = served.withLock { $0.last }
        let reuseTheme = !themeChanged && previous?.themeName == content.settings.theme
        let theme = try previous.flatMap { reuseTheme ? $0.theme : nil }
            ?? SiteBuilder.loadTheme(content.settings.theme, options: options)
        let bank = content.settings.kind == .bank ? Pipeline.schools(of: content, files: checked.files, options: options, cache: cache, memo: memo) : nil
        let bankDiagnostics = (bank?.diagnostics ?? []) + (bank?.exclusions ?? [])
        let digests = checked.digests.merging(bank?.digests ?? [:]) { a, _ in a }
        var resolved = Pipeline.resolve(content, files: checked.files, digests: digests, theme: theme,
                                        kind: bank.map { .bank($0.site) } ?? .school, options: options, entries: entryPrints?.value)
        clock.lap("resolve")
        guard !resolved.diagnostics.hasErrors else { return failed(checked.diagnostics + bankDiagnostics + resolved.diagnostics) }
        resolved.site.searchCache = searchCache
        if !reuseTheme { fileCache.clear() }
        resolved.site.fileCache = fileCache
        let site = resolved.site
        let paths = site.plan.map(\.path)
        let pages: [PlannedPage]
        if let previous, reuseTheme, previous.paths == paths,
           let changes = ContentChange.between(previous.inputs, resolved.inputs) {
            pages = site.plan.filter { page in previous.reads[page.path].map { !$0.isDisjoint(with: changes) } ?? true }
        } else {
            pages = site.plan
        }

        let results = Pipeline.render(site, pages) { _, page in page }
        clock.lap("render \(pages.count)")
        let full = pages.count == site.plan.count
        var pageDiagnostics = full ? [:] : previous?.pageDiagnostics ?? [:]
        for (page, result) in zip(pages, results) { pageDiagnostics[page.path] = result.diagnostics }
        var diagnostics = checked.diagnostics + bankDiagnostics + resolved.diagnostics
            + site.plan.flatMap { pageDiagnostics[$0.path] ?? [] }
        guard !diagnostics.hasErrors else { return failed(diagnostics) }
        if content.settings.baseURL == nil { diagnostics.append(SiteBuilder.noBaseURL(options.shownContent)) }

        let extras = site.extras(includingData: false)
        clock.lap("extras")
        var changed: [String] = []
        // The last site is let go after the lock: freeing it is not the requests' wait.
        var replaced = Served()
        defer { withExtendedLifetime(replaced) {} }
        served.withLock { served in
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
            var reads = full ? [:] : served.last?.reads ?? [:]
            for (page, result) in zip(pages, results) { reads[page.path] = result.reads }
            // The last data files stay out of what is served until made again for this site.
            for path in SiteRender.dataPaths { newGenerated[path] = nil }
            replaced = served
            served = Served(generated: newGenerated, copied: newCopied,
                            last: Last(inputs: resolved.inputs, themeName: content.settings.theme, paths: paths, theme: theme, reads: reads,
                                       pageDiagnostics: pageDiagnostics),
                            pending: site, round: served.round + 1)
        }
        return Rebuild(succeeded: true, diagnostics: diagnostics, files: checked.files, known: checked.sources, loadedWhole: loadedWhole,
                       rendered: pages.count,
                       changed: changed.sorted(), pages: site.plan.count, seconds: Date().timeIntervalSince(started))
    }
}
