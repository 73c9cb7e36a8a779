/// A 128-bit digest that is the same in every run (Swift's `Hasher` is seeded per process):
/// what the build cache keeps to tell, in the next run, whether an input or an output file is
/// the one it saw, and what `serve` compares between rebuilds without hashing unchanged texts
/// again (files and bodies carry theirs from the moment they are read).
public struct Fingerprint: Hashable, Sendable, Codable {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    public static let zero = Fingerprint(high: 0, low: 0)
}

/// The fingerprint of a set of values in no particular order: each value's own fingerprint
/// summed (wrapping), then the count and the sum hashed. Made without sorting: the 33,000 files
/// of a regional bank cost more to sort by path than to hash. Values must be distinct (each
/// keyed by its path): two equal ones would not cancel out, but the sum is all that is kept.
public struct UnorderedHasher {
    private var sum = Fingerprint.zero
    private var count = 0

    public init() {}

    public mutating func add(_ element: Fingerprint) {
        sum.high &+= element.high
        sum.low &+= element.low
        count += 1
    }

    public func finalize() -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine(count)
        hasher.combine(sum)
        return hasher.finalize()
    }
}

/// Feeds values into a `Fingerprint` with MurmurHash3 x64-128 (Austin Appleby, public domain),
/// each call chained on the last. Every text goes in with its length, so ("ab", "c") and
/// ("a", "bc") differ.
public struct StableHasher {
    private var state = Fingerprint.zero

    public init() {}

    public mutating func combine(bytes: UnsafeRawBufferPointer) {
        state = Self.murmur(bytes, seed: state)
    }

    public mutating func combine(_ value: Int) {
        var v = Int64(value).littleEndian
        withUnsafeBytes(of: &v) { combine(bytes: $0) }
    }

    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            combine(bytes.count)
            combine(bytes: UnsafeRawBufferPointer(bytes))
        }
    }

    public mutating func combine(_ print: Fingerprint) {
        combine(Int(Int64(bitPattern: print.high)))
        combine(Int(Int64(bitPattern: print.low)))
    }

    public func finalize() -> Fingerprint { state }

    public static func of(_ text: String) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine(text)
        return hasher.finalize()
    }

    private static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    private static func fmix(_ k: UInt64) -> UInt64 {
        var k = k
        k ^= k >> 33
        k &*= 0xff51_afd7_ed55_8ccd
        k ^= k >> 33
        k &*= 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }

    static func murmur(_ bytes: UnsafeRawBufferPointer, seed: Fingerprint) -> Fingerprint {
        let c1: UInt64 = 0x87c3_7b91_1142_53d5, c2: UInt64 = 0x4cf5_ad43_2745_937f
        var h1 = seed.high, h2 = seed.low
        let count = bytes.count
        let blocks = count / 16
        for i in 0..<blocks {
            var k1 = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 16, as: UInt64.self))
            var k2 = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 16 + 8, as: UInt64.self))
            k1 &*= c1; k1 = rotl(k1, 31); k1 &*= c2; h1 ^= k1
            h1 = rotl(h1, 27); h1 &+= h2; h1 = h1 &* 5 &+ 0x52dc_e729
            k2 &*= c2; k2 = rotl(k2, 33); k2 &*= c1; h2 ^= k2
            h2 = rotl(h2, 31); h2 &+= h1; h2 = h2 &* 5 &+ 0x3849_5ab5
        }
        let tail = blocks * 16
        var k1: UInt64 = 0, k2: UInt64 = 0
        let rest = count & 15
        if rest > 8 {
            for i in stride(from: rest - 1, through: 8, by: -1) { k2 ^= UInt64(bytes[tail + i]) << UInt64((i - 8) * 8) }
            k2 &*= c2; k2 = rotl(k2, 33); k2 &*= c1; h2 ^= k2
        }
        if rest > 0 {
            for i in stride(from: min(rest, 8) - 1, through: 0, by: -1) { k1 ^= UInt64(bytes[tail + i]) << UInt64(i * 8) }
            k1 &*= c1; k1 = rotl(k1, 31); k1 &*= c2; h1 ^= k1
        }
        h1 ^= UInt64(count); h2 ^= UInt64(count)
        h1 &+= h2; h2 &+= h1
        h1 = fmix(h1); h2 = fmix(h2)
        h1 &+= h2; h2 &+= h1
        return Fingerprint(high: h1, low: h2)
    }
}
