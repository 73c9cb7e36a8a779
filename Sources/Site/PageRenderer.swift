import Content
import Domain
import Foundation
import Synchronization
import Images
import Markdown
import Theme

/// Everything needed to render pages of one loaded site, prepared once per build.
struct SiteRender: Sendable {
    let content: SiteContent
    let plan: [PlannedPage]
    let urls: SiteURLs
    let theme: Theme
    let files: ContentFiles
    let contexts: PageContexts
    let kind: SiteKind
    /// Processed pictures by output path; their files come from the image cache.
    let images: [String: ProcessedImage]
    /// Search entries of the previous rebuild (`serve`).
    var searchCache: SearchIndex.Cache? = nil
    /// Feeds and sitemap of the previous rebuild (`serve`): most edits change neither.
    var fileCache: FileCache? = nil
    /// For a build: the fingerprints of the models the last build rendered its feeds and sitemap
    /// from, and whether the output still holds a file as that build wrote it. A file whose
    /// model is the same is kept, not rendered (`extras().kept`).
    var keptModels: [String: Fingerprint] = [:]
    var intact: (@Sendable (String) -> Bool)? = nil
    /// A bank's practice cards as `SiteInputs` fingerprints them (`.practiceCards`): the model
    /// of `practices.json`, which a build keeps while it is the same.
    var practiceCards: Fingerprint? = nil

    /// The rendered feeds and sitemap with the models they were rendered from.
    final class FileCache: Sendable {
        let feed = Mutex<(model: FeedModel, rss: Data, atom: Data)?>(nil)
        let sitemap = Mutex<(model: SitemapModel, data: Data)?>(nil)
        init() {}

        /// A new theme may render them differently.
        func clear() {
            feed.withLock { $0 = nil }
            sitemap.withLock { $0 = nil }
        }
    }

    /// Output files of one page: the page and its copy for the visually impaired.
    struct Page: Sendable {
        var files: [(path: String, data: Data)]
        var diagnostics: [Diagnostic]
        /// What the page read (`Dependency`), for rendering it again only when that changes.
        var reads: Set<Dependency> = []
    }

    init(content: SiteContent, files: ContentFiles, theme: Theme, today: DayDate, kind: SiteKind = .school,
         images: [String: ProcessedImage] = [:]) {
        self.content = content
        self.images = images
        self.files = files
        self.theme = theme
        self.kind = kind
        let urls = SiteURLs(baseURL: content.settings.baseURL)
        self.urls = urls
        let options = MarkdownOptions(unsafeHTML: content.settings.unsafeHTML)
        // A school's lists (news by date, cases by year, facets) are sorted on the other core
        // while its pages are planned (`serve`'s "resolve" at 10,000 pages: medians 56 → 36 ms).
        // Not from 20,000 entries on: made on another thread, the lists of a 50,000-page site
        // raised a build's peak memory from 956 to 1,062–1,072 MiB (another malloc arena).
        var lists: Background<PageContexts>?
        if case .school = kind, content.news.count + content.cases.count + content.mentors.count < 20_000 {
            let unplanned = BodyRenderer(files: files, knownPaths: [], options: options)
            lists = Background {
                PageContexts(content: content, today: today, urls: urls, body: unplanned, facets: Facets.caseFacets(content.cases))
            }
        }
        switch kind {
        case .school: plan = SitePlan.pages(for: content, today: today)
        case .bank(let bank): plan = BankPlan.pages(for: content, bank: bank, today: today)
        }
        var body = BodyRenderer(files: files, knownPaths: Set(plan.map(\.path)), options: options)
        body.images = images
        var contexts = lists?.value
            ?? PageContexts(content: content, today: today, urls: urls, body: body, facets: Facets.caseFacets(content.cases))
        // The Markdown renderer checks links against the plan: set in once the plan is made.
        contexts.body = body
        contexts.kind = kind
        contexts.images = images
        contexts.sectionEntries = contexts.sectionList()
        self.contexts = contexts
    }

    func render(_ page: PlannedPage) -> Page {
        let rendered = contexts.context(for: page)
        guard let html = theme.render(rendered.template, rendered.page) else {
            let missing = Diagnostic.error("theme.template-missing", "в теме нет шаблона `\(rendered.template).mustache`",
                                           at: SourceRef(file: "themes/\(content.settings.theme)/templates"))
            return Page(files: [], diagnostics: rendered.diagnostics + [missing], reads: rendered.reads)
        }
        let file = SiteURLs.file(forPath: page.path)
        var out: [(path: String, data: Data)] = [(file, Data(html.utf8))]
        // 404.html is served from any depth by the web server; it only links into the copy.
        if page.path != "404.html", let vision = visionPage(html, rendered, path: page.path) {
            let shared = VisionCopy.sharingFiles(vision, root: SiteURLs.root(forPath: page.path))
            out.append((SiteURLs.visionFolder + file, Data(shared.utf8)))
        }
        return Page(files: out, diagnostics: rendered.diagnostics, reads: rendered.reads)
    }

