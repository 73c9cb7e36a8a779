import Content
import Domain
import Foundation
import Theme

/// What a build keeps for the next one, in `.nastavnik-cache/build/` beside the content
/// folder: the fingerprints of what pages were made from, what each page read and reported,
/// and every file of the output with its stamp. The next build renders only the pages whose
/// reads meet a changed fingerprint and writes only files whose bytes differ.
///
/// The cache is an optimisation, never a source of truth: a missing, damaged or foreign file
/// is ignored (a clean build), and `--no-cache` ignores it too. Safe to delete.
struct BuildCache: Sendable, Equatable {
    /// What every page depends on beyond the content: the program, the theme, the options.
    /// When it differs, nothing kept is used.
    var key: Fingerprint
    var inputs: SiteInputs
    var pages: [String: PageRecord]
    var output: [String: OutputRecord]
    /// What the files made from the whole site depend on beyond the inputs (`SiteBuilder.extrasFingerprint`).
    var extras: Fingerprint = .zero
    /// Of the models the feeds and sitemap were rendered from, by output path.
    var models: [String: Fingerprint] = [:]
    /// The output's folders as this build listed them (`SiteOutput.files(in:known:)`).
    var folders = OutputFolders()

    struct PageRecord: Sendable, Equatable {
        var reads: PageReads
        var diagnostics: [Diagnostic]
        /// The output files the page made (its HTML, its copy for the visually impaired).
        var files: [String]
    }

