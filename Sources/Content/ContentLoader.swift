import Domain
import Foundation
import Markdown

public struct LoadOptions: Sendable {
    public var drafts: Bool
    /// The build date: future news are held back, overdue roadmap events are marked.
    public var today: DayDate
    /// Parsed entries from the previous load, for rebuilding after an edit.
    public var cache: EntryCache?

    public init(drafts: Bool = false, today: DayDate, cache: EntryCache? = nil) {
        self.drafts = drafts
        self.today = today
        self.cache = cache
    }
}

/// The outcome of loading: the checked content (nil when site.yml itself is unusable),
/// every diagnostic, and the decoded files for showing the offending lines.
public struct LoadedContent: Sendable {
    public var content: SiteContent?
    public var diagnostics: [Diagnostic]
    /// The files this load read. A file kept from an earlier load (`EntryCache`) is not read:
    /// it is read again only when a message needs its lines (`ContentFiles.sources(for:known:)`).
    public var sources: [String: SourceFile]
    /// Every text file's digest, read or kept, by shown path: what changed between two loads.
    public var digests: [String: Fingerprint]
    public var files: ContentFiles
}

/// The load stage: a content folder into `SiteContent`, collecting every problem of each
/// file; `Validator` then checks the rules across files.
public enum ContentLoader {
    public static func load(_ root: URL, shownAs shownRoot: String, options: LoadOptions) -> LoadedContent {
        load(ContentFiles(root: root, shownRoot: shownRoot), options: options)
    }

    /// A folder already listed (a bank's school, listed with the bank).
    public static func load(_ files: ContentFiles, options: LoadOptions) -> LoadedContent {
        let root = files.root
        let shownRoot = files.shownRoot
        var diagnostics: [Diagnostic] = files.problems
        var sources: [String: SourceFile] = [:]
        var digests: [String: Fingerprint] = [:]

        options.cache?.beginFolder(files)
        func single<T: Codable & Sendable>(_ relative: String, _ body: (SourceFile, DiagnosticSink) -> T?) -> T? {
            guard files.exists(relative) else { return nil }
            let loaded = entry(relative, files: files, today: options.today, cache: options.cache, body)
            diagnostics += loaded.failure.map { [$0] } ?? loaded.diagnostics
            if let source = loaded.source { sources[source.path] = source }
            if let digest = loaded.digest { digests[files.shown(relative)] = digest }
            return loaded.value
        }

        var settings: SiteSettings?
        if files.exists("site.yml") {
            settings = single("site.yml") { SiteSettingsLoader.load($0, sink: $1, files: files) }
        } else {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.appendingPathComponent("site.yml").path, isDirectory: &isFolder), isFolder.boolValue {
                diagnostics.append(.error("site.missing", "site.yml — папка, а должен быть файл настроек",
                                          at: SourceRef(file: files.shown("site.yml")),
                                          hint: "Переименуйте папку site.yml и создайте файл site.yml с полями `title` и `organization`."))
            } else {
                // The message names the folder: the file it is about does not exist.
                diagnostics.append(.error("site.missing", "в папке с материалами нет файла настроек site.yml",
                                          at: SourceRef(file: shownRoot.isEmpty ? "." : shownRoot),
                                          hint: "Создайте site.yml с полями `title` и `organization` (см. docs/content.md) или начните с `nastavnik init`."))
            }
        }
        let home = single("index.md") { EntryLoaders.home($0, sink: $1) }
        let documents = single("documents.yml") { DocumentsLoader.load($0, sink: $1, files: files) } ?? []
        let roadmaps = single("roadmap.yml") { RoadmapLoader.load($0, sink: $1) } ?? []
        let partners = single("partners.yml") { PartnersLoader.load($0, sink: $1) } ?? []
        var indicators = single("indicators.yml") { IndicatorsLoader.load($0, sink: $1) }
        for csv in files.list("indicators", ext: "csv") {
            guard let rows = single(csv, { IndicatorsLoader.loadCSV($0, sink: $1) }) else { continue }
            merge(rows, into: &indicators, csvPath: files.shown(csv), diagnostics: &diagnostics)
        }

        // The entries are gathered before site.yml is known to be usable: their problems are
        // reported either way.
        var content = SiteContent(settings: settings ?? SiteSettings(title: "", organization: Organization(name: "", kind: .school)),
                                  home: home, documents: documents, roadmaps: roadmaps, indicators: indicators, partners: partners)
        for folder in EntryFolders.all {
            folder.load(files, options: options, into: &content, &diagnostics, &sources, &digests)
        }

        content.news = content.news.filter { item in
            guard item.date > options.today else { return true }
            diagnostics.append(.info("news.future", "новость датирована \(item.date.russian) и будет опубликована только в этот день",
                                     at: item.origin, hint: "Если дата ошибочна, исправьте поле `date`."))
            return false
        }