    /// The page for the visually impaired: the rendered page with its two vision fragments
    /// swapped when the theme keeps `vision` to them (a fifth of the build time saved),
    /// a second rendering otherwise.
    private func visionPage(_ html: String, _ rendered: PageContexts.Rendered, path: String) -> String? {
        let context = PageContexts.visionVariant(of: rendered.page, path: path)
        if theme.visionInPartialsOnly {
            var out = html
            var swapped = true
            for partial in ["vision-html", "vision-switch"] {
                guard let normal = theme.render(partial, rendered.page), let vision = theme.render(partial, context),
                      let range = Bytes.firstRange(of: normal, in: out) else { swapped = false; break }
                // The fragment starts and ends at a tag: byte offsets are character boundaries.
                let start = out.utf8.index(out.utf8.startIndex, offsetBy: range.lowerBound)
                out.replaceSubrange(start..<out.utf8.index(start, offsetBy: range.count), with: vision)
            }
            if swapped { return out }
        }
        return theme.render(rendered.template, context)
    }

    /// Feeds, sitemap, robots.txt and the search index (generated), theme assets and
    /// content files (copied as they are).
    /// - Parameter includingData: with the data files (`dataFiles`); `serve` makes those only
    ///   when they are asked for.
    func extras(includingData: Bool = true) -> Extras {
        var generated: [(path: String, data: Data)] = []
        var copied: [(path: String, source: URL)] = []
        var kept: [String] = []
        var models: [String: Fingerprint] = [:]
        var clock = StageClock()
        let news = content.news.sorted { ($0.date, $0.slug) > ($1.date, $1.slug) }
        // Feeds, sitemap and robots.txt are theme templates: a theme may override them.
        func render(_ template: String, _ context: any TemplateModel) -> Data { Data((theme.render(template, context) ?? "").utf8) }
        // A build keeps the files rendered from the same model as last time, if intact.
        func unchanged(_ print: Fingerprint, _ paths: [String]) -> Bool {
            guard let intact else { return false }
            for path in paths { models[path] = print }
            guard paths.allSatisfy({ keptModels[$0] == print && intact($0) }) else { return false }
            kept += paths
            return true
        }
        if let base = urls.baseURL {
            // Feeds are in the copy for the visually impaired too: its pages link them relatively.
            if !news.isEmpty {
                let feed = Feeds.feedContext(content, base: base, items: Array(news.prefix(50)))
                let paths = ["", SiteURLs.visionFolder].flatMap { [$0 + "news/rss.xml", $0 + "news/atom.xml"] }
                if !unchanged(feed.fingerprint, paths) {
                    let (rss, atom): (Data, Data)
                    if let kept = fileCache?.feed.withLock({ $0 }), kept.model == feed {
                        (rss, atom) = (kept.rss, kept.atom)
                    } else {
                        (rss, atom) = (render("rss", feed), render("atom", feed))
                        fileCache?.feed.withLock { $0 = (feed, rss, atom) }
                    }
                    for prefix in ["", SiteURLs.visionFolder] {
                        generated.append((prefix + "news/rss.xml", rss))
                        generated.append((prefix + "news/atom.xml", atom))
                    }
                }
            }
            let paths = plan.map(\.path).filter { $0 != "404.html" && $0 != "search/" }
            let dates = Dictionary(content.news.map { (SiteURLs.news($0.slug), $0.date) }, uniquingKeysWith: max)
            let sitemap = Feeds.sitemapContext(base: base, paths: paths, modified: dates)
            if unchanged(sitemap.fingerprint, ["sitemap.xml"]) {
            } else if let kept = fileCache?.sitemap.withLock({ $0 }), kept.model == sitemap {
                generated.append(("sitemap.xml", kept.data))
            } else {
                let data = render("sitemap", sitemap)
                fileCache?.sitemap.withLock { $0 = (sitemap, data) }
                generated.append(("sitemap.xml", data))
            }
        }
        generated.append(("robots.txt", render("robots", Feeds.robotsContext(base: urls.baseURL))))
        clock.lap("  feeds, sitemap")
        // After the feeds, on this thread: made beside them on another core, the search index
        // of a 50,000-page site took 100 MB more at its peak (memory freed by one thread is not
        // used again by another), for 25 ms less at 10,000 pages.
        if includingData {
            generated += dataFiles(keep: { print, paths in unchanged(print, paths) })
            clock.lap("  search index, data files")
        }
        let assets = theme.assets()
        // The copy for the visually impaired links to the same data files, assets, pictures
        // and documents (VisionCopy.sharedFolders): they are written once.
        for (relative, source) in assets {
            switch source {
            case .file(let url): copied.append(("assets/" + relative, url))
            case .data(let data): generated.append(("assets/" + relative, data))
            }
        }
        // Pictures come cleaned from the image cache; a picture that could not be processed is
        // never copied as it is (it could carry GPS coordinates).
        func publish(_ path: String, as output: String, from files: ContentFiles) {
            if let image = images[output] {
                for file in image.outputs { copied.append((file.path, file.source)) }
            } else if !ImagePipeline.rasterExtensions.contains((path as NSString).pathExtension.lowercased()) {
                copied.append((output, files.url(path)))
            }
        }
        for path in content.assets { publish(path, as: path, from: files) }
        // A bank publishes its schools' files under schools/<id>/.
        if case .bank(let bank) = kind {
            for (school, schoolFiles) in zip(bank.bank.schools, bank.files) {
                guard let schoolContent = school.content else { continue }
                for path in schoolContent.assets { publish(path, as: BankURLs.schoolFiles(school.id) + path, from: schoolFiles) }
            }
        }
        clock.lap("  assets, files")
        return Extras(generated: generated, copied: copied, kept: kept, models: models)
    }

