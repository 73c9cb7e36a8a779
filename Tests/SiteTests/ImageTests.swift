import Domain
import Foundation
import Testing
import TestSupport

/// Photos without secrets (issue #13): a phone photo with GPS, an orientation tag, XMP and a
/// comment, used as a case cover, a mentor photo and a picture in a body; a PNG scan with
/// text chunks in files/. Checked with exiftool and by reading the pixels.
@Suite(.serialized) struct ImageTests {
    static let today = ["--today", "2025-06-01"]
    static let day = DayDate(year: 2025, month: 6, day: 1)!

    static func tool(_ arguments: [String], in folder: URL? = nil) throws -> ProcessResult {
        let process = try LiveProcess(URL(fileURLWithPath: "/usr/bin/env"), arguments, in: folder)
        #expect(process.waitForExit(60))
        Thread.sleep(forTimeInterval: 0.05)
        return ProcessResult(status: process.process.terminationStatus, stdout: process.output, stderr: process.errors)
    }

    /// A base site whose case, mentor and news use the test photo.
    static func siteWithPhotos() throws -> URL {
        let site = try makeBaseSite()
        let content = site.appendingPathComponent("content")
        let made = try tool(["python3", Repo.root.appendingPathComponent("Tests/images/make_photo.py").path,
                             content.appendingPathComponent("images").path])
        #expect(made.status == 0, "\(made.stderr)")
        try FileManager.default.removeItem(at: content.appendingPathComponent("images/broken.jpg"))
        try FileManager.default.moveItem(at: content.appendingPathComponent("images/scan.png"), to: content.appendingPathComponent("files/scan.png"))
        let mentor = content.appendingPathComponent("mentors/ivanova.md")
        try read(mentor).replacingOccurrences(of: "---\n", with: "---\nphoto: images/camera.jpg\nphoto_alt: \"Портрет наставника\"\n",
                                              options: [], range: read(mentor).range(of: "---\n"))
            .write(to: mentor, atomically: true, encoding: .utf8)
        let news = content.appendingPathComponent("news/2024-09-02-photo.md")
        try "---\ntitle: \"Фото с открытия\"\ndate: 2024-09-02\ncover: images/camera.jpg\ncover_alt: \"Открытие центра\"\n---\nВот фото:\n\n![Ученики у робота](/images/camera.jpg)\n\n[Скан приказа](/files/scan.png)\n"
            .write(to: news, atomically: true, encoding: .utf8)
        return site
    }

