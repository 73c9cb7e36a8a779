import Domain
import Foundation

/// A folder of Markdown entries, declared once: where it is, how one of its files is read,
/// and where its entries go. `ContentLoader` reads every folder listed in `EntryFolders.all`;
/// a new kind of entry is one line there (and its section in the Site module).
protocol EntryFolderLoader: Sendable {
    var folder: String { get }
    func load(_ files: ContentFiles, options: LoadOptions, into content: inout SiteContent,
              _ diagnostics: inout [Diagnostic], _ sources: inout [String: SourceFile], _ digests: inout [String: Fingerprint])
}

struct EntryFolder<Entry: Codable & Sendable>: EntryFolderLoader {
    let folder: String
    let entries: WritableKeyPath<SiteContent, [Entry]> & Sendable
    let read: @Sendable (SourceFile, String, DiagnosticSink, ContentFiles, Bool) -> Entry?

    func load(_ files: ContentFiles, options: LoadOptions, into content: inout SiteContent,
              _ diagnostics: inout [Diagnostic], _ sources: inout [String: SourceFile], _ digests: inout [String: Fingerprint]) {
        let read = self.read
        let drafts = options.drafts
        content[keyPath: entries] = ContentLoader.loadEntries(folder, files: files, today: options.today, cache: options.cache,
                                                              &diagnostics, &sources, &digests) { read($0, $1, $2, files, drafts) }
    }
}

enum EntryFolders {
    static let all: [any EntryFolderLoader] = [
        EntryFolder(folder: "programs", entries: \.programs, read: EntryLoaders.program),
        EntryFolder(folder: "cases", entries: \.cases, read: EntryLoaders.mentoringCase),
        EntryFolder(folder: "mentors", entries: \.mentors, read: EntryLoaders.mentor),
        EntryFolder(folder: "news", entries: \.news, read: EntryLoaders.news),
        EntryFolder(folder: "pages", entries: \.pages, read: EntryLoaders.page),
        EntryFolder(folder: "events", entries: \.events, read: EntryLoaders.event),
    ]
}
