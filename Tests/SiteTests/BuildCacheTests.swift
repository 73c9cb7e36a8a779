import Content
@testable import Domain
import Foundation
@testable import Site
import Testing
import TestSupport

/// The build cache never serves stale output: after every edit of a random sequence, a build
/// that reuses the last one gives byte for byte the site a clean build gives, and says the same.
@Suite struct BuildCacheTests {
    /// A deterministic generator, so a failing sequence can be replayed from its seed.
    struct Random: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let today = DayDate(year: 2026, month: 11, day: 26)!

    func build(_ root: URL, into output: String, cache: Bool) throws -> (BuildResult, String) {
        var options = BuildOptions(content: root.appendingPathComponent("content"), shownContent: "content",
                                   output: root.appendingPathComponent(output), today: Self.today, defaultTheme: Repo.defaultTheme)
        options.cache = cache
        let result = try SiteBuilder.build(options)
        return (result, DiagnosticReport.text(result.diagnostics, sources: result.sources))
    }

    /// One edit an editor might make, picked at random; returns what it did, for the failure message.
    func edit(_ content: URL, _ random: inout Random, step: Int) throws -> String {
        let fm = FileManager.default
        func files(_ folder: String) -> [URL] {
            ((try? fm.contentsOfDirectory(atPath: content.appendingPathComponent(folder).path)) ?? [])
                .filter { $0.hasSuffix(".md") }.sorted().map { content.appendingPathComponent(folder + "/" + $0) }
        }
        func change(_ url: URL, _ body: (String) -> String) throws {
            try body(read(url)).write(to: url, atomically: true, encoding: .utf8)
        }
        let folders = ["news", "cases", "mentors", "pages", "programs", "events"]
        switch Int.random(in: 0..<16, using: &random) {
        case 0, 1:
            let folder = folders.randomElement(using: &random)!
            guard let file = files(folder).randomElement(using: &random) else { return "nothing in \(folder)" }
            try change(file) { $0 + "\nДобавленный абзац номер \(step).\n" }
            return "body of \(file.lastPathComponent)"
        case 2:
            guard let file = files("news").randomElement(using: &random) else { return "no news" }
            try change(file) { $0.replacingOccurrences(of: "title: \"", with: "title: \"Правка \(step): ") }
            return "title of \(file.lastPathComponent)"
        case 3:
            guard let file = files("news").randomElement(using: &random) else { return "no news" }
            let day = Int.random(in: 10...28, using: &random)
            try change(file) { text in
                text.replacingOccurrences(of: #"date: \d{4}-\d{2}-\d{2}"#, with: "date: 2025-06-\(day)", options: .regularExpression)
            }
            return "date of \(file.lastPathComponent)"
        case 4:
            guard let file = files("news").randomElement(using: &random) else { return "no news" }
            let copy = content.appendingPathComponent("news/2026-01-\(10 + step % 18)-novost-\(step).md")
            try? fm.removeItem(at: copy)
            try fm.copyItem(at: file, to: copy)
            try change(copy) { $0.replacingOccurrences(of: "title: \"", with: "title: \"Копия \(step): ") }
            return "new news \(copy.lastPathComponent)"
        case 5:
            let news = files("news")
            guard news.count > 3, let file = news.randomElement(using: &random) else { return "too few news" }
            try fm.removeItem(at: file)
            return "removed \(file.lastPathComponent)"
        case 6:
            try change(content.appendingPathComponent("documents.yml")) { $0 + "\n# правка \(step)\n" }
            return "documents.yml comment"
        case 7:
            try change(content.appendingPathComponent("site.yml")) { text in
                text.replacingOccurrences(of: #"title: "[^"]*""#, with: "title: \"Наставничество \(step)\"", options: .regularExpression)
            }
            return "site title"
        case 8:
            guard let file = files(folders.randomElement(using: &random)!).randomElement(using: &random) else { return "nothing" }
            try fm.setAttributes([.modificationDate: Date()], ofItemAtPath: file.path)
            return "touched \(file.lastPathComponent)"
        case 9:
            try change(content.appendingPathComponent("index.md")) { $0 + "\nЕщё слово \(step).\n" }
            return "index.md"
        case 10:
            guard let file = files("cases").randomElement(using: &random) else { return "no cases" }
            let renamed = file.deletingLastPathComponent().appendingPathComponent("praktika-\(step).md")
            try fm.moveItem(at: file, to: renamed)
            return "renamed \(file.lastPathComponent)"
        case 12:
            // A case moves to another mentor: both mentors' pages list it differently.
            let mentors = files("mentors").map { $0.deletingPathExtension().lastPathComponent }
            guard let file = files("cases").randomElement(using: &random), let mentor = mentors.randomElement(using: &random) else { return "no cases" }
            try change(file) { text in
                text.contains("mentor: ") ? text.replacingOccurrences(of: #"mentor: [^\n]*"#, with: "mentor: mentors/\(mentor)", options: .regularExpression)
                    : text.replacingOccurrences(of: "title: ", with: "mentor: mentors/\(mentor)\ntitle: ")
            }
            return "mentor of \(file.lastPathComponent) → \(mentor)"
        case 13:
            // A case's title: where it stands in the lists may change.
            guard let file = files("cases").randomElement(using: &random) else { return "no cases" }
            let letter = ["А", "Я", "М"].randomElement(using: &random)!
            try change(file) { $0.replacingOccurrences(of: #"title: "[^"]*""#, with: "title: \"\(letter) кейс \(step)\"", options: .regularExpression) }
            return "title of \(file.lastPathComponent)"
        case 14:
            // A full name without consent: the name scan warns (and its kept findings must follow).
            guard let file = (files("news") + files("cases")).randomElement(using: &random) else { return "nothing" }
            try change(file) { $0 + "\nВыступил Петров Иван Сергеевич.\n" }
            return "a name in \(file.lastPathComponent)"
        case 15:
            // The same person's consent: the warnings go, everywhere.
            let mentor = content.appendingPathComponent("mentors/petrov.md")
            if FileManager.default.fileExists(atPath: mentor.path) {
                try FileManager.default.removeItem(at: mentor)
                return "consent withdrawn"
            }
            try "---\nname: \"Петров Иван Сергеевич\"\nposition: \"учитель\"\nform: \"учитель – учитель\"\nconsent: 2025-09-01\n---\nТекст.\n"
                .write(to: mentor, atomically: true, encoding: .utf8)
            return "consent given"
        default:
            let images = content.appendingPathComponent("images")
            let pictures = ((try? fm.contentsOfDirectory(atPath: images.path)) ?? []).sorted()
            guard pictures.count >= 2 else { return "no pictures" }
            let (a, b) = (images.appendingPathComponent(pictures[0]), images.appendingPathComponent(pictures[1]))
            let (x, y) = (try Data(contentsOf: a), try Data(contentsOf: b))
            try y.write(to: a)
            try x.write(to: b)
            return "swapped pictures"
        }
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func randomEditsGiveTheCleanBuildByteForByte(seed: UInt64) throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try overlay(Repo.root.appendingPathComponent("content"), onto: root.appendingPathComponent("content"))
        // Aged, so that unchanged files are kept without being read (`KeptEntriesTests.age`).
        KeptEntriesTests().age(root.appendingPathComponent("content"))
        var random = Random(state: seed)
        var first = try build(root, into: "public", cache: true)
        #expect(first.0.outcome == .built, "\(first.1)")
        var reused = 0
        for step in 1...12 {
            let did = try edit(root.appendingPathComponent("content"), &random, step: step)
            let cached = try build(root, into: "public", cache: true)
            // The output's folders dated back to one day, as if built long ago: the next listing
            // takes the unchanged ones as they were (`SiteOutput.files(in:known:)`).
            OutputListingTests().age(root.appendingPathComponent("public"), to: Date(timeIntervalSince1970: 1_700_000_000))
            let clean = try build(root, into: "clean", cache: false)
            #expect(cached.0.outcome == clean.0.outcome, "seed \(seed), step \(step) (\(did))")
            #expect(cached.1 == clean.1, "seed \(seed), step \(step) (\(did)): the messages differ")
            guard clean.0.outcome == .built else { continue }
            let (a, b) = (fileTree(root.appendingPathComponent("public")), fileTree(root.appendingPathComponent("clean")))
            #expect(Set(a.keys) == Set(b.keys), "seed \(seed), step \(step) (\(did)): \(Set(a.keys).symmetricDifference(b.keys).sorted().prefix(5))")
            let differing = a.keys.filter { b[$0] != nil && a[$0] != b[$0] }.sorted()
            #expect(differing.isEmpty, "seed \(seed), step \(step) (\(did)): \(differing.prefix(5))")
            if cached.0.rendered < cached.0.pages { reused += 1 }
            first = cached
        }
        // The cache is used, not only harmless: most edits render a part of the site.
        #expect(reused >= 4, "seed \(seed): only \(reused) builds reused pages")
    }

    /// The cache is written over the one before the last (kept as a spare file): a shorter cache
    /// than that one is still whole, and the next build trusts it.
    @Test func aCacheWrittenOverALongerOneIsWhole() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try overlay(Repo.root.appendingPathComponent("content"), onto: root.appendingPathComponent("content"))
        KeptEntriesTests().age(root.appendingPathComponent("content"))
        #expect(try build(root, into: "public", cache: true).0.outcome == .built)
        let news = root.appendingPathComponent("content/news")
        let items = try FileManager.default.contentsOfDirectory(atPath: news.path).sorted()
        try (read(news.appendingPathComponent(items[0])) + "\nАбзац.\n").write(to: news.appendingPathComponent(items[0]), atomically: true, encoding: .utf8)
        #expect(try build(root, into: "public", cache: true).0.outcome == .built)
        let cacheURL = root.appendingPathComponent(".nastavnik-cache/build")
        let cache = try #require(try FileManager.default.contentsOfDirectory(atPath: cacheURL.path).first { $0.hasSuffix(".cache") })
        let size = { (name: String) in (try? FileManager.default.attributesOfItem(atPath: cacheURL.appendingPathComponent(name).path)[.size] as? Int) ?? 0 }
        let longer = size(cache)
        for item in items.suffix(4) { try FileManager.default.removeItem(at: news.appendingPathComponent(item)) }
        let shorter = try build(root, into: "public", cache: true).0
        #expect(shorter.outcome == .built && size(cache) < longer && size(cache + "-spare") > 0, "\(size(cache)) bytes, before \(longer)")
        let next = try build(root, into: "public", cache: true).0
        #expect(next.rendered == 0 && next.written == 0, "\(next.rendered) pages, \(next.written) files")
    }

    @Test func unchangedSiteWritesNothingAndNoCacheRendersAll() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try overlay(Repo.root.appendingPathComponent("content"), onto: root.appendingPathComponent("content"))
        KeptEntriesTests().age(root.appendingPathComponent("content"))
        let first = try build(root, into: "public", cache: true).0
        #expect(first.rendered == first.pages && first.written > 100)
        let made = try #require(BuildCache.read(BuildCache.url(options: BuildOptions(content: root.appendingPathComponent("content"),
            shownContent: "content", output: root.appendingPathComponent("public"), today: Self.today, defaultTheme: Repo.defaultTheme),
            create: false))).folders
        #expect(made.stamps == SiteOutput.files(in: root.appendingPathComponent("public").path).folders.stamps,
                "a clean build's folders, stamped, are what a listing finds")
        let index = root.appendingPathComponent("public/index.html")
        let before = try FileManager.default.attributesOfItem(atPath: index.path)[.systemFileNumber] as? Int

        let second = try build(root, into: "public", cache: true).0
        #expect(second.rendered == 0 && second.written == 0, "\(second.rendered) pages, \(second.written) files")
        #expect(second.filesRead == 0, "\(second.filesRead) files read")
        // The clean build stamped the folders it made; this one read those changed less than
        // two seconds before (all of them here), and keeps what it saw for the next listing,
        // although nothing changed.
        let options = BuildOptions(content: root.appendingPathComponent("content"), shownContent: "content",
                                   output: root.appendingPathComponent("public"), today: Self.today, defaultTheme: Repo.defaultTheme)
        let listed = try #require(BuildCache.read(BuildCache.url(options: options, create: false))).folders
        #expect(listed.stamps.count > 20, "\(listed.stamps.count) folders kept")
        #expect(listed.stamps.keys.contains("news") && listed.stamps.keys.contains("sv/news") && listed.stamps.keys.contains(""))
        #expect(try FileManager.default.attributesOfItem(atPath: index.path)[.systemFileNumber] as? Int == before)

        // The output's folders dated back, as a site built yesterday: the next listing takes
        // their names as the last build left them, and must still see every change by hand.
        OutputListingTests().age(root.appendingPathComponent("public"))
        let settled = try build(root, into: "public", cache: true).0
        #expect(settled.rendered == 0 && settled.written == 0, "\(settled.rendered) pages, \(settled.written) files")

        // A file of the output edited or removed by hand is written again.
        let inPlace = try FileHandle(forWritingTo: root.appendingPathComponent("public/cases/index.html"))
        try inPlace.seekToEnd()
        try inPlace.write(contentsOf: Data("<script>испорчено</script>".utf8))
        try inPlace.close()
        try "лишний".write(to: root.appendingPathComponent("public/news/lishniy.html"), atomically: false, encoding: .utf8)
        try "испорчено".write(to: index, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: root.appendingPathComponent("public/sv/news/index.html"))
        try "лишний".write(to: root.appendingPathComponent("public/lishniy.txt"), atomically: true, encoding: .utf8)
        let repaired = try build(root, into: "public", cache: true).0
        #expect(repaired.rendered == 3, "\(repaired.rendered)")
        #expect(read(index).contains("<html"))
        #expect(!read(root.appendingPathComponent("public/cases/index.html")).contains("испорчено"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("public/news/lishniy.html").path))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("public/sv/news/index.html").path))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("public/lishniy.txt").path))

        let clean = try build(root, into: "public", cache: false).0
        #expect(clean.rendered == clean.pages)
        // What `--no-cache` made is kept: the next build is fast again.
        let next = try build(root, into: "public", cache: true).0
        #expect(next.rendered == 0 && next.written == 0, "\(next.rendered) pages, \(next.written) files")

        // A damaged cache is ignored, never trusted.
        let folder = root.appendingPathComponent(".nastavnik-cache/build")
        let kept = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = kept?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            var data = try Data(contentsOf: url)
            data.removeLast(data.count / 2)
            try data.write(to: url)
        }
        let afterDamage = try build(root, into: "public", cache: true).0
        #expect(afterDamage.outcome == .built && afterDamage.rendered == afterDamage.pages)
        #expect(afterDamage.filesRead > 20, "\(afterDamage.filesRead) files read")
    }

    /// MurmurHash3 x64-128's published values: the fingerprints a cache keeps are the same in
    /// every run and on every machine.
    @Test func stableHashMatchesTheReference() {
        func murmur(_ text: String) -> Fingerprint {
            Array(text.utf8).withUnsafeBytes { StableHasher.murmur($0, seed: .zero) }
        }
        #expect(murmur("") == Fingerprint(high: 0, low: 0))
        #expect(murmur("hello") == Fingerprint(high: 0xcbd8_a7b3_41bd_9b02, low: 0x5b1e_906a_48ae_1d19))
        #expect(murmur("The quick brown fox jumps over the lazy dog")
            == Fingerprint(high: 0xe34b_bc7b_bc07_1b6c, low: 0x7a43_3ca9_c49a_9347))
        #expect(StableHasher.of("ab") != StableHasher.of("a"))
    }

    /// The name scan's findings are kept between builds by text: they follow the people who
    /// consented, and the text's place.
    @Test func keptNameScanFollowsConsent() throws {
        let (root, content) = try KeptEntriesTests().demo()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try build(root, into: "public", cache: true).1.isEmpty)
        let news = try FileManager.default.contentsOfDirectory(atPath: content.appendingPathComponent("news").path).sorted()
        let item = content.appendingPathComponent("news/" + news[0])
        let text = read(item)
        try (text + "\nВыступил Петров Иван Сергеевич.\n").write(to: item, atomically: true, encoding: .utf8)
        func messages() throws -> String {
            let cached = try build(root, into: "public", cache: true).1
            #expect(cached == (try build(root, into: "clean", cache: false)).1)
            return cached
        }
        #expect(try messages().contains("Петров Иван Сергеевич"))
        // Consent given: the warning goes, though the text did not change.
        let mentor = content.appendingPathComponent("mentors/petrov.md")
        try "---\nname: \"Петров Иван Сергеевич\"\nposition: \"учитель\"\nform: \"учитель – учитель\"\nconsent: 2025-09-01\n---\nТекст.\n"
            .write(to: mentor, atomically: true, encoding: .utf8)
        #expect(try !messages().contains("privacy.unconsented-name"))
        // Withdrawn: it is back.
        try FileManager.default.removeItem(at: mentor)
        #expect(try messages().contains("privacy.unconsented-name"))
        // The same sentence moved two lines down: reported at its new line.
        try (text + "\n\n\nВыступил Петров Иван Сергеевич.\n").write(to: item, atomically: true, encoding: .utf8)
        let moved = try messages()
        #expect(moved.contains("privacy.unconsented-name"))
    }

    /// Search entries kept by another program are not used: how they are made may have changed.
    @Test func keptSearchEntriesBelongToThisProgram() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        func kept(by program: Fingerprint) throws -> String {
            // The published index, and the table of where its entries lie.
            let index = Data(#"{"v":2,"docs":[{"kept":1}]}"#.utf8)
            let indexURL = folder.appendingPathComponent("search-index.json")
            try index.write(to: indexURL)
            var writer = CacheWriter()
            writer.string("nastavnik-search-cache 2")
            writer.print(program)
            writer.print(StableHasher.of(index))
            writer.int(1)
            writer.string("news/x/")
            writer.print(.zero)
            writer.int(15)
            writer.int(10)
            let url = folder.appendingPathComponent("x.search")
            try writer.data.write(to: url)
            let cache = SearchIndex.Cache.read(url, index: indexURL, print: StableHasher.of(index))
            switch cache.entry("news/x/", key: .zero, make: { "{\"made\":1}" }) {
            case .made(let json): return json
            case .kept(let range):
                var out = Data()
                cache.append(range, to: &out)
                return String(decoding: out, as: UTF8.self)
            }
        }
        #expect(try kept(by: BuildCache.program) == "{\"kept\":1}")
        #expect(try kept(by: Fingerprint(high: 1, low: 2)) == "{\"made\":1}")
    }
}

