import Domain
import Foundation

/// A compact binary form of `Codable` values, for what the build keeps between runs (parsed
/// entries): decoding it must cost far less than parsing the YAML it replaces.
///
/// Values are written as they are encoded, into one buffer: a tag byte, then the value.
/// A keyed container is its field count followed by (key, value) pairs in the order they were
/// encoded; the synthesized conformances decode in that same order, so a field is found at the
/// read position without a lookup (an absent optional is a key that is not there).
/// Everything is bounds-checked: a damaged file throws, it never crashes or loops.
public enum BinaryCoder {
    public static func encode<T: Encodable>(_ value: T, into bytes: inout [UInt8]) throws {
        let encoder = BinaryEncoderState(bytes)
        bytes = []
        try value.encode(to: encoder)
        bytes = encoder.bytes
    }

    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try encode(value, into: &bytes)
        return bytes
    }

    public static func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws -> T {
        let decoder = BinaryDecoderState(bytes)
        let value = try T(from: decoder)
        guard decoder.offset == bytes.count else { throw BinaryCoderError.damaged }
        return value
    }

    /// Decodes the value in `range` of `data` (offsets from its start); its texts that are
    /// `DeferredText` keep a slice of `data` instead of a copy.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, in range: Range<Int>) throws -> T {
        try data.withUnsafeBytes { raw in
            guard range.lowerBound >= 0, range.upperBound <= raw.count else { throw BinaryCoderError.damaged }
            let decoder = BinaryDecoderState(UnsafeRawBufferPointer(rebasing: raw[range]),
                                             owner: data, ownerStart: data.startIndex + range.lowerBound)
            let value = try T(from: decoder)
            guard decoder.offset == range.count else { throw BinaryCoderError.damaged }
            return value
        }
    }

    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try bytes.withUnsafeBytes { try decode(type, from: $0) }
    }

    /// A stable fingerprint of everything `value` holds; nil if it cannot be encoded (then
    /// nothing made from it may be taken as unchanged).
    public static func fingerprint<T: Encodable>(_ value: T) -> Fingerprint? {
        guard let bytes = try? encode(value) else { return nil }
        return bytes.withUnsafeBytes { raw in
            var hasher = StableHasher()
            hasher.combine(bytes: raw)
            return hasher.finalize()
        }
    }
}

public struct BinaryCoderError: Error {
    public init() {}
    static let damaged = BinaryCoderError()
}

enum BinaryTag: UInt8 {
    case null = 0, no, yes, int, uint, double, string, keyed, unkeyed
}

// MARK: - Encoding