    /// What invalidates every page: the program itself (any new build of it), the theme's
    /// templates, and the options a page is rendered with.
    static func key(options: BuildOptions, theme: Theme, bank: Bool) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine(program)
        hasher.combine(options.content.standardizedFileURL.path)
        hasher.combine(options.output.standardizedFileURL.path)
        hasher.combine(options.baseURL ?? "")
        hasher.combine(options.drafts ? 1 : 0)
        hasher.combine(bank ? 1 : 0)
        for (name, file) in theme.templateFiles.sorted(by: { $0.key < $1.key }) {
            hasher.combine(name)
            hasher.combine(file)
            // A built-in template is part of the program; one on disk is read.
            if let data = FileManager.default.contents(atPath: file) { hasher.combine(data) }
        }
        return hasher.finalize()
    }

    /// This very program (any new build of it) and the cache's format: search entries and
    /// name-scan findings kept by another version are not used, since how they are made may
    /// have changed.
    static let program: Fingerprint = {
        var hasher = StableHasher()
        hasher.combine(format)
        var info = stat()
        if stat("/proc/self/exe", &info) == 0 {
            let program = OutputStamp(info)
            hasher.combine(program.size)
            hasher.combine(program.modified)
            hasher.combine(program.nanoseconds)
            hasher.combine(Int(truncatingIfNeeded: program.inode))
        }
        return hasher.finalize()
    }()

    /// What the kept entries were parsed under: the program, the date (a finding may be about
    /// it), drafts shown or not.
    static func entriesKey(_ options: BuildOptions) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine(program)
        hasher.combine(options.content.standardizedFileURL.path)
        hasher.combine(options.today.description)
        hasher.combine(options.drafts ? 1 : 0)
        return hasher.finalize()
    }

    /// Bumped whenever what is kept, or how it is written, changes.
    static let format = 8
    private static let magic = "nastavnik-build-cache"

    /// One file per output folder, named by its path: two outputs of one site keep two.
    static func url(options: BuildOptions, create: Bool) -> URL {
        let name = StableHasher.of(options.output.standardizedFileURL.path)
        let file = String(name.high, radix: 16) + String(name.low, radix: 16) + ".cache"
        return SiteBuilder.cacheFolder(options, "build", create: create).appendingPathComponent(file)
    }

    static func read(_ url: URL) -> BuildCache? {
        guard var reader = CacheReader(contentsOf: url) else { return nil }
        return try? reader.cache()
    }

    /// The dependency table and the page records, encoded: the larger part of the cache, made
    /// beside the rest of a build once its pages are rendered (`write(to:pages:)`).
    struct EncodedPages: Sendable {
        fileprivate var table: CacheWriter
        fileprivate var pages: CacheWriter
    }

    static func encode(inputs: SiteInputs, pages: [String: PageRecord]) -> EncodedPages {
        // Dependencies are written once, in a table; pages name them by their number there
        // (a list page reads hundreds of entries).
        var table: [Dependency: Int] = [:]
        table.reserveCapacity(inputs.prints.count)
        var order: [Dependency] = []
        order.reserveCapacity(inputs.prints.count)
        func number(_ dependency: Dependency) -> Int {
            if let n = table[dependency] { return n }
            table[dependency] = order.count
            order.append(dependency)
            return order.count - 1
        }
        for dependency in inputs.prints.keys { _ = number(dependency) }
        // A kept page names its reads by their numbers in the last cache's table: each of those
        // is numbered anew once, not once per page that read it.
        var oldTable: DependencyTable?
        var renumbered: [Int] = []
        // The pages are written while their reads are numbered, then put after the table.
        var pageBytes = CacheWriter()
        pageBytes.int(pages.count)
        for (path, page) in pages {
            pageBytes.string(path)
            switch page.reads.storage {
            case .set(let reads):
                pageBytes.int(reads.count)
                for dependency in reads { pageBytes.int(number(dependency)) }
            case .numbered(let old, let numbers):
                if oldTable !== old {
                    oldTable = old
                    renumbered = Array(repeating: -1, count: old.dependencies.count)
                }
                pageBytes.int(numbers.count)
                for n in numbers {
                    var new = renumbered[Int(n)]
                    if new < 0 {
                        new = number(old.dependencies[Int(n)])
                        renumbered[Int(n)] = new
                    }
                    pageBytes.int(new)
                }
            }
            pageBytes.int(page.diagnostics.count)
            for d in page.diagnostics { pageBytes.diagnostic(d) }
            pageBytes.int(page.files.count)
            for file in page.files { pageBytes.string(file) }
        }
        var tableBytes = CacheWriter()
        tableBytes.int(order.count)
        for dependency in order {
            tableBytes.dependency(dependency)
            tableBytes.print(inputs.prints[dependency] ?? .zero)
            tableBytes.int(inputs.prints[dependency] == nil ? 0 : 1)
        }
        return EncodedPages(table: tableBytes, pages: pageBytes)
    }

    /// Written whole under another name, then renamed: a killed build leaves the old cache or the new.
    /// - Parameter encoded: `encode(inputs:pages:)` of this cache's inputs and pages, if made already.
    func write(to url: URL, pages encoded: EncodedPages? = nil) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var writer = CacheWriter()
        writer.string(Self.magic)
        writer.int(Self.format)
        writer.print(key)
        writer.print(inputs.global)
        writer.print(extras)
        writer.int(models.count)
        for (path, print) in models.sorted(by: { $0.key < $1.key }) {
            writer.string(path)
            writer.print(print)
        }
        let encoded = encoded ?? Self.encode(inputs: inputs, pages: pages)
        var outputBytes = CacheWriter()
        outputBytes.int(output.count)
        for (path, record) in output {
            outputBytes.string(path)
            outputBytes.print(record.print)
            outputBytes.int(record.stamp.size)
            outputBytes.int(record.stamp.modified)
            outputBytes.int(record.stamp.nanoseconds)
            outputBytes.int(Int(truncatingIfNeeded: record.stamp.inode))
        }
        outputBytes.int(folders.listedAt)
        outputBytes.int(folders.stamps.count)
        for (path, stamp) in folders.stamps {
            outputBytes.string(path)
            outputBytes.int(stamp.size)
            outputBytes.int(stamp.modified)
            outputBytes.int(stamp.nanoseconds)
            outputBytes.int(Int(truncatingIfNeeded: stamp.inode))
        }
        try CacheWriter.write([writer, encoded.table, encoded.pages, outputBytes], to: url)
    }
}

/// The cache in the kept files' layout (`ByteWriter`), with the dependencies and findings pages
/// record; read back by `CacheReader`.
struct CacheWriter {
    private var base = ByteWriter()
    var data: Data { Data(base.bytes) }

