import Content
import Domain
import Foundation
import Images
import Markdown
import Theme

/// The stages every command runs, each a function from one value to the next:
///
///     load → validate → resolve → render → write
///
/// `build` writes what it renders into a new output folder, `check` drops it, `serve` keeps
/// it in memory and renders only the pages whose recorded reads an edit changed. Nothing
/// else differs between them.
enum Pipeline {
    /// After `load` and `validate`: the content, or the reason there is none.
    struct Checked: Sendable {
        var content: SiteContent?
        var files: ContentFiles
        var sources: [String: SourceFile]
        var digests: [String: Fingerprint]
        var diagnostics: [Diagnostic]
    }

    /// Stage 1: the content folder into typed entries; each file's own checks (fields,
    /// dates, forms) are part of reading it.
    static func load(_ options: BuildOptions, cache: EntryCache? = nil) -> LoadedContent {
        ContentLoader.load(options.content, shownAs: options.shownContent,
                           options: LoadOptions(drafts: options.drafts, today: options.today, cache: cache))
    }

    /// The entries' fingerprints of a school's site, made on another core while its content is
    /// checked (`validate` does not change the entries). A bank's need its schools' files: nil.
    static func entryPrints(_ loaded: LoadedContent) -> Background<InputPrints>? {
        guard let content = loaded.content, content.settings.kind != .bank else { return nil }
        let (digests, root) = (loaded.digests, loaded.files.shownRoot)
        return Background { SiteInputs.entryPrints(content: content, digests: digests, root: root) }
    }

    /// Stage 2: the rules across entries (duplicates, links between entries, personal data).
    static func validate(_ loaded: LoadedContent, options: BuildOptions, memo: ScanMemo? = nil) -> Checked {
        var diagnostics = loaded.diagnostics
        guard var content = loaded.content else {
            return Checked(content: nil, files: loaded.files, sources: loaded.sources, digests: loaded.digests, diagnostics: diagnostics)
        }
        diagnostics += Validator.validate(content, sources: SourceLookup(loaded.sources, folder: loaded.files),
                                          digests: loaded.digests, memo: memo)
        options.applyBaseURL(to: &content)
        return Checked(content: content, files: loaded.files, sources: loaded.sources, digests: loaded.digests, diagnostics: diagnostics)
    }

    /// A bank's schools, each loaded and checked like a site of its own.
    struct Schools: Sendable {
        var site: BankSite
        var report: BankReport
        var sources: [String: SourceFile]
        var digests: [String: Fingerprint]
        var diagnostics: [Diagnostic]
        /// One warning per school left out, for `serve`, which has no report to show.
        var exclusions: [Diagnostic]
    }

    /// Stage 3a (a bank only): its schools.
    /// - Parameter files: the bank's own folder, as its load listed it.
    static func schools(of content: SiteContent, files: ContentFiles, options: BuildOptions, cache: EntryCache? = nil, memo: ScanMemo? = nil,
                        progress: (@Sendable (Int, Int) -> Void)? = nil) -> Schools {
        let (loaded, made) = SiteBuilder.loadBank(content, files: files, options: options, cache: cache, memo: memo, progress: progress)
        let exclusions = loaded.bank.schools.filter(\.excluded).map { school in
            Diagnostic.warning("bank.school-excluded", "организация исключена из банка: в её материалах есть ошибки",
                               at: SourceRef(file: school.folder + "/site.yml", line: 1, column: 1),
                               hint: "Подробности — в отчёте `nastavnik build` (report/index.html).")
        }
        return Schools(site: BankSite(bank: loaded.bank, files: loaded.files, targets: content.indicators,
                                      options: MarkdownOptions(unsafeHTML: content.settings.unsafeHTML), made: made),
                       report: BankReport(title: content.settings.title, date: options.today, bank: loaded.bank,
                                          bankDiagnostics: loaded.diagnostics, shownRoot: options.shownContent),
                       sources: loaded.sources, digests: loaded.digests, diagnostics: loaded.diagnostics, exclusions: exclusions)
    }

    /// After `resolve`: every page planned, its inputs ready (pictures processed, URLs known).
    struct Resolved: Sendable {
        var site: SiteRender
        var diagnostics: [Diagnostic]
        /// What the next rebuild compares with, to find what an edit changed.
        var inputs: SiteInputs
    }

    /// Stage 3b: pictures, then the plan of pages and what renders them.
    /// - Parameter digests: every text file, a bank's schools' included: what pages are made of.
    /// - Parameter entries: `SiteInputs.entryPrints` of this content and digests, made while
    ///   the content was checked (`entryPrints`).
    static func resolve(_ content: SiteContent, files: ContentFiles, digests: [String: Fingerprint], theme: Theme,
                        kind: SiteKind, options: BuildOptions, entries: InputPrints? = nil) -> Resolved {
        let images = SiteBuilder.processImages(content, files: files, kind: kind, options: options)
        var site = SiteRender(content: content, files: files, theme: theme, today: options.today, kind: kind, images: images.images)
        let inputs = SiteInputs(content: content, digests: digests, files: files, sections: site.contexts.sectionEntries,
                                pages: site.plan.map(\.path), images: images.images, today: options.today, bank: kind.bank,
                                entries: entries)
        site.practiceCards = inputs.prints[.practiceCards]
        return Resolved(site: site, diagnostics: images.diagnostics, inputs: inputs)
    }

    /// Stage 4: the given pages on all cores. `deliver` gets each page as it is done, on
    /// the rendering thread: a build writes it there and keeps only its diagnostics, so the
    /// pages of a large site are never all in memory at once.
    static func render<T: Sendable>(_ site: SiteRender, _ pages: [PlannedPage],
                                    deliver: @Sendable (PlannedPage, SiteRender.Page) -> T) -> [T] {
        pages.parallelMap { deliver($0, site.render($0)) }
    }
}
