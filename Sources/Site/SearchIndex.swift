import Content
import Domain
import Foundation
import Markdown
import Synchronization

/// The static search index: one entry per page with its type, a plain-text excerpt source
/// and the Snowball stems of all its words, so the script matches whole words by stem
/// («молодых педагогов» finds «Школа молодого педагога»; «год» never finds «благодарность»).
enum SearchIndex {
    /// One page as the index sees it.
    struct Input: Sendable {
        var title: String
        var path: String
        /// The page type shown beside a result: «Кейс», «Новость», …
        var kind: String
        /// Short texts (titles of parts, fields) that belong to the page.
        var parts: [String]
        /// Markdown of the body, if any.
        var body: String = ""
        /// An entry's body instead, read only when the page's entry is not kept (a kept
        /// entry's body is not made into a string); its digest was made when it was read.
        var markdown: MarkdownBody? = nil

        init(title: String, path: String, kind: String, parts: [String], body: String = "") {
            self.title = title
            self.path = path
            self.kind = kind
            self.parts = parts
            self.body = body
        }

        init(title: String, path: String, kind: String, parts: [String], markdown: MarkdownBody) {
            self.init(title: title, path: path, kind: kind, parts: parts)
            self.markdown = markdown
        }
    }

    /// The published index (and, with `.js`, its script).
    static let file = "search-index.json"

    /// Characters of plain text kept for the excerpt under a result.
    static let excerptLength = 480
    /// Characters of a body whose words are indexed: enough for any school page; it keeps a
    /// pathological 5 MB page from making the index as large.
    static let indexedLength = 60_000

    static func fold(_ text: String) -> String {
        RussianFold.fold(text)
    }

    /// Practices, schools, mentors and competitions of a bank.
    static func bankEntries(_ bank: BankSite) -> [Input] {
        var out: [Input] = []
        for p in bank.bank.practices {
            let school = bank.bank.schools[p.school]
            let c = bank.bank.mentoringCase(p)
            out.append(Input(title: c.title, path: BankURLs.practice(school.id, c.slug), kind: "Практика",
                             parts: [school.name, school.municipality ?? "", c.form.title, c.roleModel ?? "", c.summary ?? "", c.audience ?? ""]
                                 + c.tags + c.results, markdown: c.body))
        }
        for school in bank.bank.schools where !school.excluded {
            out.append(Input(title: school.fullName, path: BankURLs.school(school.id), kind: "Организация",
                             parts: [school.name, school.municipality ?? ""]))
        }
        for m in bank.mentors {
            let school = bank.bank.schools[m.school]
            guard let mentor = school.content?.mentors[m.mentor] else { continue }
            out.append(Input(title: mentor.name, path: BankURLs.mentor(school.id, mentor.slug), kind: "Наставник",
                             parts: [mentor.position ?? "", school.name, mentor.form?.title ?? ""]))
        }
        if !bank.bank.competitions.isEmpty {
            out.append(Input(title: "Конкурсы", path: "competitions/", kind: "Конкурсы",
                             parts: bank.bank.competitions.flatMap { [$0.title] + $0.nominations.map(\.title) }))
        }
        return out
    }

    /// Every page of a school site that has words of its own.
    static func siteEntries(_ content: SiteContent) -> [Input] {
        var inputs: [Input] = []
        let s = content.settings
        inputs.append(Input(title: s.title, path: "", kind: "Главная",
                            parts: [s.organization.name, s.description ?? "", content.home?.title ?? ""],
                            body: content.home?.body.text ?? ""))
        for section in SiteSections.all { inputs += section.search(content) }
        return inputs
    }

    /// Entries kept between rebuilds of `serve`, and between builds: an unchanged page is not
    /// made plain, cut or stemmed again, and its entry is copied from the last index made
    /// (for a build, the published `search-index.json`, when the output still holds it as
    /// written). Only where each entry lies in that index is kept (`.search`), not the entries.
    final class Cache: Sendable {
        /// An entry as the new index gets it: bytes of the last index, or made now.
        enum Piece: Sendable {
            case kept(Range<Int>)
            case made(String)
        }

