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
        /// The body's digest, when it comes from an entry (made when the entry was read).
        var bodyDigest: Fingerprint? = nil

        init(title: String, path: String, kind: String, parts: [String], body: String = "") {
            self.title = title
            self.path = path
            self.kind = kind
            self.parts = parts
            self.body = body
        }

        init(title: String, path: String, kind: String, parts: [String], markdown: MarkdownBody) {
            self.init(title: title, path: path, kind: kind, parts: parts, body: markdown.text)
            bodyDigest = markdown.digest
        }
    }

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

    /// Entries kept between rebuilds of `serve`, and between builds (`BuildCache`): an
    /// unchanged page is not made plain, cut or stemmed again.
    final class Cache: Sendable {
        private let entries = Mutex<[String: (key: Fingerprint, json: String)]>([:])
        /// Whether an entry was made or dropped since the cache was read.
        private let changed = Mutex(false)

        init() {}

        func entry(_ path: String, key: Fingerprint, make: () -> String) -> String {
            if let hit = entries.withLock({ $0[path] }), hit.key == key { return hit.json }
            let json = make()
            entries.withLock { $0[path] = (key, json) }
            changed.withLock { $0 = true }
            return json
        }

        /// Forgets pages that are gone, so a long `serve` session does not keep them.
        func retain(_ paths: Set<String>) {
            entries.withLock { entries in
                let kept = entries.filter { paths.contains($0.key) }
                if kept.count != entries.count { changed.withLock { $0 = true } }
                entries = kept
            }
        }

        private static let magic = "nastavnik-search-cache 1"

        /// The entries a build kept; an empty cache when there are none or they are damaged.
        static func read(_ url: URL) -> Cache {
            let cache = Cache()
            guard var reader = CacheReader(contentsOf: url) else { return cache }
            var entries: [String: (key: Fingerprint, json: String)] = [:]
            do {
                guard try reader.string() == magic, try reader.print() == BuildCache.program else { return cache }
                for _ in 0..<(try reader.count()) {
                    let path = try reader.string()
                    entries[path] = (try reader.print(), try reader.string())
                }
            } catch { return cache }
            cache.entries.withLock { $0 = entries }
            return cache
        }

        /// Writes the entries if any changed since they were read.
        func write(to url: URL) throws {
            guard changed.withLock({ $0 }) else { return }
            let all = entries.withLock { $0 }
            // Written in pieces: the entries of a large site are as large as its index.
            try CacheWriter.stream(to: url) { writer, flush in
                writer.string(Self.magic)
                writer.print(BuildCache.program)
                writer.int(all.count)
                for (path, entry) in all {
                    writer.string(path)
                    writer.print(entry.key)
                    writer.string(entry.json)
                    try flush(&writer)
                }
            }
        }
    }

    /// The index as JSON, and as the script that sets it (`search-index.js`).
    static func json(_ content: SiteContent, extra: [Input] = [], cache: Cache? = nil) -> (json: Data, script: Data) {
        let inputs = siteEntries(content) + extra
        // One stemmer per slice of pages: the C object is not shareable, and its memo pays
        // off across pages.
        let slices = stride(from: 0, to: inputs.count, by: 64).map { Array(inputs[$0..<min($0 + 64, inputs.count)]) }
        let rendered = slices.parallelMap { slice -> [String] in
            let stemmer = RussianStemmer()
            var out: [String] = []
            for i in slice {
                func entry() -> String {
                    let text = (i.parts.filter { !$0.isEmpty } + [plain(String(i.body.prefix(indexedLength)))]).joined(separator: " ")
                    let stems = stemmer.stems(i.title + " " + text).joined(separator: " ")
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
                if let cache {
                    // Keyed by the page's own words, hashed as bytes: an unchanged page is not
                    // made plain, cut or stemmed again.
                    var hasher = StableHasher()
                    for part in [i.title, i.kind] + i.parts { hasher.combine(part) }
                    hasher.combine(i.bodyDigest ?? StableHasher.of(i.body))
                    out.append(cache.entry(i.path, key: hasher.finalize(), make: entry))
                } else {
                    out.append(entry())
                }
            }
            return out
        }
        cache?.retain(Set(inputs.map(\.path)))
        // What `JSONWriter` would write for `{"v": 2, "docs": [entries]}`, appended straight to
        // the bytes: tens of megabytes are not built as a string and copied again.
        return ScriptData.both(as: "nastavnikSearchIndex") { out in
            out.reserveCapacity(rendered.reduce(0) { $0 + $1.reduce(0) { $0 + $1.utf8.count + 1 } } + 64)
            out.append(contentsOf: #"{"v":2,"docs":["#.utf8)
            var first = true
            for entry in rendered.joined() {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                out.append(contentsOf: entry.utf8)
            }
            out.append(contentsOf: "]}".utf8)
        }
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
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(markdown.utf8.count)
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
                // `![alt](…)`: the picture's mark goes with it.
                if previous == "!", scalars.last == "!" { scalars.removeLast() }
            case "]": break
            case "#", "*", "_", "`", "|", ">", "\n", "\\": scalars.append(" ")
            default: scalars.append(scalar)
            }
            previous = scalar
        }
        return String(scalars)
    }
}