    /// The parts one after another, under a temporary name renamed into place: no part is
    /// copied into a whole first (the cache of a 50,000-page site is tens of megabytes). The
    /// cache it replaces is kept (`<name>-spare`) to be written over by the next build, as the
    /// output's large files are (`SiteOutput`): 10 MB at 10,000 pages.
    static func write(_ parts: [CacheWriter], to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        let spare = url.path + "-spare"
        let reused = SpareFile.reuse(spare, at: temporary.path)
        let fd = reused ?? open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path]) }
        var failed = false
        for part in parts where !failed {
            failed = !part.base.bytes.withUnsafeBytes { SpareFile.write($0, to: fd) }
        }
        if reused != nil, !failed { failed = ftruncate(fd, off_t(parts.reduce(0) { $0 + $1.base.bytes.count })) != 0 }
        close(fd)
        if !failed { SpareFile.keep(url.path, as: spare) }
        guard !failed, rename(temporary.path, url.path) == 0 else {
            unlink(temporary.path)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }

    mutating func int(_ value: Int) { base.int(value) }
    mutating func string(_ text: String) { base.string(text) }
    mutating func print(_ print: Fingerprint) { base.print(print) }

    mutating func dependency(_ dependency: Dependency) {
        switch dependency {
        case .settings: string("settings")
        case .home: string("home")
        case .sections: string("sections")
        case .bank: string("bank")
        case .bankOwn: string("bank-own")
        case .practiceCards: string("practice-cards")
        case .school(let id): string("school/" + id)
        case .schoolEntry(let file): string("school-entry/" + file)
        case .entry(let section, let slug): string("entry/" + section.rawValue + "/" + slug)
        case .list(let section): string("list/" + section.rawValue)
        case .whole(let section): string("whole/" + section.rawValue)
        case .casesOf(let mentor): string("cases-of/" + mentor)
        case .page(let path): string("page/" + path)
        }
    }

    mutating func diagnostic(_ d: Diagnostic) {
        string(d.severity.rawValue)
        string(d.rule)
        string(d.message)
        string(d.location.file)
        int(d.location.line)
        int(d.location.column)
        string(d.hint ?? "")
        int(d.hint == nil ? 0 : 1)
    }
}

struct CacheReader {
    struct Damaged: Error {}

    private var base: ByteReader<[UInt8]>

    init(_ data: Data) { base = ByteReader([UInt8](data)) }

    /// The file's bytes read straight into the reader's array (no second copy of a large cache).
    init?(contentsOf url: URL) {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size >= 0 else { return nil }
        let size = Int(info.st_size)
        var complete = false
        base = ByteReader([UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var done = 0
            while done < size {
                let n = read(fd, buffer.baseAddress! + done, size - done)
                guard n > 0 else { break }
                done += n
            }
            count = done
            complete = done == size
        })
        guard complete else { return nil }
    }

    mutating func int() throws -> Int { try base.int() }
    mutating func count() throws -> Int { try base.count() }
    mutating func string() throws -> String { try base.string() }
    mutating func print() throws -> Fingerprint { try base.print() }

    mutating func dependency() throws -> Dependency {
        let text = try string()
        switch text {
        case "settings": return .settings
        case "home": return .home
        case "sections": return .sections
        case "bank": return .bank
        case "bank-own": return .bankOwn
        case "practice-cards": return .practiceCards
        default: break
        }
        if text.hasPrefix("school/") { return .school(String(text.dropFirst("school/".count))) }
        if text.hasPrefix("school-entry/") { return .schoolEntry(String(text.dropFirst("school-entry/".count))) }
        if text.hasPrefix("cases-of/") { return .casesOf(String(text.dropFirst("cases-of/".count))) }
        if text.hasPrefix("page/") { return .page(String(text.dropFirst("page/".count))) }
        let parts = text.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, let section = SectionKey(rawValue: parts[1]) else { throw Damaged() }
        switch (parts[0], parts.count) {
        case ("entry", 3): return .entry(section, parts[2])
        case ("list", 2): return .list(section)
        case ("whole", 2): return .whole(section)
        default: throw Damaged()
        }
    }

    mutating func diagnostic() throws -> Diagnostic {
        guard let severity = Severity(rawValue: try string()) else { throw Damaged() }
        let rule = try string(), message = try string(), file = try string()
        let line = try int(), column = try int()
        let hint = try string()
        let hasHint = try int() == 1
        return Diagnostic(severity, rule, message, at: SourceRef(file: file, line: line, column: column), hint: hasHint ? hint : nil)
    }

