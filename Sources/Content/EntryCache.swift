import Synchronization
import Domain
import Foundation

/// Parsed files kept between loads of the same folder: by `serve` in memory from one rebuild
/// to the next, and by `build` in `.nastavnik-cache/build/<output>.entries/` from one run to
/// the next. A file whose stamp (size, times, inode) is the one seen when it was read is not
/// even read again; a file read again whose text is unchanged is not parsed again.
///
/// Only what one file says on its own is kept (its value and its findings); the checks
/// across files always run on the whole content.
///
/// A build keeps them in `buckets` files by a hash of the path, and writes again only the
/// files holding a changed entry: one edit rewrites a 256th of them (a regional bank keeps
/// 300 MB of entries: a 32nd was 10 MB written again).
public final class EntryCache: Sendable {
    static let buckets = 256

    /// One file as it was last read and parsed.
    struct Record: Sendable {
        var stamp: FileStamp
        /// When it was read (seconds): a file written within the clock's tick before that
        /// could have changed without changing its stamp, so its stamp is not trusted.
        var readAt: Int
        var digest: Fingerprint
        /// The parsed type, so that a file moved between folders is parsed again.
        var type: String
        /// The value and its findings: decoded (`Stored<T>`), or still bytes of its kept file.
        var value: (any Sendable)?
        var bytes: Range<Int>?
    }

    /// A value and the findings of its file, as kept.
    struct Stored<T: Codable & Sendable>: Codable, Sendable {
        var value: T?
        var diagnostics: [Diagnostic]
    }

    private struct State: Sendable {
        /// From the last load (or the kept files), by absolute path.
        var kept: [String: Record] = [:]
        /// The pictures and documents of each folder then, by bucket: what an entry's checks of
        /// the files it names saw.
        var keptAssets: [[String: Fingerprint]] = Array(repeating: [:], count: EntryCache.buckets)
        /// This load's, which the next one keeps.
        var used: [String: Record] = [:]
        var assets: [String: Fingerprint] = [:]
        /// Buckets that got a record parsed or read again in this load.
        var changed: Set<Int> = []
    }

    private let state = Mutex(State())
    /// Each kept bucket file's bytes, which records point into until they are decoded.
    private let bytes: [Data]
    /// Whether a value decoded from its kept bytes is held for the next load. `serve` loads
    /// again and again; a build loads once and writes kept entries from their bytes, so holding
    /// each of 10,000 values in a box of its own is only work (a sixtieth of a rebuild's CPU).
    private let holdsDecoded: Bool

    /// An empty cache (`serve`, or a build without kept files).
    public init() {
        bytes = Array(repeating: Data(), count: Self.buckets)
        holdsDecoded = true
    }

    private static let magic = Array("nastavnik-entries 3\n".utf8)

    static func bucket(_ path: String) -> Int {
        Int(StableHasher.of(path).low % UInt64(buckets))
    }

    /// What a build kept in `folder`, when written under the same `key` (program, date,
    /// options); a bucket missing or damaged is empty.
    public init(contentsOf folder: URL, key: Fingerprint) {
        var bytes: [Data] = []
        var indexes: [Index?] = []
        var state = State()
        let real = ContentFiles.isRealFolder(folder.path)
        for bucket in 0..<Self.buckets {
            guard real, let data = try? Data(contentsOf: folder.appendingPathComponent(String(bucket)), options: .alwaysMapped),
                  let index = try? Self.index(of: data, key: key) else {
                bytes.append(Data())
                indexes.append(nil)
                continue
            }
            bytes.append(data)
            indexes.append(index)
        }
        // Sized once: a bank keeps 30,000 entries, and growing the table step by step moved them all again and again.
        state.kept.reserveCapacity(indexes.reduce(0) { $0 + ($1?.records.count ?? 0) })
        for (bucket, index) in indexes.enumerated() {
            guard let index else { continue }
            state.keptAssets[bucket] = index.assets
            for r in index.records where Self.bucket(r.path) == bucket {
                state.kept[r.path] = Record(stamp: r.stamp, readAt: r.readAt, digest: r.digest, type: r.type, value: nil,
                                            bytes: r.start..<(r.start + r.count))
            }
        }
        state.used.reserveCapacity(state.kept.count)
        self.bytes = bytes
        holdsDecoded = false
        self.state.withLock { $0 = state }
    }

