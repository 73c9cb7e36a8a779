import Synchronization
import Domain
import Foundation

/// Parsed entries kept between loads of the same folder (`serve`): a file whose text is
/// unchanged is not parsed again. Only per-file work is cached; the checks across files
/// always run on the whole content.
public final class EntryCache: Sendable {
    private struct Entry: Sendable {
        var text: String
        var value: (any Sendable)?
        var diagnostics: [Diagnostic]
    }

    private let entries = Mutex<[String: Entry]>([:])

    public init() {}

    func value<T: Sendable>(for file: SourceFile, _ parse: () -> (T?, [Diagnostic])) -> (T?, [Diagnostic]) {
        // An entry is keyed by its path, and a path holds one kind of entry: the cast only
        // fails if a file changed kind (moved between folders), and then it is parsed again.
        if let hit = entries.withLock({ $0[file.path] }), hit.text == file.text, let value = hit.value as? T? {
            return (value, hit.diagnostics)
        }
        let (value, diagnostics) = parse()
        entries.withLock { $0[file.path] = Entry(text: file.text, value: value, diagnostics: diagnostics) }
        return (value, diagnostics)
    }
}