final class BinaryEncoderState: Encoder {
    var bytes: [UInt8]
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            varint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    func int(_ value: Int64) {
        bytes.append(BinaryTag.int.rawValue)
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    func uint(_ value: UInt64) {
        bytes.append(BinaryTag.uint.rawValue)
        varint(value)
    }

    /// A container's count is written as four bytes and raised as fields are added: the
    /// count of a container whose fields are still coming is not known when it starts.
    func beginContainer(_ tag: BinaryTag) -> Int {
        bytes.append(tag.rawValue)
        let at = bytes.count
        bytes.append(contentsOf: [0, 0, 0, 0])
        return at
    }

    func countOne(at offset: Int) {
        var n = UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
        n += 1
        bytes[offset] = UInt8(truncatingIfNeeded: n)
        bytes[offset + 1] = UInt8(truncatingIfNeeded: n >> 8)
        bytes[offset + 2] = UInt8(truncatingIfNeeded: n >> 16)
        bytes[offset + 3] = UInt8(truncatingIfNeeded: n >> 24)
    }

    func encodeValue<T: Encodable>(_ value: T) throws {
        switch value {
        case let v as String: bytes.append(BinaryTag.string.rawValue); string(v)
        case let v as Int: int(Int64(v))
        case let v as Bool: bytes.append(v ? BinaryTag.yes.rawValue : BinaryTag.no.rawValue)
        case let v as Double: self.double(v)
        case let v as UInt64: uint(v)
        case let v as DeferredText:
            bytes.append(BinaryTag.string.rawValue)
            v.withUTF8 { utf8 in
                varint(UInt64(utf8.count))
                bytes.append(contentsOf: utf8)
            }
        default: try value.encode(to: self)
        }
    }

    func double(_ value: Double) {
        bytes.append(BinaryTag.double.rawValue)
        var bits = value.bitPattern.littleEndian
        withUnsafeBytes(of: &bits) { bytes.append(contentsOf: $0) }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedWriter<Key>(encoder: self, count: beginContainer(.keyed)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedWriter(encoder: self, countAt: beginContainer(.unkeyed))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleWriter(encoder: self) }
}

private struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: BinaryEncoderState
    let count: Int
    var codingPath: [any CodingKey] { [] }

    private func key(_ key: Key) {
        encoder.countOne(at: count)
        encoder.string(key.stringValue)
    }

    mutating func encodeNil(forKey key: Key) throws { self.key(key); encoder.bytes.append(BinaryTag.null.rawValue) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { self.key(key); encoder.bytes.append(value ? BinaryTag.yes.rawValue : BinaryTag.no.rawValue) }
    mutating func encode(_ value: String, forKey key: Key) throws { self.key(key); encoder.bytes.append(BinaryTag.string.rawValue); encoder.string(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { self.key(key); encoder.double(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { self.key(key); encoder.double(Double(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { self.key(key); encoder.int(Int64(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { self.key(key); encoder.int(Int64(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { self.key(key); encoder.int(Int64(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { self.key(key); encoder.int(Int64(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { self.key(key); encoder.int(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { self.key(key); encoder.uint(UInt64(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { self.key(key); encoder.uint(UInt64(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { self.key(key); encoder.uint(UInt64(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { self.key(key); encoder.uint(UInt64(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { self.key(key); encoder.uint(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { self.key(key); try encoder.encodeValue(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        self.key(key)
        return encoder.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        self.key(key)
        return encoder.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { encoder }
    mutating func superEncoder(forKey key: Key) -> any Encoder { self.key(key); return encoder }
}

private struct UnkeyedWriter: UnkeyedEncodingContainer {
    let encoder: BinaryEncoderState
    let countAt: Int
    var count = 0
    var codingPath: [any CodingKey] { [] }

    init(encoder: BinaryEncoderState, countAt: Int) {
        self.encoder = encoder
        self.countAt = countAt
    }

    private mutating func one() {
        encoder.countOne(at: countAt)
        count += 1
    }

    mutating func encodeNil() throws { one(); encoder.bytes.append(BinaryTag.null.rawValue) }
    mutating func encode(_ value: Bool) throws { one(); encoder.bytes.append(value ? BinaryTag.yes.rawValue : BinaryTag.no.rawValue) }
    mutating func encode(_ value: String) throws { one(); encoder.bytes.append(BinaryTag.string.rawValue); encoder.string(value) }
    mutating func encode(_ value: Double) throws { one(); encoder.double(value) }
    mutating func encode(_ value: Int) throws { one(); encoder.int(Int64(value)) }
    mutating func encode(_ value: Int64) throws { one(); encoder.int(value) }
    mutating func encode(_ value: UInt64) throws { one(); encoder.uint(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { one(); try encoder.encodeValue(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        one()
        return encoder.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        one()
        return encoder.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { one(); return encoder }
}

private struct SingleWriter: SingleValueEncodingContainer {
    let encoder: BinaryEncoderState
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { encoder.bytes.append(BinaryTag.null.rawValue) }
    mutating func encode(_ value: Bool) throws { encoder.bytes.append(value ? BinaryTag.yes.rawValue : BinaryTag.no.rawValue) }
    mutating func encode(_ value: String) throws { encoder.bytes.append(BinaryTag.string.rawValue); encoder.string(value) }
    mutating func encode(_ value: Double) throws { encoder.double(value) }
    mutating func encode(_ value: Float) throws { encoder.double(Double(value)) }
    mutating func encode(_ value: Int) throws { encoder.int(Int64(value)) }
    mutating func encode(_ value: Int8) throws { encoder.int(Int64(value)) }
    mutating func encode(_ value: Int16) throws { encoder.int(Int64(value)) }
    mutating func encode(_ value: Int32) throws { encoder.int(Int64(value)) }
    mutating func encode(_ value: Int64) throws { encoder.int(value) }
    mutating func encode(_ value: UInt) throws { encoder.uint(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { encoder.uint(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { encoder.uint(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { encoder.uint(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { encoder.uint(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encodeValue(value) }
}

// MARK: - Decoding

final class BinaryDecoderState: Decoder {
    let bytes: UnsafeRawBufferPointer
    var offset = 0
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// The `Data` that `bytes` lie in, from `ownerStart`, when deferred texts may slice it.
    private let owner: Data?
    private let ownerStart: Int

    init(_ bytes: UnsafeRawBufferPointer, owner: Data? = nil, ownerStart: Int = 0) {
        self.bytes = bytes
        self.owner = owner
        self.ownerStart = ownerStart
    }

    /// A string left as its UTF-8 (a slice of the owner, else a copy), unchecked until read.
    func deferredText() throws -> DeferredText {
        try tag(.string)
        let n = try length()
        defer { offset += n }
        if let owner { return DeferredText(utf8: owner[(ownerStart + offset)..<(ownerStart + offset + n)]) }
        return DeferredText(utf8: Data(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)])))
    }

    func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw BinaryCoderError.damaged }
        defer { offset += 1 }
        return bytes[offset]
    }

    func peek() throws -> UInt8 {
        guard offset < bytes.count else { throw BinaryCoderError.damaged }
        return bytes[offset]
    }

    func tag(_ expected: BinaryTag) throws {
        guard try byte() == expected.rawValue else { throw BinaryCoderError.damaged }
    }

    func varint() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw BinaryCoderError.damaged }
            value |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return value }
            shift += 7
        }
    }

    func length() throws -> Int {
        let n = try varint()
        guard n <= UInt64(bytes.count - offset) else { throw BinaryCoderError.damaged }
        return Int(n)
    }

    func rawString() throws -> String {
        let n = try length()
        defer { offset += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + n]), as: UTF8.self)
    }

    /// Whether the next raw string is `key`, consuming it only when it is.
    func takeKey(_ key: String) throws -> Bool {
        let start = offset
        let n = try length()
        var key = key
        let same = key.withUTF8 { utf8 in
            utf8.count == n && (n == 0 || memcmp(utf8.baseAddress!, bytes.baseAddress! + offset, n) == 0)
        }
        offset = same ? offset + n : start
        return same
    }

    func string() throws -> String {
        try tag(.string)
        return try rawString()
    }

    func bool() throws -> Bool {
        switch try byte() {
        case BinaryTag.yes.rawValue: return true
        case BinaryTag.no.rawValue: return false
        default: throw BinaryCoderError.damaged
        }
    }

    func int() throws -> Int64 {
        try tag(.int)
        let v = try varint()
        return Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
    }

    func uint() throws -> UInt64 {
        try tag(.uint)
        return try varint()
    }

    func double() throws -> Double {
        try tag(.double)
        guard bytes.count - offset >= 8 else { throw BinaryCoderError.damaged }
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        offset += 8
        return Double(bitPattern: bits)
    }

    func exact<T: FixedWidthInteger>(_ value: some BinaryInteger) throws -> T {
        guard let out = T(exactly: value) else { throw BinaryCoderError.damaged }
        return out
    }

    func count(_ tag: BinaryTag) throws -> Int {
        try self.tag(tag)
        guard bytes.count - offset >= 4 else { throw BinaryCoderError.damaged }
        let n = Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16 | Int(bytes[offset + 3]) << 24
        offset += 4
        // Every element takes at least one byte: a larger count is damage.
        guard n <= bytes.count - offset else { throw BinaryCoderError.damaged }
        return n
    }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == String.self { return try string() as! T }
        if T.self == Int.self { return try exact(try int()) as Int as! T }
        if T.self == Bool.self { return try bool() as! T }
        if T.self == Double.self { return try double() as! T }
        if T.self == UInt64.self { return try uint() as! T }
        if T.self == DeferredText.self { return try deferredText() as! T }
        return try T(from: self)
    }

    /// Skips one value (for `allKeys`), with the nesting bounded: the data, not a type, drives it.
    func skip(depth: Int = 0) throws {
        guard depth < 64 else { throw BinaryCoderError.damaged }
        guard let tag = BinaryTag(rawValue: try peek()) else { throw BinaryCoderError.damaged }
        switch tag {
        case .null, .no, .yes: offset += 1
        case .int, .uint: offset += 1; _ = try varint()
        case .double: _ = try double()
        case .string: _ = try string()
        case .keyed:
            for _ in 0..<(try count(.keyed)) {
                offset += try length()
                try skip(depth: depth + 1)
            }
        case .unkeyed:
            for _ in 0..<(try count(.unkeyed)) { try skip(depth: depth + 1) }
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedReader<Key>(decoder: self, remaining: try count(.keyed)))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        UnkeyedReader(decoder: self, count: try count(.unkeyed))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleReader(decoder: self) }
}

private final class KeyedReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: BinaryDecoderState
    var remaining: Int
    var codingPath: [any CodingKey] { [] }

    init(decoder: BinaryDecoderState, remaining: Int) {
        self.decoder = decoder
        self.remaining = remaining
    }

    /// The keys left, in order; read by looking ahead (dictionaries and enums ask for them).
    var allKeys: [Key] {
        let start = decoder.offset
        defer { decoder.offset = start }
        var keys: [Key] = []
        for _ in 0..<remaining {
            guard let name = try? decoder.rawString(), let key = Key(stringValue: name) else { break }
            keys.append(key)
            if (try? decoder.skip()) == nil { break }
        }
        return keys
    }

    func contains(_ key: Key) -> Bool {
        guard remaining > 0 else { return false }
        let start = decoder.offset
        defer { decoder.offset = start }
        return (try? decoder.takeKey(key.stringValue)) == true
    }

    /// Moves past `key` when it is next; a missing required field is damage.
    private func take(_ key: Key) throws {
        guard remaining > 0, try decoder.takeKey(key.stringValue) else { throw BinaryCoderError.damaged }
        remaining -= 1
    }

    private func takeIfPresent(_ key: Key) throws -> Bool {
        guard remaining > 0, try decoder.takeKey(key.stringValue) else { return false }
        remaining -= 1
        // An optional encoded as nil (not skipped) is absent all the same.
        if try decoder.peek() == BinaryTag.null.rawValue {
            decoder.offset += 1
            return false
        }
        return true
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard contains(key) else { return true }
        let start = decoder.offset
        _ = try decoder.takeKey(key.stringValue)
        if try decoder.peek() == BinaryTag.null.rawValue {
            decoder.offset += 1
            remaining -= 1
            return true
        }
        decoder.offset = start
        return false
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try take(key); return try decoder.bool() }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try take(key); return try decoder.string() }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try take(key); return try decoder.double() }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try take(key); return Float(try decoder.double()) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try take(key); return try decoder.exact(try decoder.int()) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try take(key); return try decoder.exact(try decoder.int()) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try take(key); return try decoder.exact(try decoder.int()) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try take(key); return try decoder.exact(try decoder.int()) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try take(key); return try decoder.int() }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try take(key); return try decoder.exact(try decoder.uint()) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try take(key); return try decoder.exact(try decoder.uint()) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try take(key); return try decoder.exact(try decoder.uint()) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try take(key); return try decoder.exact(try decoder.uint()) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try take(key); return try decoder.uint() }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try take(key); return try decoder.decodeValue(type) }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try takeIfPresent(key) ? try decoder.string() : nil
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try takeIfPresent(key) ? try decoder.exact(try decoder.int()) : nil
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try takeIfPresent(key) ? try decoder.bool() : nil
    }

    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try takeIfPresent(key) ? try decoder.double() : nil
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try takeIfPresent(key) ? try decoder.decodeValue(type) : nil
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try take(key)
        return try decoder.container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try take(key)
        return try decoder.unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { try take(key); return decoder }
}

private struct UnkeyedReader: UnkeyedDecodingContainer {
    let decoder: BinaryDecoderState
    let total: Int
    var currentIndex = 0
    var codingPath: [any CodingKey] { [] }
    var count: Int? { total }
    var isAtEnd: Bool { currentIndex >= total }

    init(decoder: BinaryDecoderState, count: Int) {
        self.decoder = decoder
        total = count
    }

    private mutating func one() throws {
        guard currentIndex < total else { throw BinaryCoderError.damaged }
        currentIndex += 1
    }

    mutating func decodeNil() throws -> Bool {
        guard currentIndex < total, try decoder.peek() == BinaryTag.null.rawValue else { return false }
        decoder.offset += 1
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try one(); return try decoder.bool() }
    mutating func decode(_ type: String.Type) throws -> String { try one(); return try decoder.string() }
    mutating func decode(_ type: Double.Type) throws -> Double { try one(); return try decoder.double() }
    mutating func decode(_ type: Float.Type) throws -> Float { try one(); return Float(try decoder.double()) }
    mutating func decode(_ type: Int.Type) throws -> Int { try one(); return try decoder.exact(try decoder.int()) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try one(); return try decoder.exact(try decoder.int()) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try one(); return try decoder.exact(try decoder.int()) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try one(); return try decoder.exact(try decoder.int()) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try one(); return try decoder.int() }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try one(); return try decoder.exact(try decoder.uint()) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try one(); return try decoder.exact(try decoder.uint()) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try one(); return try decoder.exact(try decoder.uint()) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try one(); return try decoder.exact(try decoder.uint()) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try one(); return try decoder.uint() }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try one(); return try decoder.decodeValue(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try one()
        return try decoder.container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try one()
        return try decoder.unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try one(); return decoder }
}

private struct SingleReader: SingleValueDecodingContainer {
    let decoder: BinaryDecoderState
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool {
        guard (try? decoder.peek()) == BinaryTag.null.rawValue else { return false }
        decoder.offset += 1
        return true
    }

    func decode(_ type: Bool.Type) throws -> Bool { try decoder.bool() }
    func decode(_ type: String.Type) throws -> String { try decoder.string() }
    func decode(_ type: Double.Type) throws -> Double { try decoder.double() }
    func decode(_ type: Float.Type) throws -> Float { Float(try decoder.double()) }
    func decode(_ type: Int.Type) throws -> Int { try decoder.exact(try decoder.int()) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decoder.exact(try decoder.int()) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decoder.exact(try decoder.int()) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decoder.exact(try decoder.int()) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decoder.int() }
    func decode(_ type: UInt.Type) throws -> UInt { try decoder.exact(try decoder.uint()) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.exact(try decoder.uint()) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.exact(try decoder.uint()) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.exact(try decoder.uint()) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.uint() }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(type) }
}
