import Domain

/// The layout the build's kept files share (the build cache, the search entries, the name scan's
/// findings, the kept entries' tables): integers as 8 little-endian bytes, texts as their length
/// and UTF-8 bytes, fingerprints as two integers.
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func int(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    public mutating func print(_ print: Fingerprint) {
        int(Int(Int64(bitPattern: print.high)))
        int(Int(Int64(bitPattern: print.low)))
    }
}

/// Reads what `ByteWriter` wrote. Every length is checked against what is left: damaged bytes
/// throw, they never crash or make a huge array.
public struct ByteReader<Bytes: RandomAccessCollection> where Bytes.Element == UInt8, Bytes.Index == Int {
    @usableFromInline let bytes: Bytes
    @usableFromInline var offset: Int

    @inlinable public init(_ bytes: Bytes) {
        self.bytes = bytes
        offset = bytes.startIndex
    }

    @inlinable public var atEnd: Bool { offset == bytes.endIndex }

    @inlinable public mutating func int() throws -> Int {
        guard bytes.endIndex - offset >= 8 else { throw BinaryCoderError() }
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        offset += 8
        return Int(Int64(bitPattern: value))
    }

    /// A count of items that follow: each takes at least a byte, so a count larger than what
    /// is left is damage.
    @inlinable public mutating func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= bytes.endIndex - offset else { throw BinaryCoderError() }
        return n
    }

    @inlinable public mutating func string() throws -> String {
        let n = try count()
        defer { offset += n }
        return String(decoding: bytes[offset..<(offset + n)], as: UTF8.self)
    }

    @inlinable public mutating func print() throws -> Fingerprint {
        Fingerprint(high: UInt64(bitPattern: Int64(try int())), low: UInt64(bitPattern: Int64(try int())))
    }
}
