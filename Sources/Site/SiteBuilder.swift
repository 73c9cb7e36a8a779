import Content
import Domain
import Foundation
import Images
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
    /// Where a bank writes its validation report; beside the output folder when nil.
    public var report: URL?
    /// Use the build cache (`BuildCache`); `--no-cache` builds everything anew (and keeps
    /// what it made for the next build).
    public var cache: Bool = true

    /// `--base-url` over `site.yml`'s, always ending in «/»: `build` and `serve` alike.
    func applyBaseURL(to content: inout SiteContent) {
        guard let baseURL else { return }
        content.settings.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
    }

    public init(content: URL, shownContent: String, output: URL, baseURL: String? = nil, drafts: Bool = false,
                today: DayDate, defaultTheme: URL? = nil, report: URL? = nil) {
        self.report = report
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
    /// Pages rendered this time (the others were unchanged), and output files written.
    public var rendered: Int = 0
    public var written: Int = 0
    /// Text files read this time: those unchanged since the last build are not (`EntryCache`).
    public var filesRead: Int = 0
    /// The path part of `base_url` (`/nastavnichestvo/`), when known.
    public var basePath: String? = nil
    /// A bank's report on its schools, and where it was written.
    public var bank: BankReport? = nil
    public var reportFolder: URL? = nil
}

public enum BuildFailure: Error, Sendable {
    case theme(String)
    case output(String)
}