    @Test func publishedPicturesCarryNoMetadataStandUprightAndAreResponsive() throws {
        let site = try Self.siteWithPhotos()
        defer { try? FileManager.default.removeItem(at: site) }
        let result = try TestSite(at: site).run(today: Self.day)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("content/images/camera.jpg: предупреждение: в фотографии записаны координаты места съёмки (GPS)"), "\(result.stderr)")
        #expect(result.stderr.contains("content/files/scan.png: предупреждение: в фотографии записаны координаты"))
        let out = site.appendingPathComponent("public")
        let images = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("images").path).sorted()
        #expect(images.contains("camera.jpg") && images.contains("camera-480.webp") && images.contains("camera-960.jpg"), "\(images)")
        #expect(!images.contains("camera-3000.jpg"))

        // exiftool over every published picture: nothing but the file's own structure.
        let pictures = images.map { "public/images/" + $0 } + ["public/files/scan.png"]
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("sv/images").path))
        let exif = try Self.tool(["exiftool", "-a", "-G1", "-s"] + pictures, in: site)
        for line in exif.stdout.split(separator: "\n") {
            let group = line.split(separator: "]").first.map { String($0.dropFirst()) } ?? ""
            #expect(["ExifTool", "System", "File", "JFIF", "RIFF", "PNG", "Composite", "VP8", "VP8L"].contains(group)
                        || line.hasPrefix("===") || line.contains("image files read"), "metadata left: \(line)")
        }
        for secret in ["GPS", "PhoneMaker", "Secret Author", "secret comment", "Orientation"] {
            #expect(!exif.stdout.contains(secret), "\(secret) in \(exif.stdout)")
        }
        // Upright: the red block stored top-left shows top-right after «rotate 90° clockwise».
        let pixels = try Self.tool(["python3", "-c", """
            from PIL import Image
            im = Image.open('public/images/camera.jpg'); w, h = im.size
            print(w, h, im.getpixel((w - 10, 10))[0] > 200, im.getpixel((10, 10))[0] < 100)
            """], in: site)
        #expect(pixels.stdout == "1600 2400 True True\n", "\(pixels.stdout) \(pixels.stderr)")

        let newsPage = read(out.appendingPathComponent("news/2024-09-02-photo/index.html"))
        #expect(newsPage.contains("<img class=\"cover\" src=\"../../images/camera.jpg\" srcset=\"../../images/camera-480.jpg 480w, ../../images/camera-960.jpg 960w, ../../images/camera.jpg 1600w\""), "\(newsPage)")
        #expect(newsPage.contains("width=\"1600\" height=\"2400\""))
        #expect(newsPage.contains("<source type=\"image/webp\" srcset=\"../../images/camera-480.webp 480w, ../../images/camera-960.webp 960w, ../../images/camera-1600.webp 1600w\""))
        // The cover at the top loads at once; the picture in the text lazily.
        let cover = newsPage.range(of: "<img class=\"cover\"").map { String(newsPage[$0.lowerBound...].prefix(while: { $0 != ">" })) } ?? ""
        #expect(!cover.contains("loading=\"lazy\""))
        #expect(newsPage.contains("alt=\"Ученики у робота\" /></picture>"))
        #expect(newsPage.contains("src=\"../../images/camera.jpg\" srcset=") && newsPage.contains("loading=\"lazy\" decoding=\"async\" alt=\"Ученики у робота\""), "\(newsPage)")
        let mentorPage = read(out.appendingPathComponent("mentors/ivanova/index.html"))
        #expect(mentorPage.contains("<img class=\"portrait\" src=\"../../images/camera.jpg\""))
        let list = read(out.appendingPathComponent("news/index.html"))
        #expect(list.contains("loading=\"lazy\""))
        #expect(!list.contains("<img src=\"\""))
    }

    @Test func unchangedPicturesComeFromTheCache() throws {
        let site = try Self.siteWithPhotos()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try TestSite(at: site).run(today: Self.day).status == 0)
        let cache = site.appendingPathComponent(".nastavnik-cache/images")
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache.path).sorted()
        #expect(entries.count >= 3, "\(entries)")
        let stamp = try FileManager.default.attributesOfItem(atPath: cache.appendingPathComponent(entries[0]).path)[.modificationDate] as? Date
        let first = read(site.appendingPathComponent("public/news/2024-09-02-photo/index.html"))
        #expect(try TestSite(at: site).run(today: Self.day).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).sorted() == entries)
        #expect(try FileManager.default.attributesOfItem(atPath: cache.appendingPathComponent(entries[0]).path)[.modificationDate] as? Date == stamp)
        #expect(read(site.appendingPathComponent("public/news/2024-09-02-photo/index.html")) == first)
        // keep_original: the main file keeps the full size, still clean.
        let settings = site.appendingPathComponent("content/site.yml")
        try (read(settings) + "images: { keep_original: true }\n").write(to: settings, atomically: true, encoding: .utf8)
        #expect(try TestSite(at: site).run(today: Self.day).status == 0)
        let full = try Self.tool(["exiftool", "-s3", "-ImageSize", "-GPSLatitude", "public/images/camera.jpg"], in: site)
        #expect(full.stdout == "2000x3000\n", "\(full.stdout)")
    }

    @Test func brokenAndHugePicturesAreLocatedErrors() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let images = site.appendingPathComponent("content/images")
        try Data("\u{FF}\u{D8}\u{FF}\u{E0} not a jpeg".utf8).write(to: images.appendingPathComponent("broken.jpg"))
        // A PNG header claiming 100,000 × 100,000 pixels: refused before any decoding.
        var huge = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]) + Data("IHDR".utf8)
        huge += Data([0x00, 0x01, 0x86, 0xA0, 0x00, 0x01, 0x86, 0xA0, 8, 2, 0, 0, 0, 0, 0, 0, 0])
        try huge.write(to: images.appendingPathComponent("huge.png"))
        let result = try runNastavnik(["check", "--format", "json"] + Self.today, in: site)
        #expect(result.status == 1)
        let items = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
        let found = items.map { "\($0["rule"]!) \($0["file"]!)" }.sorted()
        #expect(found == ["image.invalid content/images/broken.jpg", "image.too-large content/images/huge.png"], "\(result.stdout)")
    }

    @Test func altStaysRequiredAndDecorativePicturesSaySoExplicitly() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let news = site.appendingPathComponent("content/news/2024-09-02-n.md")
        try "---\ntitle: \"Новость\"\ndate: 2024-09-02\ncover: images/photo.png\n---\nТекст\n".write(to: news, atomically: true, encoding: .utf8)
        let missing = try TestSite(at: site).run(today: Self.day, write: false)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("[image.alt]"))
        try "---\ntitle: \"Новость\"\ndate: 2024-09-02\ncover: images/photo.png\ncover_alt: \"\"\n---\nТекст\n".write(to: news, atomically: true, encoding: .utf8)
        let built = try TestSite(at: site).run(today: Self.day)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(read(site.appendingPathComponent("public/news/2024-09-02-n/index.html")).contains("alt=\"\" decoding=\"async\""))
    }
}
