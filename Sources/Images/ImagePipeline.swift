import CImageCodecs
import Content
import Domain
import Foundation

/// How published pictures are made. Part of the cache key: a change re-processes.
public struct ImageSettings: Sendable, Hashable {
    /// Widths offered in `srcset`; never larger than the source (no upscaling).
    public var widths = [480, 960, 1600]
    public var jpegQuality: Int32 = 82
    public var webpQuality: Float = 78
    /// `images: { keep_original: true }`: the main file keeps the source's full size
    /// (still re-encoded: no metadata, upright).
    public var keepOriginal = false

    /// Limits that bound memory and time on a hostile or careless upload.
    public static let maxBytes = 20 << 20
    public static let maxPixels = 40_000_000

    public init(keepOriginal: Bool = false) {
        self.keepOriginal = keepOriginal
    }

    var key: String { "v1 \(widths) \(jpegQuality) \(webpQuality) \(keepOriginal)" }
}

/// One published picture: the file at the source's own path (the largest size, metadata
/// removed) plus smaller widths and WebP versions for `srcset`.
public struct ProcessedImage: Sendable, Equatable {
    public struct Variant: Sendable, Equatable {
        /// Output path relative to the site root, e.g. `images/photo-480.webp`.
        public var path: String
        public var width: Int
    }

    /// Size of the main file (`images/photo.jpg`), for `width`/`height` on `<img>`.
    public var width: Int
    public var height: Int
    /// JPEG or PNG sizes (the main file included), smallest first.
    public var fallback: [Variant]
    /// WebP sizes, smallest first; empty for files that are not offered in several sizes.
    public var webp: [Variant]
    /// Every output file: its path and where its bytes are (in the cache).
    public var outputs: [(path: String, source: URL)]

    /// The same picture published under `prefix` (a bank's `schools/<id>/`).
    public func prefixed(_ prefix: String) -> ProcessedImage {
        ProcessedImage(width: width, height: height,
                       fallback: fallback.map { Variant(path: prefix + $0.path, width: $0.width) },
                       webp: webp.map { Variant(path: prefix + $0.path, width: $0.width) },
                       outputs: outputs.map { (prefix + $0.path, $0.source) })
    }

    public static func == (a: ProcessedImage, b: ProcessedImage) -> Bool {
        a.width == b.width && a.height == b.height && a.fallback == b.fallback && a.webp == b.webp
            && a.outputs.map(\.path) == b.outputs.map(\.path)
    }
}

public struct ProcessedImages: Sendable {
    /// Content-relative source path (`images/photo.jpg`) → what was published for it.
    public var images: [String: ProcessedImage]
    public var diagnostics: [Diagnostic]
    public static let none = ProcessedImages(images: [:], diagnostics: [])
}

/// Every raster picture of a content folder (JPEG, PNG, WebP) is decoded, turned upright,
/// resized and re-encoded, so no EXIF, GPS, XMP, IPTC, maker note or comment is ever
/// published. Results are cached by the source's bytes and the settings: an unchanged
/// picture costs one read and a hash on the next build (and in `serve`).
public enum ImagePipeline {
    public static let rasterExtensions: Set<String> = ["jpg", "jpeg", "png", "webp"]

    /// - Parameters:
    ///   - paths: content-relative files to publish (`images/…` get several sizes; others,
    ///     such as a scan in `files/`, are cleaned at full size).
    ///   - cache: the cache folder (`.nastavnik-cache/images`).
    public static func process(_ paths: [String], files: ContentFiles, settings: ImageSettings, cache: URL) -> ProcessedImages {
        let rasters = paths.filter { rasterExtensions.contains(($0 as NSString).pathExtension.lowercased()) }
        let results: [(String, ProcessedImage?, [Diagnostic])] = rasters.parallelMap { path in
            var own = settings
            if !path.hasPrefix("images/") { own.keepOriginal = true; own.widths = [] }
            let (image, found) = one(path, files: files, settings: own, cache: cache)
            return (path, image, found)
        }
        var out = ProcessedImages(images: [:], diagnostics: [])
        for (path, image, found) in results {
            if let image { out.images[path] = image }
            out.diagnostics += found
        }
        return out
    }

