/// Lower case with ё read as е: how Russian text is compared and searched.
public enum RussianFold {
    /// Byte-level for ASCII and Cyrillic, Unicode lower-case mapping for anything else:
    /// `lowercased()` plus a replace took a third of a `serve` rebuild.
    public static func fold(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        func twoBytes(_ v: UInt32) {
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x41...0x5A: out.append(UInt8(v + 0x20))
            case 0..<0x80: out.append(UInt8(v))
            case 0x0410...0x042F: twoBytes(v + 0x20)   // А–Я
            case 0x0401, 0x0451: twoBytes(0x0435)      // Ё, ё → е
            case 0x0430...0x044F: twoBytes(v)
            // Latin-1 signs (no-break space, «», №…) and general punctuation (dashes, …, the
            // narrow no-break space) have no case: typeset text is full of them.
            case 0x80...0xBF, 0x2000...0x206F: out.append(contentsOf: String(scalar).utf8)
            default: out.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Alphabetical order as a Russian reader expects: «г. Киров» before «Слободской район».
    public static func less(_ a: String, _ b: String) -> Bool {
        let (fa, fb) = (fold(a), fold(b))
        return fa != fb ? fa < fb : a < b
    }
}

extension String {
    /// The lines, split at each "\n" by bytes. `split(separator: "\n")` compares Characters,
    /// breaking graphemes all the way: it was a tenth of loading a bank. Texts read from files
    /// have "\r\n" made "\n" already (`SourceFile`).
    public var lines: [Substring] {
        utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
    }
}
