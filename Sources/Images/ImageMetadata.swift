import Foundation

/// What the published copy must not carry but the pipeline must know: the EXIF orientation
/// (applied to the pixels so photos stay upright) and whether the camera wrote GPS
/// coordinates (so the school hears that its camera leaks locations).
///
/// A few bytes of TIFF are read by hand rather than through libexif: only two tags matter,
/// and every published image is re-encoded from pixels, so nothing else is ever copied.
public struct ImageMetadata: Sendable, Equatable {
    /// EXIF orientation 1–8; 1 is upright.
    public var orientation = 1
    public var hasGPS = false

    public static func read(_ data: [UInt8]) -> ImageMetadata {
        if data.starts(with: [0xFF, 0xD8]) { return jpeg(data) }
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return png(data) }
        if data.count > 12, data[0..<4].elementsEqual(Array("RIFF".utf8)), data[8..<12].elementsEqual(Array("WEBP".utf8)) { return webp(data) }
        return ImageMetadata()
    }

    /// APP1 segments holding `Exif\0\0` before the image data.
    static func jpeg(_ data: [UInt8]) -> ImageMetadata {
        var found = ImageMetadata()
        var i = 2
        while i + 4 <= data.count, data[i] == 0xFF {
            let marker = data[i + 1]
            if marker == 0xD9 || marker == 0xDA { break }  // end of image, start of scan
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
            let length = Int(data[i + 2]) << 8 | Int(data[i + 3])
            guard length >= 2, i + 2 + length <= data.count else { break }
            let body = i + 4
            if marker == 0xE1, length >= 8, data[body..<body + 6].elementsEqual([0x45, 0x78, 0x69, 0x66, 0, 0]) {
                found.merge(tiff(Array(data[(body + 6)..<(i + 2 + length)])))
            }
            i += 2 + length
        }
        return found
    }

    /// The `eXIf` chunk.
    static func png(_ data: [UInt8]) -> ImageMetadata {
        var found = ImageMetadata()
        var i = 8
        while i + 8 <= data.count {
            let length = Int(data[i]) << 24 | Int(data[i + 1]) << 16 | Int(data[i + 2]) << 8 | Int(data[i + 3])
            guard length >= 0, i + 12 + length <= data.count else { break }
            let type = String(decoding: data[(i + 4)..<(i + 8)], as: UTF8.self)
            if type == "eXIf" { found.merge(tiff(Array(data[(i + 8)..<(i + 8 + length)]))) }
            if type == "IEND" { break }
            i += 12 + length
        }
        return found
    }

    /// The `EXIF` chunk of an extended WebP.
    static func webp(_ data: [UInt8]) -> ImageMetadata {
        var found = ImageMetadata()
        var i = 12
        while i + 8 <= data.count {
            let length = Int(data[i + 4]) | Int(data[i + 5]) << 8 | Int(data[i + 6]) << 16 | Int(data[i + 7]) << 24
            guard length >= 0, i + 8 + length <= data.count else { break }
            if data[i..<(i + 4)].elementsEqual(Array("EXIF".utf8)) {
                var chunk = Array(data[(i + 8)..<(i + 8 + length)])
                if chunk.starts(with: [0x45, 0x78, 0x69, 0x66, 0, 0]) { chunk.removeFirst(6) }
                found.merge(tiff(chunk))
            }
            i += 8 + length + (length & 1)
        }
        return found
    }

    mutating func merge(_ other: ImageMetadata) {
        if other.orientation != 1 { orientation = other.orientation }
        hasGPS = hasGPS || other.hasGPS
    }

    /// IFD0's orientation (0x0112) and GPS pointer (0x8825), and whether the GPS IFD has entries.
    static func tiff(_ t: [UInt8]) -> ImageMetadata {
        guard t.count >= 8 else { return ImageMetadata() }
        let little = t[0] == 0x49 && t[1] == 0x49
        guard little || (t[0] == 0x4D && t[1] == 0x4D) else { return ImageMetadata() }
        func u16(_ o: Int) -> Int? {
            guard o >= 0, o + 2 <= t.count else { return nil }
            return little ? Int(t[o]) | Int(t[o + 1]) << 8 : Int(t[o]) << 8 | Int(t[o + 1])
        }
        func u32(_ o: Int) -> Int? {
            guard let a = u16(o), let b = u16(o + 2) else { return nil }
            return little ? a | b << 16 : a << 16 | b
        }
        var found = ImageMetadata()
        guard let ifd0 = u32(4), let count = u16(ifd0), count < 1000 else { return found }
        for entry in 0..<count {
            let at = ifd0 + 2 + entry * 12
            guard let tag = u16(at) else { break }
            if tag == 0x0112, let value = u16(at + 8), (1...8).contains(value) { found.orientation = value }
            if tag == 0x8825, let pointer = u32(at + 8), let entries = u16(pointer), entries > 0 { found.hasGPS = true }
        }
        return found
    }
}