    /// A kept file's table of contents: where each file's value lies among the bytes after it.
    /// Written by hand (`IndexCodec`), not through `Codable`: a regional bank reads the tables of
    /// 30,000 entries on every build, and decoding them field by field by name took a fifth of a
    /// second.
    private struct Index {
        var key: Fingerprint
        var assets: [String: Fingerprint]
        var records: [IndexRecord]
    }

    private struct IndexRecord {
        var path: String
        var stamp: FileStamp
        var readAt: Int
        var digest: Fingerprint
        var type: String
        var start: Int
        var count: Int
    }

    private static func index(of data: Data, key: Fingerprint) throws -> Index {
        try data.withUnsafeBytes { raw in
            let header = magic.count + 8
            guard raw.count >= header, Array(raw.prefix(magic.count)) == magic else { throw BinaryCoderError() }
            var length = 0
            for i in 0..<8 { length |= Int(raw[magic.count + i]) << (8 * i) }
            guard length > 0, length <= raw.count - header else { throw BinaryCoderError() }
            let index = try IndexCodec.decode(UnsafeRawBufferPointer(rebasing: raw[header..<(header + length)]))
            guard index.key == key else { throw BinaryCoderError() }
            let body = header + length
            for r in index.records where r.start < 0 || r.count < 0 || r.start > raw.count - body - r.count {
                throw BinaryCoderError()
            }
            return Index(key: key, assets: index.assets, records: index.records.map { r in
                var r = r
                r.start += body
                return r
            })
        }
    }

    /// The table in the kept files' layout (`ByteWriter`, `ByteReader`), the records' type names
    /// once in a table of their own.
    private enum IndexCodec {
        static func encode(_ index: Index) -> [UInt8] {
            var out = ByteWriter()
            out.print(index.key)
            out.int(index.assets.count)
            for (folder, assets) in index.assets.sorted(by: { $0.key < $1.key }) {
                out.string(folder)
                out.print(assets)
            }
            var types: [String: Int] = [:]
            for record in index.records where types[record.type] == nil { types[record.type] = types.count }
            out.int(types.count)
            for (type, _) in types.sorted(by: { $0.value < $1.value }) { out.string(type) }
            out.int(index.records.count)
            for r in index.records {
                out.string(r.path)
                for value in [r.stamp.size, r.stamp.modified, r.stamp.modifiedNanoseconds, r.stamp.changed,
                              r.stamp.changedNanoseconds, Int(bitPattern: UInt(r.stamp.inode)), Int(bitPattern: UInt(r.stamp.device))] {
                    out.int(value)
                }
                out.int(r.readAt)
                out.print(r.digest)
                out.int(types[r.type]!)
                out.int(r.start)
                out.int(r.count)
            }
            return out.bytes
        }

        /// Throws unless `bytes` are one whole table.
        static func decode(_ bytes: UnsafeRawBufferPointer) throws -> Index {
            var r = ByteReader(bytes)
            let key = try r.print()
            var assets: [String: Fingerprint] = [:]
            for _ in 0..<(try r.count()) {
                let folder = try r.string()
                assets[folder] = try r.print()
            }
            var types: [String] = []
            for _ in 0..<(try r.count()) { types.append(try r.string()) }
            var records: [IndexRecord] = []
            let n = try r.count()
            records.reserveCapacity(n)
            for _ in 0..<n {
                let path = try r.string()
                let stamp = FileStamp(size: try r.int(), modified: try r.int(), modifiedNanoseconds: try r.int(), changed: try r.int(),
                                      changedNanoseconds: try r.int(), inode: UInt64(UInt(bitPattern: try r.int())),
                                      device: UInt64(UInt(bitPattern: try r.int())))
                let readAt = try r.int()
                let digest = try r.print()
                let type = try r.int()
                guard types.indices.contains(type) else { throw BinaryCoderError() }
                records.append(IndexRecord(path: path, stamp: stamp, readAt: readAt, digest: digest, type: types[type],
                                           start: try r.int(), count: try r.int()))
            }
            guard r.atEnd else { throw BinaryCoderError() }
            return Index(key: key, assets: assets, records: records)
        }
    }