    /// What pages read as data: the search index, and a bank's practice lists and rollup.
    static let dataPaths: Set<String> = [SearchIndex.file, "search-index.js", "practices.json", "practices-index.js", "indicators-rollup.csv"]

    /// The data files (`dataPaths`), the search index's entries of unchanged pages kept.
    /// - Parameter keep: whether files made from a model (by its print) can be kept as the
    ///   last build wrote them (`extras`); then they are not made.
    func dataFiles(keep: ((Fingerprint, [String]) -> Bool)? = nil) -> [(path: String, data: Data)] {
        var files: [(path: String, data: Data)] = []
        var extraEntries: [SearchIndex.Input] = []
        if case .bank(let bank) = kind {
            extraEntries = SearchIndex.bankEntries(bank)
            let territory = content.settings.organization.kind == .municipalOffice ? "Муниципалитет" : "Регион"
            files = [("indicators-rollup.csv", RollupCSV.data(bank.rollups, territory: territory))]
            // Ten thousand practices' JSON, made again only when a card changed.
            let practicePaths = ["practices.json", "practices-index.js"]
            let kept = practiceCards.map { keep?($0, practicePaths) ?? false } ?? false
            if !kept {
                let practices = PracticeIndex.json(bank)
                files += [("practices.json", practices), ("practices-index.js", ScriptData.wrap(practices, as: "nastavnikPractices"))]
            }
        }
        let index = SearchIndex.json(content, extra: extraEntries, cache: searchCache)
        return [(SearchIndex.file, index.json), ("search-index.js", index.script)] + files
    }

    /// The files made from the whole site: generated (bytes), copied (from a file), or kept as
    /// the last build wrote them; and the fingerprints of the models the feeds and sitemap
    /// come from, for the next build.
    struct Extras {
        var generated: [(path: String, data: Data)]
        var copied: [(path: String, source: URL)]
        var kept: [String]
        var models: [String: Fingerprint]
    }
}

/// The copy for the visually impaired mirrors the site one folder deeper, so relative links
/// stay inside it; only links to shared files (theme assets, pictures, documents) are pointed
/// one level up, so those files are published once.
enum VisionCopy {
    /// Folders and generated data files the copy links to instead of having its own: the
    /// search index of a 10,000-page site alone is tens of megabytes.
    static let sharedFolders = ["assets/", "images/", "files/", "search-index.js", "practices-index.js", "practices.json",
                                "indicators-rollup.csv"]

    /// Rewrites `ROOT<shared>` to `ROOT../<shared>` where it starts an attribute value or a
    /// `srcset` entry: after `"` or `, `.
    static func sharingFiles(_ html: String, root: String) -> String {
        var html = html
        return html.withUTF8 { sharingFiles($0, root: Array(root.utf8)) }
    }

    /// The page's bytes are copied in runs between the links rewritten (a byte at a time, this
    /// was 2–3 % of a cold build).
    private static func sharingFiles(_ bytes: UnsafeBufferPointer<UInt8>, root: [UInt8]) -> String {
        let quote = UInt8(ascii: "\""), space = UInt8(ascii: " "), comma = UInt8(ascii: ",")
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 1024)
        var copied = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            guard b == quote || (b == space && i >= 2 && bytes[i - 2] == comma) else { continue }
            guard bytes.count - i >= root.count, root.indices.allSatisfy({ bytes[i + $0] == root[$0] }),
                  isShared(bytes, at: i + root.count) else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<i]))
            out.append(contentsOf: root)
            out.append(contentsOf: "../".utf8)
            i += root.count
            copied = i
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        return String(decoding: out, as: UTF8.self)
    }

    /// `assets/`, `images/`, `files/`, or a bank school's `schools/<id>/images|files/`.
    private static func isShared(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        let tail = bytes[start...]
        for folder in sharedFolders where tail.starts(with: folder.utf8) { return true }
        guard tail.starts(with: "schools/".utf8) else { return false }
        var j = start + 8
        while j < bytes.count, bytes[j] != UInt8(ascii: "/"), bytes[j] != UInt8(ascii: "\"") { j += 1 }
        guard j < bytes.count, bytes[j] == UInt8(ascii: "/") else { return false }
        let after = bytes[(j + 1)...]
        return after.starts(with: "images/".utf8) || after.starts(with: "files/".utf8)
    }
}
