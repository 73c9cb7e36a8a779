import CPlatform
import Foundation

/// A 128-bit digest that is the same in every run (Swift's `Hasher` is seeded per process):
/// what the build cache keeps to tell, in the next run, whether an input or an output file
/// is the one it saw.
struct Fingerprint: Hashable, Sendable {
    var high: UInt64
    var low: UInt64

    static let zero = Fingerprint(high: 0, low: 0)
}

/// Feeds values into a `Fingerprint`. Every text goes in with its length, so ("ab", "c")
/// and ("a", "bc") differ.
struct StableHasher {
    private var state = Fingerprint.zero

    init() {}

    mutating func combine(bytes: UnsafeRawBufferPointer) {
        var out: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &out) { raw in
            nastavnik_hash128(bytes.baseAddress, bytes.count, state.high, state.low,
                              raw.baseAddress!.assumingMemoryBound(to: UInt64.self))
        }
        state = Fingerprint(high: out.0, low: out.1)
    }

    mutating func combine(_ value: Int) {
        var v = Int64(value).littleEndian
        withUnsafeBytes(of: &v) { combine(bytes: $0) }
    }

    mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            combine(bytes.count)
            combine(bytes: UnsafeRawBufferPointer(bytes))
        }
    }

    mutating func combine(_ data: Data) {
        combine(data.count)
        data.withUnsafeBytes { combine(bytes: $0) }
    }

    mutating func combine(_ print: Fingerprint) {
        combine(Int(Int64(bitPattern: print.high)))
        combine(Int(Int64(bitPattern: print.low)))
    }

    func finalize() -> Fingerprint { state }

    static func of(_ text: String) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine(text)
        return hasher.finalize()
    }

    static func of(_ data: Data) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine(data)
        return hasher.finalize()
    }
}
