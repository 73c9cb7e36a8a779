import CImageCodecs
import Foundation

/// Decoded pixels, 8-bit RGB or RGBA, rows packed.
struct Pixels {
    var bytes: [UInt8]
    var width: Int
    var height: Int
    var channels: Int

    /// The EXIF orientation applied to the pixels: the published file needs no tag to stand upright.
    func oriented(_ orientation: Int) -> Pixels {
        guard (2...8).contains(orientation) else { return self }
        let swaps = orientation >= 5
        let outWidth = swaps ? height : width, outHeight = swaps ? width : height
        let (w, h, ch) = (width, height, channels)
        let out = [UInt8](unsafeUninitializedCapacity: bytes.count) { target, count in
            bytes.withUnsafeBufferPointer { source in
                for y in 0..<outHeight {
                    for x in 0..<outWidth {
                        // Where the output pixel (x, y) comes from in the stored image.
                        let (sx, sy): (Int, Int)
                        switch orientation {
                        case 2: (sx, sy) = (w - 1 - x, y)
                        case 3: (sx, sy) = (w - 1 - x, h - 1 - y)
                        case 4: (sx, sy) = (x, h - 1 - y)
                        case 5: (sx, sy) = (y, x)
                        case 6: (sx, sy) = (y, h - 1 - x)
                        case 7: (sx, sy) = (w - 1 - y, h - 1 - x)
                        default: (sx, sy) = (w - 1 - y, x)  // 8
                        }
                        let from = (sy * w + sx) * ch, to = (y * outWidth + x) * ch
                        for c in 0..<ch { target[to + c] = source[from + c] }
                    }
                }
            }
            count = bytes.count
        }
        return Pixels(bytes: out, width: outWidth, height: outHeight, channels: channels)
    }

    func resized(toWidth target: Int) -> Pixels {
        let targetHeight = max(1, Int((Double(height) * Double(target) / Double(width)).rounded()))
        var source = nk_image()
        var result = nk_image()
        let status: Int32 = bytes.withUnsafeBufferPointer { buffer in
            source.pixels = UnsafeMutablePointer(mutating: buffer.baseAddress)
            source.width = Int32(width)
            source.height = Int32(height)
            source.channels = Int32(channels)
            return nk_resize(&source, Int32(target), Int32(targetHeight), &result)
        }
        guard status == 0, let pixels = result.pixels else { return self }
        defer { nk_image_free(&result) }
        return Pixels(bytes: Array(UnsafeBufferPointer(start: pixels, count: target * targetHeight * channels)),
                      width: target, height: targetHeight, channels: channels)
    }

    func encoded(_ format: ImagePipeline.Format, settings: ImageSettings) -> Data? {
        var out: UnsafeMutablePointer<UInt8>?
        var size = 0
        let status: Int32 = bytes.withUnsafeBufferPointer { buffer in
            var image = nk_image(pixels: UnsafeMutablePointer(mutating: buffer.baseAddress), width: Int32(width), height: Int32(height),
                                 channels: Int32(channels))
            switch format {
            case .jpeg: return nk_encode_jpeg(&image, settings.jpegQuality, &out, &size)
            case .png: return nk_encode_png(&image, &out, &size)
            case .webp: return nk_encode_webp(&image, settings.webpQuality, &out, &size)
            }
        }
        guard status == 0, let out else { return nil }
        defer { nk_free(out) }
        return Data(bytes: out, count: size)
    }
}