        let assets = files.sizes.keys.filter { $0.hasPrefix("files/") || $0.hasPrefix("images/") }.sorted()
        for svg in assets where svg.lowercased().hasSuffix(".svg") {
            switch files.read(svg) {
            case .success(let file):
                let found = SVGCheck.check(file)
                if !found.isEmpty { sources[file.path] = file }
                diagnostics += found
            case .failure(let problem): diagnostics.append(problem)
            }
        }
        guard settings != nil else {
            return LoadedContent(content: nil, diagnostics: diagnostics, sources: sources, digests: digests, files: files)
        }
        content.assets = assets
        return LoadedContent(content: content, diagnostics: diagnostics, sources: sources, digests: digests, files: files)
    }

    /// `serve` after an edit: the last load with the changed files read again (`changed`,
    /// relative to the folder). Nil when that would not be what a full load gives: a file
    /// added, removed or linked, a file that is not an entry, an entry that appears or goes
    /// (a draft, a file that no longer parses, news dated in the future).
    public static func reload(_ previous: LoadedContent, changed: [String], options: LoadOptions) -> LoadedContent? {
        guard !changed.isEmpty, var content = previous.content, let files = previous.files.restamped(changed) else { return nil }
        var loaded = previous
        loaded.files = files
        loaded.sources = [:]
        for relative in changed {
            guard let folder = EntryFolders.folder(of: relative),
                  folder.reload(relative, files: files, options: options, into: &content, &loaded) else { return nil }
        }
        guard !content.news.contains(where: { $0.date > options.today }) else { return nil }
        loaded.content = content
        return loaded
    }

    /// One file through the cache when there is one: kept, or read and parsed with its own sink.
    static func entry<T: Codable & Sendable>(_ relative: String, files: ContentFiles, today: DayDate, cache: EntryCache?,
                                             type: String = EntryCache.typeName(T.self),
                                             _ load: (SourceFile, DiagnosticSink) -> T?) -> LoadedFile<T> {
        func parse(_ file: SourceFile) -> (T?, [Diagnostic]) {
            let sink = DiagnosticSink(today: today)
            let value = load(file, sink)
            return (value, sink.diagnostics)
        }
        if let cache { return cache.entry(relative, in: files, type: type, parse: parse) }
        switch files.read(relative) {
        case .failure(let problem): return LoadedFile(value: nil, diagnostics: [], digest: nil, source: nil, failure: problem)
        case .success(let file):
            let (value, found) = parse(file)
            return LoadedFile(value: value, diagnostics: found, digest: file.digest, source: file, failure: nil)
        }
    }

    /// Loads every `folder/*.md` on all cores; each file has its own sink.
    static func loadEntries<T: Codable & Sendable>(
        _ folder: String, files: ContentFiles, today: DayDate, cache: EntryCache?, _ diagnostics: inout [Diagnostic],
        _ sources: inout [String: SourceFile], _ digests: inout [String: Fingerprint],
        _ load: @escaping @Sendable (SourceFile, String, DiagnosticSink) -> T?
    ) -> [T] {
        let paths = files.list(folder, ext: "md").filter { !ContentFiles.fileName($0).hasPrefix("_") }
        let type = EntryCache.typeName(T.self)
        let results: [LoadedFile<T>] = paths.parallelMap { relative in
            let slug = String(ContentFiles.fileName(relative).dropLast(3))
            return entry(relative, files: files, today: today, cache: cache, type: type) { load($0, slug, $1) }
        }
        var out: [T] = []
        for (relative, loaded) in zip(paths, results) {
            if let value = loaded.value { out.append(value) }
            diagnostics += loaded.failure.map { [$0] } ?? loaded.diagnostics
            if let source = loaded.source { sources[source.path] = source }
            if let digest = loaded.digest { digests[files.shown(relative)] = digest }
        }
        return out
    }

    private static func merge(_ rows: IndicatorsLoader.CSVRows, into set: inout IndicatorSet?, csvPath: String,
                              diagnostics: inout [Diagnostic]) {
        var current = set ?? IndicatorSet(territory: nil, indicators: [])
        for (id, counts) in rows.counts.sorted(by: { $0.key < $1.key }) {
            if let i = current.indicators.firstIndex(where: { $0.id == id }) {
                for (period, count) in counts {
                    if current.indicators[i].monitorings[period] != nil {
                        diagnostics.append(.warning("indicator.duplicate-actual",
                                                    "данные показателя `\(id)` за \(period.label) есть и в indicators.yml, и в CSV; используются данные CSV",
                                                    at: rows.refs[id] ?? SourceRef(file: csvPath)))
                    }
                    current.indicators[i].monitorings[period] = count
                }
            } else if let builtIn = BuiltInIndicator(rawValue: id) {
                current.indicators.append(Indicator(id: id, title: builtIn.title, targets: [:], monitorings: counts,
                                                    origin: rows.refs[id] ?? SourceRef(file: csvPath)))
            } else {
                let guess = Suggestion.nearest(to: id, in: current.indicators.map(\.id) + BuiltInIndicator.allCases.map(\.rawValue))
                    .map { "; возможно, `\($0)`?" } ?? ""
                diagnostics.append(.error("indicator.unknown-id", "показатель `\(id)` из CSV не описан в indicators.yml\(guess)",
                                          at: rows.refs[id] ?? SourceRef(file: csvPath),
                                          hint: "Опишите его в indicators.yml (`id` и `title`) или исправьте идентификатор."))
            }
        }
        set = current
    }
}