/// Files unchanged since the last build are neither read nor parsed again, and what is kept
/// of them is what parsing them gives.
@Suite struct KeptEntriesTests {
    static let today = DayDate(year: 2026, month: 11, day: 26)!

    /// Sets every file's times an hour back: a file written just before a build is read again
    /// whatever its stamp (two writes within one tick of the clock look alike), so only older
    /// files show the kept path.
    func age(_ folder: URL) {
        let past = Date().addingTimeInterval(-3600)
        try? FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: folder.path)
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            try? FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: url.path)
        }
    }

    /// The demo site in a folder of its own: (the folder, its content folder).
    func demo() throws -> (URL, URL) {
        let root = try temporaryDirectory()
        let content = root.appendingPathComponent("content")
        try overlay(Repo.root.appendingPathComponent("content"), onto: content)
        return (root, content)
    }

    func build(_ root: URL, into output: String = "public", cache: Bool = true) throws -> BuildResult {
        var options = BuildOptions(content: root.appendingPathComponent("content"), shownContent: "content",
                                   output: root.appendingPathComponent(output), today: Self.today, defaultTheme: Repo.defaultTheme)
        options.cache = cache
        return try SiteBuilder.build(options)
    }

    @Test func unchangedFilesAreNotReadAgain() throws {
        let (root, content) = try demo()
        defer { try? FileManager.default.removeItem(at: root) }
        age(content)
        let first = try build(root)
        #expect(first.outcome == .built && first.filesRead > 20, "\(first.filesRead)")
        let second = try build(root)
        #expect(second.filesRead == 0 && second.rendered == 0, "\(second.filesRead) files read, \(second.rendered) pages")

        // One edited file is the only one read; the site is the one a clean build makes.
        let news = try FileManager.default.contentsOfDirectory(atPath: content.appendingPathComponent("news").path).sorted()
        let edited = content.appendingPathComponent("news/" + news.first(where: { $0.hasSuffix(".md") })!)
        try (read(edited) + "\nНовый абзац о встрече наставников.\n").write(to: edited, atomically: true, encoding: .utf8)
        let third = try build(root)
        #expect(third.filesRead == 1, "\(third.filesRead)")
        _ = try build(root, into: "clean", cache: false)
        #expect(fileTree(root.appendingPathComponent("public")) == fileTree(root.appendingPathComponent("clean")))

        // A file replaced by an older one (an unpacked archive keeps its files' times) is read:
        // its stamp is not the one kept, whatever its time.
        try (read(edited) + "\nЕщё абзац из архива.\n").write(to: edited, atomically: true, encoding: .utf8)
        age(edited)
        #expect(try build(root).filesRead == 1)
        _ = try build(root, into: "clean", cache: false)
        #expect(fileTree(root.appendingPathComponent("public")) == fileTree(root.appendingPathComponent("clean")))

        // `--no-cache` reads everything; a picture added makes the entries be checked again
        // (an entry's check of the files it names may now say otherwise).
        #expect(try build(root, cache: false).filesRead == first.filesRead)
        let images = content.appendingPathComponent("images")
        let picture = try FileManager.default.contentsOfDirectory(atPath: images.path).sorted().first!
        try FileManager.default.copyItem(at: images.appendingPathComponent(picture), to: images.appendingPathComponent("copy-" + picture))
        let afterPicture = try build(root)
        #expect(afterPicture.filesRead == first.filesRead, "\(afterPicture.filesRead)")
    }

    /// Every value the loader makes, from the demo and the banks' schools, comes back equal
    /// from its kept bytes; damaged bytes are refused, never a crash.
    @Test func keptValuesRoundTrip() throws {
        var sites = [Repo.root.appendingPathComponent("content")]
        for bank in ["bank", "bank-v2"] {
            let schools = Repo.root.appendingPathComponent("Tests/Fixtures/\(bank)/content/schools")
            for school in try FileManager.default.contentsOfDirectory(atPath: schools.path).sorted() {
                let folder = schools.appendingPathComponent(school + "/content")
                if FileManager.default.fileExists(atPath: folder.path) { sites.append(folder) }
            }
        }
        var checked = 0
        for site in sites {
            let loaded = ContentLoader.load(site, shownAs: "content", options: LoadOptions(today: Self.today))
            guard let content = loaded.content else { continue }
            let bytes = try BinaryCoder.encode(content)
            #expect(try BinaryCoder.decode(SiteContent.self, from: bytes) == content, "\(site.path)")
            let diagnostics = try BinaryCoder.encode(loaded.diagnostics)
            #expect(try BinaryCoder.decode([Diagnostic].self, from: diagnostics) == loaded.diagnostics)
            checked += 1
            // Cut short anywhere, it throws.
            for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
                #expect(throws: (any Error).self) { try BinaryCoder.decode(SiteContent.self, from: Array(bytes[..<cut])) }
            }
            // Bytes flipped: an error or some value, never a crash.
            var random = BuildCacheTests.Random(state: UInt64(bytes.count))
            for _ in 0..<200 {
                var damaged = bytes
                damaged[Int.random(in: 0..<damaged.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                _ = try? BinaryCoder.decode(SiteContent.self, from: damaged)
            }
        }
        #expect(checked >= 5, "\(checked)")
    }
}

