#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring search over UTF-8 bytes (memchr for the first byte, memcmp for the rest): the
/// generic `firstRange(of:)` of the standard library spent a fifth of a large build
/// instantiating generic metadata.
public enum Bytes {
    public static func contains(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack, needle = needle
        return haystack.withUTF8 { h in needle.withUTF8 { n in find(n, in: h) != nil } }
    }

    /// The first occurrence of `needle` in `haystack`, as a range of byte offsets.
    public static func firstRange(of needle: String, in haystack: String) -> Range<Int>? {
        var haystack = haystack, needle = needle
        return haystack.withUTF8 { h in needle.withUTF8 { n in find(n, in: h).map { $0..<($0 + n.count) } } }
    }

    static func find(_ n: UnsafeBufferPointer<UInt8>, in h: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let nb = n.baseAddress, !n.isEmpty else { return 0 }
        guard let hb = h.baseAddress, n.count <= h.count else { return nil }
        let last = h.count - n.count
        var i = 0
        while i <= last {
            guard let hit = memchr(hb + i, Int32(nb[0]), last - i + 1) else { return nil }
            let at = hb.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(hb + at, nb, n.count) == 0 { return at }
            i = at + 1
        }
        return nil
    }
}
