import Domain
import Foundation

/// Parsed entries kept between loads of the same folder (`serve`): a file whose text is
/// unchanged is not parsed again. Only per-file work is cached; the checks across files
/// always run on the whole content.
public final class EntryCache: @unchecked Sendable {
    private struct Entry {
        var text: String
        var value: Any?
        var diagnostics: [Diagnostic]
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    public init() {}

    func value<T>(for file: SourceFile, _ parse: () -> (T?, [Diagnostic])) -> (T?, [Diagnostic]) {
        if let hit = lock.withLock({ entries[file.path] }), hit.text == file.text, let value = hit.value as? T? {
            return (value, hit.diagnostics)
        }
        let (value, diagnostics) = parse()
        lock.withLock { entries[file.path] = Entry(text: file.text, value: value, diagnostics: diagnostics) }
        return (value, diagnostics)
    }
}