extension KeptEntriesTests {
    /// When no text changed, the files made from the whole site are kept, but a document
    /// replaced by another of the same size, or a theme asset edited, is published again.
    @Test func keptExtrasFollowTheFilesTheyCopy() throws {
        let (root, content) = try demo()
        defer { try? FileManager.default.removeItem(at: root) }
        age(content)
        _ = try build(root)
        #expect(try build(root).written == 0)

        let document = content.appendingPathComponent("files/prikaz-45.pdf")
        var bytes = try Data(contentsOf: document)
        bytes[bytes.count - 2] ^= 0x20
        try bytes.write(to: document)
        let afterDocument = try build(root)
        #expect(afterDocument.written == 1 && afterDocument.rendered == 0, "\(afterDocument.written) files, \(afterDocument.rendered) pages")
        #expect(try Data(contentsOf: root.appendingPathComponent("public/files/prikaz-45.pdf")) == bytes)

        // A theme of the site's own, over the default one.
        let css = root.appendingPathComponent("themes/mine/assets/site.css")
        try FileManager.default.createDirectory(at: css.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "body { color: #111; }\n".write(to: css, atomically: true, encoding: .utf8)
        let settings = content.appendingPathComponent("site.yml")
        try read(settings).replacingOccurrences(of: "theme: default", with: "theme: mine").write(to: settings, atomically: true, encoding: .utf8)
        _ = try build(root)
        #expect(try build(root).written == 0)
        try "body { color: #222; }\n".write(to: css, atomically: true, encoding: .utf8)
        let afterCSS = try build(root)
        #expect(afterCSS.written == 1 && afterCSS.rendered == 0, "\(afterCSS.written) files, \(afterCSS.rendered) pages")
        #expect(read(root.appendingPathComponent("public/assets/site.css")) == "body { color: #222; }\n")
    }
}

extension KeptEntriesTests {
    /// A build that could keep nothing (the first, or one after a new program) still records
    /// what the feeds and sitemap were made from: the next build does not write them again.
    @Test func feedsAndSitemapAreKeptAfterAFirstBuild() throws {
        let (root, content) = try demo()
        defer { try? FileManager.default.removeItem(at: root) }
        age(content)
        let first = try build(root)
        #expect(first.rendered == first.pages)
        let kept = ["sitemap.xml", "news/rss.xml", "news/atom.xml", "sv/news/rss.xml"]
        func inodes() throws -> [Int?] {
            try kept.map { try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent("public/" + $0).path)[.systemFileNumber] as? Int }
        }
        let before = try inodes()
        // Rendered again, they would be the same bytes and not written: what shows they are not
        // rendered is that their models were recorded.
        let options = BuildOptions(content: content, shownContent: "content", output: root.appendingPathComponent("public"),
                                   today: Self.today, defaultTheme: Repo.defaultTheme)
        let cache = try #require(BuildCache.read(BuildCache.url(options: options, create: false)))
        #expect(Set(kept).isSubset(of: Set(cache.models.keys)), "\(cache.models.keys.sorted())")
        let caseFile = content.appendingPathComponent("cases/molodoy-pedagog.md")
        try (read(caseFile) + "\nЕщё один абзац о практике.\n").write(to: caseFile, atomically: true, encoding: .utf8)
        let next = try build(root)
        // The case's page, its copy for the visually impaired, the search index and its script.
        #expect(next.rendered < next.pages && next.written == 4, "\(next.rendered) pages, \(next.written) files")
        #expect(try inodes() == before)
        #expect(read(root.appendingPathComponent("public/cases/molodoy-pedagog/index.html")).contains("Ещё один абзац о практике."))
    }
}

