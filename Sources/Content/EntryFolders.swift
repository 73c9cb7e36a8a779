import Domain
import Foundation

/// A folder of Markdown entries, declared once: where it is, how one of its files is read,
/// and where its entries go. `ContentLoader` reads every folder listed in `EntryFolders.all`;
/// a new kind of entry is one line there (and its section in the Site module).
protocol EntryFolderLoader: Sendable {
    var folder: String { get }
    func load(_ files: ContentFiles, options: LoadOptions, into content: inout SiteContent,
              _ diagnostics: inout [Diagnostic], _ sources: inout [String: SourceFile], _ digests: inout [String: Fingerprint])
    /// Reads one entry file of the folder again in place of its entry of the last load; false
    /// when it cannot stand in for it (it had or has no entry: a draft, a file that does not parse).
    func reload(_ relative: String, files: ContentFiles, options: LoadOptions, into content: inout SiteContent,
                _ loaded: inout LoadedContent) -> Bool
}

struct EntryFolder<Entry: Codable & Sendable>: EntryFolderLoader {
    let folder: String
    let entries: WritableKeyPath<SiteContent, [Entry]> & Sendable
    let origin: KeyPath<Entry, SourceRef> & Sendable
    let read: @Sendable (SourceFile, String, DiagnosticSink, ContentFiles, Bool) -> Entry?

    func load(_ files: ContentFiles, options: LoadOptions, into content: inout SiteContent,
              _ diagnostics: inout [Diagnostic], _ sources: inout [String: SourceFile], _ digests: inout [String: Fingerprint]) {
        let read = self.read
        let drafts = options.drafts
        content[keyPath: entries] = ContentLoader.loadEntries(folder, files: files, today: options.today, cache: options.cache,
                                                              &diagnostics, &sources, &digests) { read($0, $1, $2, files, drafts) }
    }

    func reload(_ relative: String, files: ContentFiles, options: LoadOptions, into content: inout SiteContent,
                _ loaded: inout LoadedContent) -> Bool {
        let shown = files.shown(relative)
        guard let index = content[keyPath: entries].firstIndex(where: { $0[keyPath: origin].file == shown }) else { return false }
        let slug = String(ContentFiles.fileName(relative).dropLast(3))
        let read = self.read
        let drafts = options.drafts
        let file = ContentLoader.entry(relative, files: files, today: options.today, cache: options.cache) { read($0, slug, $1, files, drafts) }
        guard let value = file.value, value[keyPath: origin].file == shown else { return false }
        content[keyPath: entries][index] = value
        // What the last load found in this file came from reading it alone.
        loaded.diagnostics.removeAll { $0.location.file == shown }
        loaded.diagnostics += file.diagnostics
        if let source = file.source { loaded.sources[source.path] = source }
        loaded.digests[shown] = file.digest
        return true
    }
}

enum EntryFolders {
    static let all: [any EntryFolderLoader] = [
        EntryFolder(folder: "programs", entries: \.programs, origin: \.origin, read: EntryLoaders.program),
        EntryFolder(folder: "cases", entries: \.cases, origin: \.origin, read: EntryLoaders.mentoringCase),
        EntryFolder(folder: "mentors", entries: \.mentors, origin: \.origin, read: EntryLoaders.mentor),
        EntryFolder(folder: "news", entries: \.news, origin: \.origin, read: EntryLoaders.news),
        EntryFolder(folder: "pages", entries: \.pages, origin: \.origin, read: EntryLoaders.page),
        EntryFolder(folder: "events", entries: \.events, origin: \.origin, read: EntryLoaders.event),
    ]

    /// The folder whose entry `relative` is (`news/x.md`), if any.
    static func folder(of relative: String) -> (any EntryFolderLoader)? {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].hasSuffix(".md"), !parts[1].hasPrefix("_") else { return nil }
        return all.first { $0.folder == parts[0] }
    }
}
