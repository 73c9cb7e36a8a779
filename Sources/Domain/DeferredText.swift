import Foundation
import Synchronization

/// UTF-8 text made into a `String` only when it is first read. A build keeps its entries from
/// its last run and reads few of their bodies again; checking the UTF-8 of all of them was half
/// the cost of decoding kept entries.
public final class DeferredText: Sendable, Codable {
    /// Empty when the text was given as a string.
    private let bytes: Data
    private let made: Mutex<String?>

    /// - Parameter bytes: UTF-8; an invalid sequence reads as U+FFFD, as `String(decoding:as:)`
    ///   makes it (a kept file is bounds-checked, not trusted).
    public init(utf8 bytes: Data) {
        self.bytes = bytes
        made = Mutex(nil)
    }

    public init(_ string: String) {
        bytes = Data()
        made = Mutex(string)
    }

    public var string: String {
        made.withLock { made in
            if let made { return made }
            let string = bytes.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
            made = string
            return string
        }
    }

    /// The text's UTF-8, without making the string when it was not made yet.
    public func withUTF8<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if let ready = made.withLock({ $0 }) {
            var ready = ready
            return try ready.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
        }
        return try bytes.withUnsafeBytes(body)
    }

    public convenience init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(string)
    }
}