extension KeptEntriesTests {
    /// The search entries of unchanged pages are copied from the published index; an index
    /// edited by hand is not trusted, and the index is always the one a clean build makes.
    @Test func searchIndexIsSplicedOnlyFromTheIndexAsWritten() throws {
        let (root, content) = try demo()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try build(root)
        let news = try FileManager.default.contentsOfDirectory(atPath: content.appendingPathComponent("news").path)
            .filter { $0.hasSuffix(".md") }.sorted().map { content.appendingPathComponent("news/" + $0) }
        func index(_ folder: String) -> Data? { try? Data(contentsOf: root.appendingPathComponent(folder + "/search-index.json")) }
        func same() throws -> Bool {
            _ = try build(root, into: "clean", cache: false)
            return index("public") == index("clean")
                && (try? Data(contentsOf: root.appendingPathComponent("public/search-index.js")))
                == (try? Data(contentsOf: root.appendingPathComponent("clean/search-index.js")))
        }
        try (read(news[0]) + "\nСлово уникальноеслово для поиска.\n").write(to: news[0], atomically: true, encoding: .utf8)
        #expect(try build(root).written >= 2)
        #expect(try same())
        #expect(String(decoding: index("public") ?? Data(), as: UTF8.self).contains("уникальноеслов"))

        // The published index damaged by hand (same size): the next index is made whole again.
        var damaged = index("public")!
        for i in stride(from: 20, to: damaged.count - 20, by: 97) { damaged[i] = UInt8(ascii: "#") }
        try damaged.write(to: root.appendingPathComponent("public/search-index.json"))
        try (read(news[1]) + "\nЕщё одно слово.\n").write(to: news[1], atomically: true, encoding: .utf8)
        _ = try build(root)
        #expect(try same())
    }
}

