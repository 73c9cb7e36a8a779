#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hashing and comparing text by its UTF-8 bytes.
public enum ByteHash {
    /// A text as a table key hashed and compared by its bytes: a `String` key of Cyrillic
    /// letters is normalised (NFC) each time it is hashed. For texts already in one form
    /// (folded words, spellings as read).
    public struct Key: Hashable, Sendable {
        public let text: String
        public init(_ text: String) { self.text = text }
        public func hash(into hasher: inout Hasher) { ByteHash.combine(text, into: &hasher) }
        public static func == (a: Key, b: Key) -> Bool { ByteHash.same(a.text, b.text) }
    }

    /// The length goes in first: ("ab", "c") and ("a", "bc") hash apart.
    public static func combine(_ text: String, into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { bytes in
            hasher.combine(bytes.count)
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
    }

    public static func value(_ text: String) -> Int {
        var hasher = Hasher()
        combine(text, into: &hasher)
        return hasher.finalize()
    }

    public static func same(_ a: String, _ b: String) -> Bool {
        var (a, b) = (a, b)
        return a.withUTF8 { x in
            b.withUTF8 { y in
                guard x.count == y.count else { return false }
                guard let p = x.baseAddress, let q = y.baseAddress else { return true }
                return memcmp(p, q, x.count) == 0
            }
        }
    }
}
