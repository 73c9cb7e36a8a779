import CStemmer
import Domain

/// The Russian Snowball stemmer of libstemmer, with the word splitting the site's search script
/// repeats (assets/search.js): the two must agree word for word, or a search misses its page.
///
/// Not Sendable: the C object keeps its working buffer between calls, so each thread of work
/// makes its own. It remembers the stems it made, since most words of a site recur.
final class RussianStemmer {
    private let handle: OpaquePointer?
    /// Words and stems as their UTF-8 bytes: a `String` key of Cyrillic letters is normalised
    /// (NFC) each time it is hashed, which took 3 % of a 50,000-page build.
    private var memo: [Word: Word] = [:]

    /// A word's UTF-8 bytes, hashed and compared as bytes.
    private struct Word: Hashable {
        var bytes: [UInt8]
        func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
    }

    init() {
        handle = sb_stemmer_new("russian", "UTF_8")
    }

    deinit { sb_stemmer_delete(handle) }

    /// Stems a folded word (lower case, ё → е).
    func stem(_ word: String) -> String {
        String(decoding: stem(Word(bytes: Array(word.utf8))).bytes, as: UTF8.self)
    }

    private func stem(_ word: Word) -> Word {
        if let known = memo[word] { return known }
        var result = word
        if let handle {
            var bytes = word.bytes
            let count = Int32(bytes.count)
            if let out = bytes.withUnsafeMutableBufferPointer({ sb_stemmer_stem(handle, $0.baseAddress, count) }) {
                result = Word(bytes: Array(UnsafeBufferPointer(start: out, count: Int(sb_stemmer_length(handle)))))
            }
        }
        if memo.count < 200_000 { memo[word] = result }
        return result
    }

    /// The words of a text: lower case, ё → е, maximal runs of a–z, а–я and digits.
    /// A hyphenated «учитель-учитель» is two words, as in the script.
    static func words(_ text: String) -> [String] {
        wordBytes(text).map { String(decoding: $0, as: UTF8.self) }
    }

    private static func wordBytes(_ text: String) -> [[UInt8]] {
        let folded = RussianFold.fold(text)
        var words: [[UInt8]] = []
        var current: [UInt8] = []
        var bytes = folded.utf8.makeIterator()
        func flush() {
            if !current.isEmpty { words.append(current); current.removeAll(keepingCapacity: true) }
        }
        while let b = bytes.next() {
            switch b {
            case 0x30...0x39, 0x61...0x7A: current.append(b)
            case 0xD0:
                // а–п are D0 B0…BF; anything else under D0 is not a folded Russian letter.
                guard let c = bytes.next() else { flush(); continue }
                if (0xB0...0xBF).contains(c) { current.append(b); current.append(c) } else { flush() }
            case 0xD1:
                // р–я are D1 80…8F.
                guard let c = bytes.next() else { flush(); continue }
                if (0x80...0x8F).contains(c) { current.append(b); current.append(c) } else { flush() }
            default: flush()
            }
        }
        flush()
        return words
    }

    /// The distinct stems of a text, in the order they first occur.
    func stems(_ text: String) -> [String] {
        distinctStems(text).map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    /// `stems(text)` joined by spaces, as the search index holds them.
    func joinedStems(_ text: String) -> String {
        var out: [UInt8] = []
        for stem in distinctStems(text) {
            if !out.isEmpty { out.append(0x20) }
            out += stem.bytes
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func distinctStems(_ text: String) -> [Word] {
        var seen = Set<Word>()
        var out: [Word] = []
        for word in Self.wordBytes(text) {
            let s = stem(Word(bytes: word))
            if seen.insert(s).inserted { out.append(s) }
        }
        return out
    }
}
