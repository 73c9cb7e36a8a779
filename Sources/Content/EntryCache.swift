import Synchronization
import Domain
import Foundation

/// Work kept between loads of the same folder (`serve`): a file whose text is unchanged is
/// not parsed again, and a text whose words are unchanged is not scanned for names again.
/// Only per-file and per-text work is cached; the checks across files always run on the
/// whole content.
public final class EntryCache: Sendable {
    private struct Entry: Sendable {
        var text: String
        var revision: Int
        var value: (any Sendable)?
        var diagnostics: [Diagnostic]
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let scans = Mutex<Scans>(Scans())

    /// The name scan's findings by text, valid while the people who consented are the same;
    /// `used` collects this scan's, which replace them at its end.
    private struct Scans: Sendable {
        var people = PersonalData.Consented([])
        var found: [ScanKey: [Diagnostic]] = [:]
        var used: [ScanKey: [Diagnostic]] = [:]
    }

    private let versions = Mutex<(files: [String: (text: String, revision: Int, version: Int)], next: Int)>(([:], 0))
    private let revisions = Counter()
    private let read = Mutex<[String: (stamp: FileStamp, file: SourceFile, readAt: Int)]>([:])
    /// The folder's other files (pictures, documents) when the kept entries were read.
    private let assets = Mutex<[String: Int]?>(nil)

    public init() {}

    func value<T: Sendable>(for file: SourceFile, _ parse: () -> (T?, [Diagnostic])) -> (T?, [Diagnostic]) {
        // An entry is keyed by its path, and a path holds one kind of entry: the cast only
        // fails if a file changed kind (moved between folders), and then it is parsed again.
        if let hit = entries.withLock({ $0[file.path] }), Self.same(hit.text, hit.revision, file), let value = hit.value as? T? {
            return (value, hit.diagnostics)
        }
        let (value, diagnostics) = parse()
        entries.withLock { $0[file.path] = Entry(text: file.text, revision: file.revision, value: value, diagnostics: diagnostics) }
        return (value, diagnostics)
    }

    /// Starts a load: kept entries are dropped when a picture or document was added, removed
    /// or changed, since an entry's check of the files it names may then say otherwise.
    func beginLoad(_ files: ContentFiles) {
        let now = files.sizes.filter { !ContentFiles.isText($0.key) }
        let changed = assets.withLock { known in
            defer { known = now }
            return known != nil && known != now
        }
        if changed { entries.withLock { $0 = [:] } }
    }

    /// A file of the folder, read again only when its stamp (size, times, inode) changed.
    func source(_ relative: String, in files: ContentFiles) -> Result<SourceFile, Diagnostic> {
        let key = files.root.path + "/" + relative
        // Kept only if it was read well after its last write: two saves within one tick of the
        // file system's clock (2 s on FAT), of the same size, would leave the same stamp.
        if let stamp = files.stamps[relative], let known = read.withLock({ $0[key] }), known.stamp == stamp,
           known.readAt - stamp.modified > 2 {
            return .success(known.file)
        }
        let result = files.read(relative)
        guard case .success(var file) = result, let stamp = files.stamps[relative] else { return result }
        file.revision = revisions.next()
        let now = time(nil)
        read.withLock { $0[key] = (stamp, file, now) }
        return .success(file)
    }

    /// Starts a scan of the site's texts: findings of the last one stay valid only if the
    /// same people consented (a name found in a text is checked against them).
    func beginScan(people: PersonalData.Consented) {
        scans.withLock { scans in
            if scans.people != people { scans = Scans(people: people) }
            scans.used = [:]
        }
    }

    /// The findings for one text, computed once per version of its file.
    func scan(_ key: ScanKey, _ compute: () -> [Diagnostic]) -> [Diagnostic] {
        if let hit = scans.withLock({ scans in scans.found[key].map { scans.used[key] = $0; return $0 } }) { return hit }
        let found = compute()
        scans.withLock { $0.used[key] = found }
        return found
    }

    /// Keeps only the texts of this scan, so a long `serve` session does not keep old ones.
    func endScan() {
        scans.withLock { scans in
            scans.found = scans.used
            scans.used = [:]
        }
    }

    /// A number that changes whenever the file's text does, compared byte for byte with the
    /// last time it was asked for: texts made from an unchanged file are the same texts.
    func version(of file: SourceFile) -> Int {
        versions.withLock { versions in
            if let known = versions.files[file.path], Self.same(known.text, known.revision, file) { return known.version }
            versions.next += 1
            versions.files[file.path] = (file.text, file.revision, versions.next)
            return versions.next
        }
    }

    /// Whether `file` has the text kept with `revision`: by the revision when both are known.
    private static func same(_ text: String, _ revision: Int, _ file: SourceFile) -> Bool {
        if revision != 0, file.revision != 0 { return revision == file.revision }
        return ByteHash.same(text, file.text)
    }
}

/// A text of the site where the name scan found it: its file, the file's version, and its
/// place among the texts made from that file. An unchanged file makes the same texts in the
/// same order, so no text is hashed or compared.
struct ScanKey: Hashable, Sendable {
    var file: String
    var version: Int
    var ordinal: Int
}