/// The pipeline: load → validate → resolve → render → write.
public enum SiteBuilder {
    /// Loads, checks and renders; writes and swaps the output only when `write` and no errors.
    public static func build(_ options: BuildOptions, write: Bool = true,
                             progress: (@Sendable (BuildStage, Int, Int) -> Void)? = nil) throws -> BuildResult {
        let started = Date()
        func stopped(_ diagnostics: [Diagnostic], _ sources: [String: SourceFile], bank: BankReport? = nil) -> BuildResult {
            BuildResult(outcome: .contentErrors, diagnostics: diagnostics, sources: sources, pages: 0,
                        seconds: Date().timeIntervalSince(started), bank: bank)
        }
        var clock = StageClock()
        // What a killed build committed is finished first, even if this build finds errors:
        // the output is then the whole site that build made, not a part of it.
        if write { SiteOutput.recover(options.output.standardizedFileURL) }
        // Where what is kept is read; written (the folders made) only once the build succeeds.
        let cacheURL = BuildCache.url(options: options, create: false)
        // What the last build kept, and the output as it is now, are read on another core while
        // the kept entries are read and the content loads (started first: the other core is
        // idle until the load). The output is listed only when the last build made it: an output
        // folder named by mistake is never walked before it is checked.
        let destination = options.output.standardizedFileURL
        let previous: Background<(cache: BuildCache?, listed: OutputListing?)>? = write && options.cache
            ? Background {
                var clock = StageClock()
                guard let kept = BuildCache.read(cacheURL) else { return (nil, nil) }
                clock.lap("(beside the load) cache read")
                guard ContentFiles.isRealFolder(destination.path) else { return (kept, nil) }
                let listed = SiteOutput.files(in: destination.path, known: KnownOutput(folders: kept.folders, files: kept.output))
                clock.lap("(beside the load) output listed")
                return (kept, listed)
            }
            : nil
        let scanURL = cacheURL.deletingPathExtension().appendingPathExtension("scan")
        // `--no-cache` reads nothing kept, but keeps what it makes for the next build.
        let memo: ScanMemo? = write ? (options.cache ? ScanMemoFile.read(scanURL) : ScanMemo()) : nil
        // Files unchanged since the last build are not read or parsed again (`EntryCache`).
        let entriesURL = cacheURL.deletingPathExtension().appendingPathExtension("entries")
        let entriesKey = BuildCache.entriesKey(options)
        let entries: EntryCache? = write ? (options.cache ? EntryCache(contentsOf: entriesURL, key: entriesKey) : EntryCache()) : nil
        // The load is dropped once checked: only `checked` keeps its files.
        var entryPrints: Background<InputPrints>?
        // The theme is read on the other core while the content is checked.
        var themeLoad: (name: String, theme: Background<Result<Theme, any Error>>)?
        var checked = {
            let loaded = Pipeline.load(options, cache: entries)
            clock.lap("load")
            entryPrints = Pipeline.entryPrints(loaded)
            if let name = loaded.content?.settings.theme {
                themeLoad = (name, Background { Result { try loadTheme(name, options: options) } })
            }
            return Pipeline.validate(loaded, options: options, memo: memo)
        }()
        clock.lap("validate")
        var diagnostics = checked.diagnostics
        guard let content = checked.content, !diagnostics.hasErrors else {
            return stopped(diagnostics, checked.files.sources(for: diagnostics, known: checked.sources))
        }

        let theme = try themeLoad.flatMap { $0.name == content.settings.theme ? $0.theme.value : nil }?.get()
            ?? loadTheme(content.settings.theme, options: options)
        var bank: Pipeline.Schools?
        var sources = checked.sources
        var digests = checked.digests
        checked.sources = [:]
        if content.settings.kind == .bank {
            var schools: (@Sendable (Int, Int) -> Void)?
            if let progress { schools = { @Sendable done, total in progress(.schools, done, total) } }
            let found = Pipeline.schools(of: content, files: checked.files, options: options, cache: entries, memo: memo, progress: schools)
            diagnostics += found.diagnostics
            sources.merge(found.sources) { a, _ in a }
            digests.merge(found.digests) { a, _ in a }
            bank = found
            clock.lap("schools loaded and checked")
        }
        let filesRead = sources.count
        if write {
            let protected = protectedFolders(options, theme: theme, schools: bank?.site.files.map(\.root) ?? [])
            let report = bank == nil ? [] : [reportFolder(options)]
            for folder in [options.output] + report {
                if let problem = OutputGuard.problem(output: folder, shownAs: ShownPath.relative(folder), protected: protected) {
                    throw BuildFailure.output(problem)
                }
            }
        }
        // The image stage writes its cache: only once the output is known to be safe.
        let resolved = Pipeline.resolve(content, files: checked.files, digests: digests, theme: theme,
                                        kind: bank.map { .bank($0.site) } ?? .school, options: options, entries: entryPrints?.value)
        diagnostics += resolved.diagnostics
        guard !diagnostics.hasErrors else { return stopped(diagnostics, checked.files.sources(for: diagnostics, known: sources), bank: bank?.report) }
        clock.lap("resolve")
        // The texts read are not kept while pages render (those of a 50,000-page site are
        // 350 MB): the files messages name are read again at the end, for their lines.
        let named = Set(diagnostics.map(\.location.file))
        sources = sources.filter { named.contains($0.key) }
        let files = checked.files
        func shown(_ diagnostics: [Diagnostic]) -> [String: SourceFile] { files.sources(for: diagnostics, known: sources) }
        var site = resolved.site
        let isBank = bank != nil
        let kept = previous?.value.cache
        let key = BuildCache.key(options: options, theme: theme, bank: isBank)
        clock.lap("cache read")
        let output: SiteOutput? = write ? try makeOutput(options.output, previous: kept?.output, listed: previous?.value.listed,
                                                              spares: BuildCache.url(options: options, create: true).deletingPathExtension().appendingPathExtension("spare")) : nil
        clock.lap("output listed")

        // Pages whose recorded reads meet no changed input, and whose files are still as the
        // last build wrote them, are not rendered again: their records and findings carry over.
        var records: [String: BuildCache.PageRecord] = [:]
        records.reserveCapacity(site.plan.count)
        var pagesToRender = site.plan
        let changes = kept.flatMap { kept in kept.key == key ? ContentChange.between(kept.inputs, resolved.inputs) : nil }
        // The files made from the whole site (feeds, sitemap, search index) are made from what the
        // site holds, not from its pages: when an input changed, they are made on the other core
        // while the kept pages are found and the others rendered. (Not at 20,000 pages and more,
        // where a search index of hundreds of megabytes would be held beside the pages; a first
        // build has no changes to go by.)
        let searchURL = cacheURL.deletingPathExtension().appendingPathExtension("search")
        let resolvedSite = site
        @Sendable func extrasSite(_ output: SiteOutput) -> SiteRender {
            var site = resolvedSite
            // The search entries of unchanged pages are not stemmed again: they are copied
            // from the published index, if it is as the last build wrote it.
            let published = output.intact(SearchIndex.file)
            site.searchCache = options.cache
                ? SearchIndex.Cache.read(searchURL, index: published.map { _ in output.destination.appendingPathComponent(SearchIndex.file) },
                                         print: published?.print)
                : SearchIndex.Cache()
            if let kept, kept.key == key {
                site.keptModels = kept.models
                site.intact = { output.intact($0) != nil }
            } else {
                // Nothing is kept, but the models are recorded: else the next build would
                // render the feeds and sitemap again.
                site.intact = { _ in false }
            }
            return site
        }
        let early: Background<(site: SiteRender, extras: SiteRender.Extras)>?
        if let output, let changes, !changes.isEmpty, site.plan.count < 20_000 {
            early = Background {
                let site = extrasSite(output)
                return (site, site.extras())
            }
        } else {
            early = nil
        }
        if let kept, let output, let changes {
            let changed = ChangedReads(changes)
            pagesToRender = site.plan.filter { page in
                guard let record = kept.pages[page.path], record.reads.isDisjoint(with: changed),
                      record.files.allSatisfy(output.keep) else { return true }
                records[page.path] = record
                return false
            }
        }
        // The files made from the whole site (feeds, sitemap, search index, assets, pictures,
        // documents) are the last build's when no input changed at all and they are intact.
        let extrasPrint = isBank ? nil : extrasFingerprint(files: checked.files, theme: theme)
        var extrasKept = false
        if let kept, let output, changes?.isEmpty == true, pagesToRender.isEmpty, kept.extras == extrasPrint,
           kept.pages.count == site.plan.count {
            let pageFiles = Set(records.values.flatMap(\.files))
            extrasKept = kept.output.keys.allSatisfy { pageFiles.contains($0) || output.keep($0) }
        }
        clock.lap("\(site.plan.count - pagesToRender.count) pages kept")
        var pages: (@Sendable (Int, Int) -> Void)?
        if let progress { pages = { @Sendable done, total in progress(.pages, done, total) } }
        let counter = ProgressCounter(total: pagesToRender.count, report: pages)
        let results: [BuildCache.PageRecord] = Pipeline.render(site, pagesToRender) { page, rendered in
            var found = rendered.diagnostics
            if let output {
                do {
                    for file in rendered.files { try output.write(file.data, to: file.path) }
                } catch {
                    found.append(.error("output.write", "не удалось записать \(page.path): \(error.localizedDescription)",
                                        at: SourceRef(file: options.output.path)))
                }
            }
            counter.tick()
            return BuildCache.PageRecord(reads: PageReads(rendered.reads), diagnostics: found, files: rendered.files.map(\.path))
        }
        for (page, record) in zip(pagesToRender, results) { records[page.path] = record }
        diagnostics += site.plan.flatMap { records[$0.path]?.diagnostics ?? [] }
        clock.lap("render and write \(pagesToRender.count) of \(site.plan.count) pages")
        guard let output else {
            return BuildResult(outcome: diagnostics.hasErrors ? .contentErrors : .checked, diagnostics: diagnostics,
                               sources: shown(diagnostics), pages: site.plan.count, seconds: Date().timeIntervalSince(started),
                               rendered: pagesToRender.count, bank: bank?.report)
        }
        guard !diagnostics.hasErrors else {
            output.discard()
            return stopped(diagnostics, shown(diagnostics), bank: bank?.report)
        }

        let inputs = resolved.inputs
        // The pages' part of the cache is encoded beside the feeds, sitemap and search index,
        // where memory is no concern: a 50,000-page site's search index is hundreds of
        // megabytes, and its build stays under 1 GiB by encoding after it (at the commit).
        let encodedPages: Background<BuildCache.EncodedPages>? = site.plan.count < 20_000 && (kept == nil || !extrasKept)
            ? Background { [records] in BuildCache.encode(inputs: inputs, pages: records) } : nil
        var reportFolder: URL?
        // What the feeds and sitemap were made from: kept as they were when the extras are.
        var models = extrasKept ? kept?.models ?? [:] : [:]
        do {
            if !extrasKept {
                let extras: SiteRender.Extras
                if let early {
                    (site, extras) = early.value
                } else {
                    site = extrasSite(output)
                    extras = site.extras()
                }
                clock.lap(early == nil ? "extras" : "extras (made beside the pages)")
                models = extras.models
                for path in extras.kept { _ = output.keep(path) }
                // The search index and its script copy are tens of megabytes each: one per core.
                let failures = extras.generated.parallelMap { file -> (any Error)? in
                    do { try output.write(file.data, to: file.path) } catch { return error }
                    return nil
                }
                if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
                for file in extras.copied { try output.copy(file.source, to: file.path) }
                site.searchCache?.forgetIndex()
                clock.lap("write extras")
            }
            // The cache is written on the other core while the output is committed (unless
            // nothing at all changed: what is kept is then what this build would keep). Written
            // before the commit ends, it may name files the commit then fails to put in place: the
            // next build finds their stamps differ and makes them again, as it does for any file
            // not as recorded.
            let keptURL = BuildCache.url(options: options, create: true)
            let keptBase = keptURL.deletingPathExtension()
            var cacheWrite: Background<Void>?
            // Nothing changed either, but folders were read (the first build after a clean
            // one): their stamps are kept, so that the next listing need not read them.
            let writesCache = !extrasKept || output.writtenCount > 0 || kept == nil || output.foldersRead > 0
            var cache = BuildCache(key: key, inputs: inputs, pages: records, output: output.records,
                                   extras: extrasPrint ?? .zero, models: models, folders: output.folders)
            // A clean build's output is listed once it is in place, so that the next build need
            // not read every folder (its own listing is of the output as it was).
            if writesCache && !output.isClean {
                // A cache that cannot be written costs the next build its speed, nothing else.
                cacheWrite = Background { [cache] in try? cache.write(to: keptURL, pages: encodedPages?.value) }
            }
            // So are the name scan's findings and the kept entries.
            let sideFiles = Background {
                if let memo { try? ScanMemoFile.write(memo, to: keptBase.appendingPathExtension("scan")) }
                try? entries?.write(to: keptBase.appendingPathExtension("entries"), key: entriesKey)
            }
            try output.commit()
            clock.lap("commit \(output.writtenCount) files")
            if writesCache && output.isClean {
                cache.folders = SiteOutput.folders(of: cache.output.keys, in: output.destination.path)
                clock.lap("output's folders stamped after a clean build")
                cacheWrite = Background { [cache] in try? cache.write(to: keptURL, pages: encodedPages?.value) }
            }
            if cacheWrite != nil, let index = output.records[SearchIndex.file] {
                try? site.searchCache?.write(to: keptBase.appendingPathExtension("search"), print: index.print)
            }
            cacheWrite?.value
            clock.lap("build cache and search written")
            sideFiles.value
            clock.lap("scan, entries written")
            if let report = bank?.report {
                let folder = Self.reportFolder(options)
                try KeptReport.write(report, theme: theme, key: key, to: folder,
                                     record: keptURL.deletingPathExtension().appendingPathExtension("report"), useKept: options.cache)
                clock.lap("report")
                reportFolder = folder
            }
        } catch {
            output.discard()
            throw BuildFailure.output("не удалось записать сайт в \(options.output.path): \(error.localizedDescription)")
        }
        if content.settings.baseURL == nil {
            diagnostics.append(noBaseURL(options.shownContent))
        }
        let messageSources = shown(diagnostics)
        clock.lap("files the messages name read")
        let result = BuildResult(outcome: .built, diagnostics: diagnostics, sources: messageSources, pages: site.plan.count,
                                 seconds: Date().timeIntervalSince(started), rendered: pagesToRender.count,
                                 written: output.writtenCount, filesRead: filesRead, basePath: site.urls.absolutePath,
                                 bank: bank?.report, reportFolder: reportFolder)
        // Freeing a large site's values (10,000 entries, their pages' records) takes tens of
        // milliseconds: another core does it while the result is printed.
        Freeing.later((site, checked, resolved, records, kept, content, entries, output))
        return result
    }