        private struct State: Sendable {
            /// The last index made, which kept entries point into.
            var source = Data()
            var entries: [String: (key: Fingerprint, range: Range<Int>)] = [:]
            /// Whether an entry was made or dropped since the cache was read.
            var changed = false
        }

        private let state = Mutex(State())

        init() {}

        func entry(_ path: String, key: Fingerprint, make: () -> String) -> Piece {
            if let hit = state.withLock({ $0.entries[path] }), hit.key == key { return .kept(hit.range) }
            state.withLock { $0.changed = true }
            return .made(make())
        }

        /// Appends a kept entry's bytes (ranges count from the start of the index, which may be a
        /// slice of a larger buffer).
        func append(_ range: Range<Int>, to out: inout Data) {
            state.withLock { state in
                state.source.withUnsafeBytes { raw in out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[range])) }
            }
        }

        /// The index just made becomes the one entries are kept from; pages gone are forgotten.
        func adopt(_ json: Data, entries: [String: (key: Fingerprint, range: Range<Int>)]) {
            state.withLock { state in
                if state.entries.count != entries.count { state.changed = true }
                state.source = json
                state.entries = entries
            }
        }

        /// Lets the last index go (tens of megabytes) once it is written: a build needs only
        /// where the entries lie in it.
        func forgetIndex() {
            state.withLock { $0.source = Data() }
        }

        private static let magic = "nastavnik-search-cache 2"

        /// Where the entries lie in the published index `json`, when that file is the one the
        /// last build wrote (`print`); an empty cache when not, or when the table is damaged.
        static func read(_ url: URL, index json: URL?, print: Fingerprint?) -> Cache {
            let cache = Cache()
            guard let json, let print, var reader = CacheReader(contentsOf: url),
                  let source = try? Data(contentsOf: json, options: .alwaysMapped) else { return cache }
            var entries: [String: (key: Fingerprint, range: Range<Int>)] = [:]
            do {
                guard try reader.string() == magic, try reader.print() == BuildCache.program, try reader.print() == print else { return cache }
                for _ in 0..<(try reader.count()) {
                    let path = try reader.string()
                    let key = try reader.print()
                    let start = try reader.int(), count = try reader.int()
                    guard start >= 0, count >= 0, start <= source.count - count else { return cache }
                    entries[path] = (key, start..<(start + count))
                }
            } catch { return cache }
            cache.state.withLock { $0 = State(source: source, entries: entries, changed: false) }
            return cache
        }

        /// Writes where the entries lie in the index just made (whose digest is `print`), if
        /// any entry changed since the cache was read.
        func write(to url: URL, print: Fingerprint) throws {
            let (entries, changed) = state.withLock { ($0.entries, $0.changed) }
            guard changed else { return }
            var writer = CacheWriter()
            writer.string(Self.magic)
            writer.print(BuildCache.program)
            writer.print(print)
            writer.int(entries.count)
            for (path, entry) in entries {
                writer.string(path)
                writer.print(entry.key)
                writer.int(entry.range.lowerBound)
                writer.int(entry.range.count)
            }
            try writer.data.write(to: url, options: .atomic)
        }
    }

    /// The index as JSON, and as the script that sets it (`search-index.js`).
    static func json(_ content: SiteContent, extra: [Input] = [], cache: Cache? = nil) -> (json: Data, script: Data) {
        let inputs = siteEntries(content) + extra
        // One stemmer per slice of pages: the C object is not shareable, and its memo pays
        // off across pages.
        let slices = stride(from: 0, to: inputs.count, by: 64).map { Array(inputs[$0..<min($0 + 64, inputs.count)]) }
        let rendered = slices.parallelMap { slice -> [(key: Fingerprint, piece: Cache.Piece)] in
            var stemmer: RussianStemmer?
            var out: [(key: Fingerprint, piece: Cache.Piece)] = []
            for i in slice {
                func entry() -> String {
                    if stemmer == nil { stemmer = RussianStemmer() }
                    let text = (i.parts.filter { !$0.isEmpty } + [plain(String((i.markdown?.text ?? i.body).prefix(indexedLength)))]).joined(separator: " ")
                    let stems = stemmer!.stems(i.title + " " + text).joined(separator: " ")
                    return JSONWriter.write { json in
                        json.object { json in
                            json.field("u", i.path)
                            json.field("t", i.title)
                            json.field("k", i.kind)
                            json.field("x", excerpt(text))
                            json.field("w", stems)
                        }
                    }
                }
                guard let cache else {
                    out.append((.zero, .made(entry())))
                    continue
                }
                // Keyed by the page's own words, hashed as bytes: an unchanged page is not
                // made plain, cut or stemmed again.
                var hasher = StableHasher()
                for part in [i.title, i.kind] + i.parts { hasher.combine(part) }
                hasher.combine(i.markdown?.digest ?? StableHasher.of(i.body))
                let key = hasher.finalize()
                out.append((key, cache.entry(i.path, key: key, make: entry)))
            }
            return out
        }
        // What `JSONWriter` would write for `{"v": 2, "docs": [entries]}`, appended straight to
        // the bytes: tens of megabytes are not built as a string and copied again.
        var placed: [String: (key: Fingerprint, range: Range<Int>)] = [:]
        let both = ScriptData.both(as: "nastavnikSearchIndex") { out in
            let start = out.count
            out.reserveCapacity(start + rendered.reduce(0) { $0 + $1.reduce(0) { total, entry in
                switch entry.piece {
                case .kept(let range): return total + range.count + 1
                case .made(let json): return total + json.utf8.count + 1
                }
            } } + 64)
            out.append(contentsOf: #"{"v":2,"docs":["#.utf8)
            // Kept entries that lay one after another in the last index (with the comma between
            // them) are copied as one run: most of a rebuild's index is a few copies, not ten
            // thousand. `length` counts the run not yet copied.
            var length = out.count - start
            var run: Range<Int>?
            func flush() {
                if let pending = run { cache?.append(pending, to: &out) }
                run = nil
            }
            var first = true
            for (input, entry) in zip(inputs, rendered.joined()) {
                if case .kept(let range) = entry.piece, let pending = run, range.lowerBound == pending.upperBound + 1 {
                    run = pending.lowerBound..<range.upperBound
                    length += 1
                } else {
                    flush()
                    if !first {
                        out.append(UInt8(ascii: ","))
                        length += 1
                    }
                    if case .kept(let range) = entry.piece { run = range }
                }
                first = false
                let from = length
                switch entry.piece {
                case .kept(let range): length += range.count
                case .made(let json):
                    out.append(contentsOf: json.utf8)
                    length = out.count - start
                }
                placed[input.path] = (entry.key, from..<length)
            }
            flush()
            out.append(contentsOf: "]}".utf8)
        }
        cache?.adopt(both.json, entries: placed)
        return both
    }

    /// Whitespace collapsed, cut at a word boundary.
    static func excerpt(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(min(text.utf8.count, excerptLength * 2))
        var count = 0
        var space = false
        for ch in text {
            if ch.isWhitespace {
                space = !out.isEmpty
                continue
            }
            if space {
                if count >= excerptLength { break }
                out.append(" ")
                count += 1
                space = false
            }
            out.append(ch)
            count += 1
        }
        return out
    }

    /// Markdown without its markup: link targets, HTML tags and markup characters dropped,
    /// so excerpts read as text and addresses do not count as words of the page.
    static func plain(_ markdown: String) -> String {
        // UTF-8 bytes appended, not a scalar view: its appends are the stdlib's slow path.
        var out: [UInt8] = []
        out.reserveCapacity(markdown.utf8.count)
        var previous: Unicode.Scalar = " "
        var skipping: Unicode.Scalar? = nil
        for scalar in markdown.unicodeScalars {
            if let end = skipping {
                if scalar == end || scalar == "\n" { skipping = nil }
                previous = scalar
                continue
            }
            switch scalar {
            case "(" where previous == "]": skipping = ")"
            case "<": skipping = ">"
            case "[":
                // `![alt](…)`: the picture's mark goes with it (a byte of its own: no other
                // scalar ends in 0x21).
                if previous == "!", out.last == UInt8(ascii: "!") { out.removeLast() }
            case "]": break
            case "#", "*", "_", "`", "|", ">", "\n", "\\": out.append(UInt8(ascii: " "))
            default: UTF8.encode(scalar) { out.append($0) }
            }
            previous = scalar
        }
        return String(decoding: out, as: UTF8.self)
    }
}