    /// Writes the buckets this load changed (an entry parsed, read again, or gone), each
    /// under a temporary name renamed into place.
    public func write(to folder: URL, key: Fingerprint) throws {
        let (used, assets, dirty) = state.withLock { state -> ([String: Record], [String: Fingerprint], Set<Int>) in
            var dirty = state.changed
            for path in state.kept.keys where state.used[path] == nil { dirty.insert(Self.bucket(path)) }
            // A bucket kept with other folders' pictures than this load's: its entries were checked
            // against those (and are parsed again), and what it says of them is rewritten.
            for bucket in 0..<Self.buckets where state.keptAssets[bucket].contains(where: { state.assets[$0.key] != $0.value }) {
                dirty.insert(bucket)
            }
            return (state.used, state.assets, dirty)
        }
        guard !dirty.isEmpty else { return }
        // A real folder only: anything else there (a link, an older cache's file) is replaced.
        if !ContentFiles.isRealFolder(folder.path) {
            unlink(folder.path)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        }
        var byBucket: [Int: [(String, Record)]] = [:]
        for (path, record) in used {
            let bucket = Self.bucket(path)
            if dirty.contains(bucket) { byBucket[bucket, default: []].append((path, record)) }
        }
        // Each bucket is its own file: encoded on all cores (a cold build encodes every entry).
        let grouped = byBucket
        let failures = dirty.sorted().parallelMap { bucket -> (any Error)? in
            do {
                try self.write(bucket, grouped[bucket] ?? [], to: folder, key: key, assets: assets)
                return nil
            } catch { return error }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    }

    /// One bucket's file, written under a temporary name renamed into place.
    private func write(_ bucket: Int, _ entries: [(String, Record)], to folder: URL, key: Fingerprint,
                       assets: [String: Fingerprint]) throws {
        var records: [IndexRecord] = []
        var body: [UInt8] = []
        for (path, record) in entries.sorted(by: { $0.0 < $1.0 }) {
            let start = body.count
            if let range = record.bytes {
                body.append(contentsOf: bytes[bucket][range])
            } else if let value = record.value as? any KeptValue, (try? value.encode(into: &body)) != nil {
            } else {
                body.removeSubrange(start...)
                continue
            }
            records.append(IndexRecord(path: path, stamp: record.stamp, readAt: record.readAt, digest: record.digest,
                                       type: record.type, start: start, count: body.count - start))
        }
        let index = IndexCodec.encode(Index(key: key, assets: Self.assets(of: records, in: assets), records: records))
        var head = Self.magic
        for i in 0..<8 { head.append(UInt8(truncatingIfNeeded: index.count >> (8 * i))) }
        let url = folder.appendingPathComponent(String(bucket))
        let temporary = folder.appendingPathComponent(".\(bucket).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            try handle.write(contentsOf: head)
            try handle.write(contentsOf: index)
            try handle.write(contentsOf: body)
            guard rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// The pictures' prints of the folders the records are of (their entries were checked against
    /// those): a bank's bucket names a few of its 500 schools, not all of them.
    private static func assets(of records: [IndexRecord], in all: [String: Fingerprint]) -> [String: Fingerprint] {
        var out: [String: Fingerprint] = [:]
        for record in records {
            var folder = Substring(record.path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if let print = all[String(folder)] {
                    out[String(folder)] = print
                    break
                }
            }
        }
        return out
    }

    /// Starts a load (`serve` runs one per rebuild): what the last one used is what this one
    /// may keep. A build's kept file is the last load before its first.
    /// - Parameter keepingAll: every kept file counts as used, with the pictures and documents
    ///   seen last (`serve` reading only the files it was told changed: `ContentLoader.reload`).
    public func beginRound(keepingAll: Bool = false) {
        state.withLock { state in
            if !state.used.isEmpty {
                state.kept = state.used
                state.keptAssets = Array(repeating: state.assets, count: Self.buckets)
            }
            state.used = keepingAll ? state.kept : [:]
            if !keepingAll { state.assets = [:] }
            state.changed = []
        }
    }

    /// Starts the load of one folder: its kept entries are valid only while it holds the same
    /// pictures and documents, since an entry's check of the files it names may then say otherwise.
    func beginFolder(_ files: ContentFiles) {
        var hasher = StableHasher()
        for (path, size) in files.sizes.filter({ ContentFiles.isNamedFile($0.key) }).sorted(by: { $0.key < $1.key }) {
            hasher.combine(path)
            hasher.combine(size)
        }
        let print = hasher.finalize()
        state.withLock { $0.assets[files.rootPath] = print }
    }

    /// A file of the folder and its value: kept when its stamp is the one seen when it was read
    /// (the file is then not read at all), or when its text is unchanged; else read and parsed.
    /// - Parameter type: `typeName(T.self)`, made once by a caller that asks for many files.
    func entry<T: Codable & Sendable>(_ relative: String, in files: ContentFiles, type: String = typeName(T.self),
                                      parse: (SourceFile) -> (T?, [Diagnostic])) -> LoadedFile<T> {
        let key = files.rootPath + "/" + relative
        let bucket = Self.bucket(key)
        let (known, assetsSame) = state.withLock { state in
            let kept = state.keptAssets[bucket][files.rootPath]
            return (state.kept[key], kept != nil && kept == state.assets[files.rootPath])
        }
        let stamp = files.stamps[relative]
        if let known, assetsSame, known.type == type, let stamp, known.stamp == stamp, known.readAt - stamp.modified > 2,
           let stored: Stored<T> = value(of: known, at: key) {
            use(key, known, stored)
            return LoadedFile(value: stored.value, diagnostics: stored.diagnostics, digest: known.digest, source: nil, failure: nil)
        }
        let file: SourceFile
        switch files.read(relative) {
        case .failure(let problem): return LoadedFile(value: nil, diagnostics: [], digest: nil, source: nil, failure: problem)
        case .success(let read): file = read
        }
        let readAt = time(nil)
        if let known, assetsSame, known.type == type, known.digest == file.digest, let stored: Stored<T> = value(of: known, at: key) {
            var record = known
            if let stamp { record.stamp = stamp }
            record.readAt = readAt
            use(key, record, stored, changed: true)
            return LoadedFile(value: stored.value, diagnostics: stored.diagnostics, digest: file.digest, source: file, failure: nil)
        }
        let (value, diagnostics) = parse(file)
        let stored = Stored(value: value, diagnostics: diagnostics)
        if let stamp {
            use(key, Record(stamp: stamp, readAt: readAt, digest: file.digest, type: type, value: stored, bytes: nil), stored, changed: true)
        }
        return LoadedFile(value: value, diagnostics: diagnostics, digest: file.digest, source: file, failure: nil)
    }

    /// How a kept value's type is recorded: a file moved to another folder is parsed again.
    static func typeName<T>(_ type: T.Type) -> String { String(reflecting: type) }

    /// A value made from files already loaded (a bank's rendered body), kept while `key` (all
    /// it is made from) is the same.
    public func derived<T: Codable & Sendable>(_ name: String, key: Fingerprint, make: () -> T) -> T {
        let type = Self.typeName(T.self)
        if let known = state.withLock({ $0.kept[name] }), known.type == type, known.digest == key,
           let stored: Stored<T> = value(of: known, at: name), let value = stored.value {
            use(name, known, stored)
            return value
        }
        let value = make()
        let stored = Stored(value: value, diagnostics: [])
        use(name, Record(stamp: FileStamp.none, readAt: 0, digest: key, type: type, value: stored, bytes: nil), stored, changed: true)
        return value
    }

    private func value<T>(of record: Record, at key: String) -> Stored<T>? {
        if let value = record.value { return value as? Stored<T> }
        guard let range = record.bytes else { return nil }
        return try? BinaryCoder.decode(Stored<T>.self, from: bytes[Self.bucket(key)], in: range)
    }

    private func use<T>(_ key: String, _ record: Record, _ stored: Stored<T>, changed: Bool = false) {
        var record = record
        // A record already holding its value keeps it: a large entry is not boxed again.
        if (record.value == nil && holdsDecoded) || changed { record.value = stored }
        state.withLock { state in
            state.used[key] = record
            if changed { state.changed.insert(Self.bucket(key)) }
        }
    }
}

/// A kept value that can write itself (the cache holds values of many types).
private protocol KeptValue {
    func encode(into bytes: inout [UInt8]) throws
}

extension EntryCache.Stored: KeptValue {
    func encode(into bytes: inout [UInt8]) throws { try BinaryCoder.encode(self, into: &bytes) }
}

/// One file as a load got it: its value and findings, its digest, and its text when it was
/// read (a kept file is not); or why it could not be read.
struct LoadedFile<T: Sendable>: Sendable {
    var value: T?
    var diagnostics: [Diagnostic]
    var digest: Fingerprint?
    var source: SourceFile?
    var failure: Diagnostic?
}