    /// What the files made from the whole site depend on beyond the content's texts: the
    /// stamps of the pictures and documents they copy, and the theme's assets.
    static func extrasFingerprint(files: ContentFiles, theme: Theme) -> Fingerprint {
        var hasher = StableHasher()
        for (path, stamp) in files.stamps.filter({ ContentFiles.isNamedFile($0.key) }).sorted(by: { $0.key < $1.key }) {
            hasher.combine(path)
            stamp.combine(into: &hasher)
        }
        for (relative, source) in theme.assets() {
            hasher.combine(relative)
            switch source {
            case .data(let data): hasher.combine(StableHasher.of(data))
            case .file(let url):
                hasher.combine(url.path)
                let stamp = OutputStamp.of(url.resolvingSymlinksInPath().path)
                for value in [stamp?.size ?? -1, stamp?.modified ?? 0, stamp?.nanoseconds ?? 0, Int(truncatingIfNeeded: stamp?.inode ?? 0)] {
                    hasher.combine(value)
                }
            }
        }
        return hasher.finalize()
    }

    /// Every school of a bank, each checked like a site of its own, Markdown bodies included.
    /// The bodies are rendered for the pages they will appear on and kept, so each is parsed once.
    static func loadBank(_ content: SiteContent, files bankFiles: ContentFiles, options: BuildOptions, cache: EntryCache? = nil, memo: ScanMemo? = nil,
                         progress: (@Sendable (Int, Int) -> Void)? = nil) -> (LoadedBank, SchoolsMade) {
        let markdown = MarkdownOptions(unsafeHTML: content.settings.unsafeHTML)
        let bodies = SchoolsMade()
        let loaded = BankLoader.load(root: options.content, shownRoot: options.shownContent, files: bankFiles, settings: content.settings,
                                     options: LoadOptions(drafts: options.drafts, today: options.today, cache: cache),
                                     settingsFile: options.shownContent + "/site.yml", memo: memo, progress: progress) { id, school, files, filesPrint in
            var body = BodyRenderer(files: files, knownPaths: [], options: markdown)
            body.assetPrefix = BankURLs.schoolFiles(id)
            body.checkPageLinks = false
            // A body renders the same while its text, the school's pictures and files, and
            // where it is published are the same: kept with the entries.
            var context = StableHasher()
            context.combine(markdown.unsafeHTML ? 1 : 0)
            context.combine(id)
            for (path, size) in files.sizes.filter({ ContentFiles.isNamedFile($0.key) }).sorted(by: { $0.key < $1.key }) {
                context.combine(path)
                context.combine(size)
            }
            let shared = context.finalize()
            var found: [Diagnostic] = []
            func render(_ markdown: MarkdownBody, file: String, folder: String, page: String) {
                var key = StableHasher()
                key.combine(shared)
                key.combine(folder)
                key.combine(page)
                key.combine(markdown.digest)
                key.combine(markdown.firstLine)
                func make() -> KeptBody {
                    let out = body.render(markdown, file: file, folder: folder, pagePath: page)
                    return KeptBody(html: DeferredText(out.html), diagnostics: out.diagnostics)
                }
                let out = cache?.derived(file + "#body", key: key.finalize(), make: make) ?? make()
                bodies.store(out.html, for: file)
                found += out.diagnostics
            }
            for c in school.cases { render(c.body, file: c.origin.file, folder: "cases", page: BankURLs.practice(id, c.slug)) }
            for m in school.mentors { render(m.body, file: m.origin.file, folder: "mentors", page: BankURLs.mentor(id, m.slug)) }
            // The school's cases and mentors as loaded are made from its files alone (and the
            // options the kept entries are keyed by): their prints are kept while those are the same.
            func make() -> BodilessPrints { BodilessPrints(school) }
            let prints = cache?.derived(files.shownRoot + "#bodiless", key: filesPrint, make: make) ?? make()
            bodies.store(bodiless: prints.byFile)
            return found
        }
        return (loaded, bodies)
    }