/// A bank reuses the pages of the schools an edit did not touch; whatever the edit, the
/// cached build gives byte for byte what a clean one gives.
@Suite struct BankCacheTests {
    static let today = DayDate(year: 2026, month: 11, day: 26)!

    func build(_ root: URL, into output: String, cache: Bool) throws -> (BuildResult, String) {
        var options = BuildOptions(content: root.appendingPathComponent("content"), shownContent: "content",
                                   output: root.appendingPathComponent(output), today: Self.today, defaultTheme: Repo.defaultTheme,
                                   report: root.appendingPathComponent(output + "-report"))
        options.cache = cache
        let result = try SiteBuilder.build(options)
        return (result, DiagnosticReport.text(result.diagnostics, sources: result.sources))
    }

    /// A copy of the bank-v2 fixture in a new folder, and its content folder.
    func bankCopy() throws -> (root: URL, content: URL) {
        let root = try temporaryDirectory()
        let content = root.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        try overlay(Repo.root.appendingPathComponent("Tests/Fixtures/bank-v2/content"), onto: content)
        return (root, content)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func bankEditsGiveTheCleanBuildByteForByte(seed: UInt64) throws {
        let (root, content) = try bankCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        KeptEntriesTests().age(content)
        let first = try build(root, into: "public", cache: true)
        #expect(first.0.outcome == .built, "\(first.1)")
        let schools = content.appendingPathComponent("schools")
        func change(_ url: URL, _ body: (String) -> String) throws {
            try body(read(url)).write(to: url, atomically: true, encoding: .utf8)
        }
        var random = BuildCacheTests.Random(state: seed)
        var partial = 0
        for step in 1...8 {
            let did: String
            switch Int.random(in: 0..<8, using: &random) {
            case 0, 1:
                let file = schools.appendingPathComponent("kirov-sch21/content/cases/fizika-8-klass.md")
                try change(file) { $0 + "\nАбзац \(step) о занятиях по физике.\n" }
                did = "case body"
            case 2:
                let file = schools.appendingPathComponent("kirov-sch21/content/cases/molodoy-uchitel.md")
                try change(file) { $0.replacingOccurrences(of: "title: \"", with: "title: \"Правка \(step): ") }
                did = "case title"
            case 3:
                let file = schools.appendingPathComponent("kirov-sch21/content/mentors/kopylova.md")
                try change(file) { $0 + "\nЕщё о наставнике, правка \(step).\n" }
                did = "mentor body"
            case 4:
                try change(content.appendingPathComponent("review.yml")) {
                    $0.replacingOccurrences(of: "status: rejected", with: "status: selected")
                        .replacingOccurrences(of: "score: 27", with: "score: \(20 + step)")
                }
                did = "review"
            case 5:
                try change(content.appendingPathComponent("competitions.yml")) {
                    $0.replacingOccurrences(of: "place: 2", with: "place: 3").replacingOccurrences(of: "place: 1\n", with: "place: 1\n", options: [])
                }
                did = "competition"
            case 6:
                let file = schools.appendingPathComponent("ryazan-sch12/content/cases/chitatelskiy-klub.md")
                try change(file) { $0 + "\nЧитательский клуб, правка \(step).\n" }
                did = "other school's case"
            default:
                // A finding of the school's check (a programme that is not there), then gone
                // again: the school is left out of the bank, then back.
                let file = schools.appendingPathComponent("kirov-sch21/content/cases/fizika-8-klass.md")
                try change(file) { text in
                    text.contains("program: programma-2024-2025")
                        ? text.replacingOccurrences(of: "program: programma-2024-2025", with: "program: net-takoy-programmy")
                        : text.replacingOccurrences(of: "program: net-takoy-programmy", with: "program: programma-2024-2025")
                }
                did = "a school's error, made or mended"
            }
            let cached = try build(root, into: "public", cache: true)
            // The output's folders dated back to one day, as if built long ago: the next listing
            // takes the unchanged ones as they were (`SiteOutput.files(in:known:)`).
            OutputListingTests().age(root.appendingPathComponent("public"), to: Date(timeIntervalSince1970: 1_700_000_000))
            let clean = try build(root, into: "clean", cache: false)
            #expect(cached.0.outcome == clean.0.outcome, "seed \(seed), step \(step) (\(did))")
            #expect(cached.1 == clean.1, "seed \(seed), step \(step) (\(did)): the messages differ")
            let (a, b) = (fileTree(root.appendingPathComponent("public")), fileTree(root.appendingPathComponent("clean")))
            #expect(Set(a.keys) == Set(b.keys), "seed \(seed), step \(step) (\(did))")
            let differing = a.keys.filter { b[$0] != nil && a[$0] != b[$0] }.sorted()
            #expect(differing.isEmpty, "seed \(seed), step \(step) (\(did)): \(differing.prefix(5))")
            #expect(fileTree(root.appendingPathComponent("public-report")) == fileTree(root.appendingPathComponent("clean-report")))
            if cached.0.rendered < cached.0.pages { partial += 1 }
        }
        #expect(partial >= 3, "seed \(seed): only \(partial) builds reused pages")
    }

    /// A case's or a mentor's body is shown only on its own page: an edit of one renders that
    /// page alone, not every page of its school and every list of the bank.
    @Test func aBodyEditRendersItsOwnPageOnly() throws {
        let (root, content) = try bankCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        KeptEntriesTests().age(content)
        #expect(try build(root, into: "public", cache: true).0.outcome == .built)
        let school = content.appendingPathComponent("schools/kirov-sch21/content")
        for (file, page) in [("cases/fizika-8-klass.md", "practices/kirov-sch21/fizika-8-klass/index.html"),
                             ("mentors/kopylova.md", "mentors/kirov-sch21/kopylova/index.html")] {
            let url = school.appendingPathComponent(file)
            try (read(url) + "\nАбзац, дописанный в тексте.\n").write(to: url, atomically: true, encoding: .utf8)
            let after = try build(root, into: "public", cache: true).0
            #expect(after.rendered == 1, "\(file): \(after.rendered) pages")
            #expect(read(root.appendingPathComponent("public/" + page)).contains("Абзац, дописанный в тексте."), "\(file)")
        }
        // Its title is on cards and lists: those are rendered again.
        let url = school.appendingPathComponent("cases/fizika-8-klass.md")
        try read(url).replacingOccurrences(of: "title: \"", with: "title: \"Новое: ").write(to: url, atomically: true, encoding: .utf8)
        #expect(try build(root, into: "public", cache: true).0.rendered > 5)
    }

    /// A school listed with the bank's folder is what walking it gives: a link into another
    /// school is refused there, a link inside it is kept.
    @Test func schoolsListedWithTheBankAreAsWalked() throws {
        let (root, content) = try bankCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        let images = content.appendingPathComponent("schools/kirov-sch21/content/images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: images.appendingPathComponent("other.yml").path,
                                                   withDestinationPath: "../../../ryazan-sch12/content/site.yml")
        try FileManager.default.createSymbolicLink(atPath: images.appendingPathComponent("own.yml").path,
                                                   withDestinationPath: "../site.yml")
        let options = LoadOptions(today: Self.today)
        let settings = try #require(ContentLoader.load(content, shownAs: "content", options: options).content?.settings)
        func load(listed: Bool) -> LoadedBank {
            BankLoader.load(root: content, shownRoot: "content", files: listed ? ContentFiles(root: content, shownRoot: "content") : nil,
                            settings: settings, options: options, settingsFile: "content/site.yml")
        }
        let (listed, walked) = (load(listed: true), load(listed: false))
        #expect(listed.bank.schools.count == 3)
        for (a, b) in zip(listed.bank.schools, walked.bank.schools) {
            #expect(a.diagnostics.sortedForReport() == b.diagnostics.sortedForReport(), "\(a.folder)")
        }
        for (a, b) in zip(listed.files, walked.files) {
            #expect(a.sizes == b.sizes && a.stamps == b.stamps && a.root == b.root && a.shownRoot == b.shownRoot)
            #expect(a.problems.sortedForReport() == b.problems.sortedForReport())
        }
        let kirov = try #require(listed.bank.schools.first { $0.folder.hasSuffix("kirov-sch21/content") })
        #expect(kirov.diagnostics.contains { $0.rule == "file.symlink" && $0.location.file.hasSuffix("images/other.yml") })
        #expect(!kirov.diagnostics.contains { $0.location.file.hasSuffix("images/own.yml") })
        let files = try #require(listed.files.first { $0.shownRoot.hasSuffix("kirov-sch21/content") })
        #expect(files.exists("images/own.yml") && !files.exists("images/other.yml"))
    }

    /// The report is written again only when what it shows changed, or when it is not as the
    /// last build wrote it.
    @Test func theReportIsWrittenOnlyWhenItChanges() throws {
        let (root, content) = try bankCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        KeptEntriesTests().age(content)
        let report = root.appendingPathComponent("public-report")
        func stamp(_ name: String) -> [FileAttributeKey: Any]? {
            try? FileManager.default.attributesOfItem(atPath: report.appendingPathComponent(name).path)
        }
        func inode(_ name: String) -> Int? { (stamp(name)?[.systemFileNumber] as? NSNumber)?.intValue }
        func sameAsClean() throws -> Bool {
            _ = try build(root, into: "clean", cache: false)
            return fileTree(report) == fileTree(root.appendingPathComponent("clean-report"))
        }
        _ = try build(root, into: "public", cache: true)
        let first = (inode("index.html"), inode("report.json"))
        #expect(first.0 != nil && first.1 != nil)

        // A case's body is not in the report: the report is kept as it is.
        let file = content.appendingPathComponent("schools/kirov-sch21/content/cases/fizika-8-klass.md")
        try (read(file) + "\nЕщё абзац о занятиях.\n").write(to: file, atomically: true, encoding: .utf8)
        _ = try build(root, into: "public", cache: true)
        #expect(inode("index.html") == first.0 && inode("report.json") == first.1)
        #expect(try sameAsClean())

        // Removed by hand: written again.
        try FileManager.default.removeItem(at: report.appendingPathComponent("report.json"))
        _ = try build(root, into: "public", cache: true)
        #expect(stamp("report.json") != nil)
        #expect(try sameAsClean())

        // A decision of the centre is in the report: written again.
        let before = fileTree(report)
        let review = content.appendingPathComponent("review.yml")
        try read(review).replacingOccurrences(of: "status: rejected", with: "status: selected").write(to: review, atomically: true, encoding: .utf8)
        _ = try build(root, into: "public", cache: true)
        #expect(fileTree(report) != before)
        #expect(try sameAsClean())
    }
}