    static func one(_ path: String, files: ContentFiles, settings: ImageSettings, cache: URL) -> (ProcessedImage?, [Diagnostic]) {
        let shown = SourceRef(file: files.shown(path))
        if let size = files.sizes[path], size > ImageSettings.maxBytes {
            return (nil, [.error("image.too-large", "картинка весит \(size >> 20) МБ, допустимо не больше \(ImageSettings.maxBytes >> 20) МБ", at: shown,
                                 hint: "Уменьшите фотографию (например, до 2000 пикселей по длинной стороне) и сохраните заново.")])
        }
        guard let data = try? Data(contentsOf: files.url(path)) else {
            return (nil, [.error("file.unreadable", "не удалось прочитать картинку", at: shown, hint: "Проверьте права доступа к файлу.")])
        }
        let bytes = [UInt8](data)
        let metadata = ImageMetadata.read(bytes)
        var diagnostics: [Diagnostic] = []
        if metadata.hasGPS {
            diagnostics.append(.warning("image.gps", "в фотографии записаны координаты места съёмки (GPS); на сайт они не попадут", at: shown,
                                        hint: "Отключите геометки в настройках камеры телефона: координаты школы и дома ребёнка — персональные данные (152-ФЗ)."))
        }
        let folder = cache.appendingPathComponent(Hash.hex(bytes) + "-" + Hash.hex(Array(settings.key.utf8)))
        let source = Source(path: path)
        if let cached = Manifest.read(folder, source: source) { return (cached, diagnostics) }
        switch render(bytes, source: source, metadata: metadata, settings: settings, into: folder) {
        case .success(let image): return (image, diagnostics)
        case .failure(let problem):
            diagnostics.append(problem.diagnostic(at: shown))
            return (nil, diagnostics)
        }
    }

    enum Problem: Error {
        case tooManyPixels(Int, Int)
        case undecodable(String)
        case cache(String)

        func diagnostic(at ref: SourceRef) -> Diagnostic {
            switch self {
            case .tooManyPixels(let w, let h):
                return .error("image.too-large", "картинка \(w)×\(h) пикселей — больше \(ImageSettings.maxPixels / 1_000_000) мегапикселей", at: ref,
                              hint: "Уменьшите её до 2000–3000 пикселей по длинной стороне.")
            case .undecodable(let reason):
                return .error("image.invalid", "картинку не удалось прочитать: файл повреждён или это не JPEG, PNG или WebP (\(reason))", at: ref,
                              hint: "Откройте картинку в редакторе и сохраните заново как JPEG или PNG.")
            case .cache(let reason):
                return .error("output.write", "не удалось записать обработанную картинку в кэш: \(reason)", at: ref)
            }
        }
    }

    /// The names a source's outputs get.
    struct Source {
        let path: String
        let base: String
        let ext: String
        let format: Format

        init(path: String) {
            self.path = path
            ext = (path as NSString).pathExtension
            base = String(path.dropLast(ext.count + 1))
            switch ext.lowercased() {
            case "png": format = .png
            case "webp": format = .webp
            default: format = .jpeg
            }
        }
    }

    enum Format: String {
        case jpeg, png, webp
        var ext: String { self == .jpeg ? "jpg" : rawValue }
    }