    /// A school's body as a bank publishes it, kept between builds.
    struct KeptBody: Codable, Sendable {
        var html: DeferredText
        var diagnostics: [Diagnostic]
    }

    /// Where processed pictures are kept between builds (and shared with `serve`).
    /// - Parameter create: make the folders (when writing); a build that only reads what is
    ///   kept leaves the site folder as it was (a refused build touches nothing).
    static func cacheFolder(_ options: BuildOptions, _ name: String = "images", create: Bool = true) -> URL {
        let cache = options.content.standardizedFileURL.deletingLastPathComponent().appendingPathComponent(".nastavnik-cache")
        let site = cache.appendingPathComponent(name)
        // Real folders only: a link there (a site folder can come from an archive) would have
        // the build read and write wherever it points.
        func isFolder(_ url: URL) -> Bool {
            var info = stat()
            if lstat(url.path, &info) != 0 {
                guard create else { return true }
                mkdir(url.path, 0o755)
            }
            return ContentFiles.isRealFolder(url.path)
        }
        if isFolder(cache), isFolder(site), !create || FileManager.default.isWritableFile(atPath: site.path) {
            return site
        }
        return FileManager.default.temporaryDirectory.appendingPathComponent("nastavnik-cache/" + name)
    }

    /// Every published picture, cleaned and resized (the image stage), keyed by its output
    /// path: `images/a.jpg` for a site, `schools/<id>/images/a.jpg` for a bank's schools.
    static func processImages(_ content: SiteContent, files: ContentFiles, kind: SiteKind,
                              options: BuildOptions) -> ProcessedImages {
        let cache = cacheFolder(options)
        let settings = ImageSettings(keepOriginal: content.settings.keepOriginalImages)
        var out = ImagePipeline.process(content.assets, files: files, settings: settings, cache: cache)
        guard case .bank(let bank) = kind else { return out }
        for (school, schoolFiles) in zip(bank.bank.schools, bank.files) {
            guard let schoolContent = school.content else { continue }
            let prefix = BankURLs.schoolFiles(school.id)
            var own = settings
            own.keepOriginal = schoolContent.settings.keepOriginalImages
            let found = ImagePipeline.process(schoolContent.assets, files: schoolFiles, settings: own, cache: cache)
            for (path, image) in found.images { out.images[prefix + path] = image.prefixed(prefix) }
            // A school's broken picture is left out of the bank, not the bank's failure.
            out.diagnostics += found.diagnostics.map { d in
                var d = d
                if d.severity == .error { d.severity = .warning; d.message += "; картинка не опубликована" }
                return d
            }
        }
        return out
    }

