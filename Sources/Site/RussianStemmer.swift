import CStemmer
import Domain

/// The Russian Snowball stemmer of libstemmer, with the word splitting the site's search script
/// repeats (assets/search.js): the two must agree word for word, or a search misses its page.
///
/// Not Sendable: the C object keeps its working buffer between calls, so each thread of work
/// makes its own. It remembers the stems it made, since most words of a site recur.
final class RussianStemmer {
    private let handle: OpaquePointer?
    /// Keyed by the words' UTF-8 bytes (`ByteHash`): a `String` key of Cyrillic letters is
    /// normalised (NFC) each time it is hashed, which took 3 % of a 50,000-page build.
    /// The words are folded to precomposed letters.
    private var memo: [ByteHash.Key: String] = [:]

    init() {
        handle = sb_stemmer_new("russian", "UTF_8")
    }

    deinit { sb_stemmer_delete(handle) }

    /// Stems a folded word (lower case, ё → е).
    func stem(_ word: String) -> String {
        if let known = memo[ByteHash.Key(word)] { return known }
        var result = word
        if let handle {
            var bytes = Array(word.utf8)
            let count = Int32(bytes.count)
            if let out = bytes.withUnsafeMutableBufferPointer({ sb_stemmer_stem(handle, $0.baseAddress, count) }) {
                let length = Int(sb_stemmer_length(handle))
                result = String(decoding: UnsafeBufferPointer(start: out, count: length), as: UTF8.self)
            }
        }
        if memo.count < 200_000 { memo[ByteHash.Key(word)] = result }
        return result
    }

    /// The words of a text: lower case, ё → е, maximal runs of a–z, а–я and digits.
    /// A hyphenated «учитель-учитель» is two words, as in the script.
    static func words(_ text: String) -> [String] {
        let folded = RussianFold.fold(text)
        var words: [String] = []
        var current: [UInt8] = []
        var bytes = folded.utf8.makeIterator()
        func flush() {
            if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true) }
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
        var seen = Set<ByteHash.Key>()
        var out: [String] = []
        for word in Self.words(text) {
            let s = stem(word)
            if seen.insert(ByteHash.Key(s)).inserted { out.append(s) }
        }
        return out
    }
}