    mutating func cache() throws -> BuildCache {
        guard try string() == "nastavnik-build-cache", try int() == BuildCache.format else { throw Damaged() }
        let key = try print()
        let global = try print()
        let extras = try print()
        var models: [String: Fingerprint] = [:]
        for _ in 0..<(try count()) {
            let path = try string()
            models[path] = try print()
        }
        // Tables sized once from their counts: grown step by step they were rehashed a dozen times.
        let dependencies = try count()
        var prints: [Dependency: Fingerprint] = [:]
        prints.reserveCapacity(dependencies)
        var table: [Dependency] = []
        table.reserveCapacity(dependencies)
        for _ in 0..<dependencies {
            let dependency = try dependency()
            let print = try print()
            if try int() == 1 { prints[dependency] = print }
            table.append(dependency)
        }
        // Pages keep their reads as numbers into the table: a set of each page's reads would
        // hash every read of every page, and a build needs only whether one of them changed.
        let shared = DependencyTable(table)
        let pageCount = try count()
        var pages: [String: BuildCache.PageRecord] = [:]
        pages.reserveCapacity(pageCount)
        for _ in 0..<pageCount {
            let path = try string()
            let n = try count()
            var numbers: [Int32] = []
            numbers.reserveCapacity(n)
            for _ in 0..<n {
                let n = try int()
                guard table.indices.contains(n) else { throw Damaged() }
                numbers.append(Int32(n))
            }
            let reads = PageReads(shared, numbers)
            var diagnostics: [Diagnostic] = []
            for _ in 0..<(try count()) { diagnostics.append(try diagnostic()) }
            var files: [String] = []
            for _ in 0..<(try count()) { files.append(try string()) }
            pages[path] = BuildCache.PageRecord(reads: reads, diagnostics: diagnostics, files: files)
        }
        let outputCount = try count()
        var output: [String: OutputRecord] = [:]
        output.reserveCapacity(outputCount)
        for _ in 0..<outputCount {
            let path = try string()
            let print = try print()
            let stamp = OutputStamp(size: try int(), modified: try int(), nanoseconds: try int(),
                                    inode: UInt64(bitPattern: Int64(try int())))
            output[path] = OutputRecord(print: print, stamp: stamp, number: Int32(output.count))
        }
        var folders = OutputFolders(listedAt: try int())
        let folderCount = try count()
        folders.stamps.reserveCapacity(folderCount)
        for _ in 0..<folderCount {
            let path = try string()
            folders.stamps[path] = OutputStamp(size: try int(), modified: try int(), nanoseconds: try int(),
                                               inode: UInt64(bitPattern: Int64(try int())))
        }
        guard base.atEnd else { throw Damaged() }
        return BuildCache(key: key, inputs: SiteInputs(global: global, prints: prints), pages: pages, output: output, extras: extras, models: models,
                          folders: folders)
    }
}

extension StableHasher {
    mutating func combine(_ data: Data) {
        combine(data.count)
        data.withUnsafeBytes { combine(bytes: $0) }
    }

    static func of(_ data: Data) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine(data)
        return hasher.finalize()
    }
}

/// The name scan's findings on disk, beside the build cache.
enum ScanMemoFile {
    private static let magic = "nastavnik-scan-cache 2"

    /// An empty memo when there is none or it is damaged.
    static func read(_ url: URL) -> ScanMemo {
        guard var reader = CacheReader(contentsOf: url) else { return ScanMemo() }
        do {
            guard try reader.string() == magic, try reader.print() == BuildCache.program else { return ScanMemo() }
            var found: [Fingerprint: [Diagnostic]] = [:]
            for _ in 0..<(try reader.count()) {
                let key = try reader.print()
                var diagnostics: [Diagnostic] = []
                for _ in 0..<(try reader.count()) { diagnostics.append(try reader.diagnostic()) }
                found[key] = diagnostics
            }
            return ScanMemo(found: found)
        } catch {
            return ScanMemo()
        }
    }

    static func write(_ memo: ScanMemo, to url: URL) throws {
        let kept = memo.kept
        guard kept.changed else { return }
        var writer = CacheWriter()
        writer.string(magic)
        writer.print(BuildCache.program)
        writer.int(kept.found.count)
        for (key, diagnostics) in kept.found {
            writer.print(key)
            writer.int(diagnostics.count)
            for d in diagnostics { writer.diagnostic(d) }
        }
        try writer.data.write(to: url, options: .atomic)
    }
}