    static func reportFolder(_ options: BuildOptions) -> URL {
        options.report ?? options.output.deletingLastPathComponent().appendingPathComponent("report")
    }

    /// What a build reads: an output there would be swapped over the sources.
    static func protectedFolders(_ options: BuildOptions, theme: Theme, schools: [URL]) -> [OutputGuard.Protected] {
        var folders: [OutputGuard.Protected] = [
            .init(options.content, "с материалами «\(options.shownContent)»"),
            .init(options.content.deletingLastPathComponent(), "сайта, в которой лежит «\(options.shownContent)»", insideRefused: false),
        ]
        folders += theme.folders.map { .init($0, "темы «\($0.lastPathComponent)»") }
        folders.append(.init(options.content.deletingLastPathComponent().appendingPathComponent("themes"), "с темами «themes»"))
        folders += schools.map { .init($0, "школы «\($0.path)»") }
        return folders
    }

    static func noBaseURL(_ shownContent: String) -> Diagnostic {
        .info("site.no-base-url", "в site.yml нет `base_url`: RSS, Atom и sitemap.xml не созданы",
              at: SourceRef(file: shownContent + "/site.yml", line: 1, column: 1),
              hint: "Добавьте `base_url: \"https://адрес-школы.ru/nastavnichestvo/\"`.")
    }