    static func render(_ bytes: [UInt8], source: Source, metadata: ImageMetadata, settings: ImageSettings,
                       into folder: URL) -> Result<ProcessedImage, Problem> {
        var width: Int32 = 0, height: Int32 = 0
        let sized: Int32 = bytes.withUnsafeBufferPointer { buffer in
            switch source.format {
            case .jpeg: return nk_jpeg_size(buffer.baseAddress, buffer.count, &width, &height)
            case .png: return nk_png_size(buffer.baseAddress, buffer.count, &width, &height)
            case .webp: return nk_webp_size(buffer.baseAddress, buffer.count, &width, &height)
            }
        }
        guard sized == 0, width > 0, height > 0 else { return .failure(.undecodable("в начале файла нет заголовка картинки")) }
        guard Int(width) * Int(height) <= ImageSettings.maxPixels else { return .failure(.tooManyPixels(Int(width), Int(height))) }

        // The width the picture is shown at decides how small a JPEG may be decoded.
        let shownWidth = Int(metadata.orientation >= 5 ? height : width)
        let needed = settings.keepOriginal ? shownWidth : min(shownWidth, settings.widths.last ?? shownWidth)
        var scale: Int32 = 1
        while scale < 8, shownWidth / Int(scale * 2) >= needed { scale *= 2 }
        var decoded = nk_image()
        var message = [CChar](repeating: 0, count: 256)  // the library's reason, English; not shown
        let status: Int32 = bytes.withUnsafeBufferPointer { buffer in
            switch source.format {
            case .jpeg: return nk_decode_jpeg(buffer.baseAddress, buffer.count, scale, &decoded, &message, message.count)
            case .png: return nk_decode_png(buffer.baseAddress, buffer.count, &decoded, &message, message.count)
            case .webp: return nk_decode_webp(buffer.baseAddress, buffer.count, &decoded, &message, message.count)
            }
        }
        guard status == 0, let pixels = decoded.pixels else {
            // The library's own words are English: the editor gets what they mean.
            return .failure(.undecodable("данные картинки обрываются или повреждены"))
        }
        var image = Pixels(bytes: Array(UnsafeBufferPointer(start: pixels, count: Int(decoded.width) * Int(decoded.height) * Int(decoded.channels))),
                           width: Int(decoded.width), height: Int(decoded.height), channels: Int(decoded.channels))
        nk_image_free(&decoded)
        image = image.oriented(metadata.orientation)

        // A JPEG decoded at a fraction of its size may come out a little under the target.
        let largest = settings.keepOriginal ? image.width : min(image.width, settings.widths.last ?? image.width)
        let smaller = settings.widths.filter { $0 < largest }
        let fallbackFormat: Format = source.format == .webp ? (image.channels == 4 ? .png : .jpeg) : source.format

        let staging = folder.deletingLastPathComponent().appendingPathComponent(".tmp-\(UUID().uuidString)")
        var manifest = Manifest(width: 0, height: 0, files: [])
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: staging) }
            func write(_ pixels: Pixels, _ format: Format, role: String) throws {
                guard let data = pixels.encoded(format, settings: settings) else { throw Problem.cache("кодирование \(format.rawValue)") }
                let name = "\(role)-\(pixels.width)x\(pixels.height).\(format.ext)"
                try data.write(to: staging.appendingPathComponent(name))
                manifest.files.append(Manifest.File(role: role, width: pixels.width, height: pixels.height, format: format))
            }
            let main = largest >= image.width ? image : image.resized(toWidth: largest)
            manifest.width = main.width
            manifest.height = main.height
            try write(main, source.format, role: "main")
            if !settings.widths.isEmpty {
                // Each size from the next larger one: area averaging keeps the quality, the work shrinks.
                var sizes: [Pixels] = []
                var previous = main
                for w in smaller.reversed() {
                    previous = previous.resized(toWidth: w)
                    sizes.insert(previous, at: 0)
                }
                for size in sizes { try write(size, fallbackFormat, role: "fallback") }
                if source.format == .webp { try write(main, fallbackFormat, role: "fallback") }
                for size in sizes { try write(size, .webp, role: "webp") }
                if source.format != .webp { try write(main, .webp, role: "webp") }
            }
            try manifest.text.write(to: staging.appendingPathComponent("manifest"), atomically: false, encoding: .utf8)
            // Another build may have finished the same picture meanwhile: either copy is right.
            if (try? FileManager.default.moveItem(at: staging, to: folder)) == nil, !FileManager.default.fileExists(atPath: folder.path) {
                throw Problem.cache(folder.path)
            }
        } catch let problem as Problem {
            return .failure(problem)
        } catch {
            return .failure(.cache(error.localizedDescription))
        }
        guard let image = Manifest.read(folder, source: source) else { return .failure(.cache(folder.path)) }
        return .success(image)
    }
}

/// What a cache folder holds, so a cached picture needs no decoding to be described.
struct Manifest {
    struct File {
        var role: String
        var width: Int
        var height: Int
        var format: ImagePipeline.Format
        var name: String { "\(role)-\(width)x\(height).\(format.ext)" }
    }

    var width: Int
    var height: Int
    var files: [File]

    var text: String {
        (["\(width) \(height)"] + files.map { "\($0.role) \($0.width) \($0.height) \($0.format.rawValue)" }).joined(separator: "\n") + "\n"
    }

    static func read(_ folder: URL, source: ImagePipeline.Source) -> ProcessedImage? {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("manifest"), encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        guard let head = lines.first, head.count == 2, let width = Int(head[0]), let height = Int(head[1]) else { return nil }
        var image = ProcessedImage(width: width, height: height, fallback: [], webp: [], outputs: [])
        for line in lines.dropFirst() {
            guard line.count == 4, let w = Int(line[1]), let h = Int(line[2]), let format = ImagePipeline.Format(rawValue: line[3]) else { return nil }
            let file = File(role: line[0], width: w, height: h, format: format)
            let url = folder.appendingPathComponent(file.name)
            let path = file.role == "main" ? source.path : "\(source.base)-\(w).\(format.ext)"
            image.outputs.append((path, url))
            switch file.role {
            case "main":
                if source.format == .webp { image.webp.append(.init(path: path, width: w)) } else { image.fallback.append(.init(path: path, width: w)) }
            case "fallback": image.fallback.append(.init(path: path, width: w))
            case "webp": image.webp.append(.init(path: path, width: w))
            default: return nil
            }
        }
        image.fallback.sort { $0.width < $1.width }
        image.webp.sort { $0.width < $1.width }
        return image
    }
}

/// 64-bit FNV-1a: a cache key, not a security boundary (the cache is the site's own folder).
enum Hash {
    static func hex(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16) + "-" + String(bytes.count, radix: 16)
    }
}