    static func loadTheme(_ name: String, options: BuildOptions) throws -> Theme {
        do {
            return try Theme.load(name: name, siteRoot: options.content.deletingLastPathComponent(),
                                  defaultTheme: options.defaultTheme)
        } catch Theme.LoadError.themeNotFound(let name, let searched) {
            throw BuildFailure.theme("\(options.shownContent)/site.yml: ошибка: тема «\(name)» не найдена; искали в: "
                                     + searched.joined(separator: ", ") + " [site.theme]")
        } catch Theme.LoadError.templateSyntax(let file, let line, let column, let message) {
            throw BuildFailure.theme("\(file):\(line):\(column): ошибка: шаблон темы не разобран: \(message) [theme.syntax]")
        }
    }

    private static func makeOutput(_ url: URL, previous: [String: OutputRecord]?, listed: OutputListing?,
                                   spares: URL) throws -> SiteOutput {
        do { return try SiteOutput(destination: url, previous: previous, listed: listed, spares: spares) } catch {
            throw BuildFailure.output("не удалось создать папку для сайта рядом с \(url.path): \(error.localizedDescription)")
        }
    }
}

/// What a long build is busy with, for its progress line.
public enum BuildStage: Sendable {
    /// A bank checking its schools' folders.
    case schools
    case pages
}

/// Counts finished items for a progress display; reports at most ~100 times.
final class ProgressCounter: Sendable {
    private let done = Counter()
    private let total: Int
    private let report: (@Sendable (Int, Int) -> Void)?

    init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
        self.total = total
        self.report = report
    }

    func tick() {
        guard let report else { return }
        let n = done.next()
        if n == total || n % max(1, total / 100) == 0 { report(n, total) }
    }
}
