import Foundation
@testable import Site
import Testing
import TestSupport

/// The output's listing that takes an unchanged folder's names from the last build finds, after
/// any change by hand, exactly what reading every folder finds.
@Suite struct OutputListingTests {
    /// An output as a build leaves it: page folders, the copy for the visually impaired, an
    /// empty folder; every folder dated an hour back, so that its stamp can be trusted.
    func output() throws -> URL {
        let root = try temporaryDirectory()
        let files = ["index.html", "news/index.html", "news/a/index.html", "news/b/index.html", "cases/c/index.html",
                     "sv/index.html", "sv/news/a/index.html", "assets/site.css"]
        for file in files {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "<p>\(file)</p>".write(to: url, atomically: false, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("empty/inner"), withIntermediateDirectories: true)
        age(root)
        return root
    }

    /// Dates every folder under `root` (and `root`) back; its files keep their dates.
    func age(_ root: URL, to past: Date = Date().addingTimeInterval(-3600)) {
        var folders = [root]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey])
        while let url = enumerator?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory == true { folders.append(url) }
        }
        for folder in folders { try? FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: folder.path) }
    }

    /// What the last build knows after it listed `root` and left exactly the files listed,
    /// numbered as records read from the build cache are.
    func known(_ root: URL) -> KnownOutput {
        let listing = SiteOutput.files(in: root.path)
        var files: [String: OutputRecord] = [:]
        for (path, stamp) in listing.files { files[path] = OutputRecord(print: .zero, stamp: stamp, number: Int32(files.count)) }
        return KnownOutput(folders: listing.folders, files: files)
    }

    @Test(arguments: ["a file put in a page's folder", "a folder with a file put in a page's folder", "a page edited in place",
                      "a page removed", "a page replaced by a link", "a file put in an empty folder", "a folder removed",
                      "a file put at the top", "nothing"])
    func listingWithWhatWasKnownIsAsReadingEverything(_ change: String) throws {
        let root = try output()
        defer { try? FileManager.default.removeItem(at: root) }
        let known = known(root)
        let trusted = KnownOutput.Trusted(known)
        #expect(known.folders.stamps.allSatisfy { trusted.names(of: $0.key, stamp: $0.value) != nil }, "every folder is old enough to be trusted")
        func url(_ path: String) -> URL { root.appendingPathComponent(path) }
        switch change {
        case "a file put in a page's folder": try "x".write(to: url("news/a/stray.txt"), atomically: false, encoding: .utf8)
        case "a folder with a file put in a page's folder":
            try FileManager.default.createDirectory(at: url("sv/news/a/deep"), withIntermediateDirectories: true)
            try "x".write(to: url("sv/news/a/deep/stray.html"), atomically: false, encoding: .utf8)
        case "a page edited in place":
            let handle = try FileHandle(forWritingTo: url("news/b/index.html"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("правка".utf8))
            try handle.close()
        case "a page removed": try FileManager.default.removeItem(at: url("cases/c/index.html"))
        case "a page replaced by a link":
            try FileManager.default.removeItem(at: url("news/a/index.html"))
            try FileManager.default.createSymbolicLink(atPath: url("news/a/index.html").path, withDestinationPath: "/etc/passwd")
        case "a file put in an empty folder": try "x".write(to: url("empty/inner/stray.txt"), atomically: false, encoding: .utf8)
        case "a folder removed": try FileManager.default.removeItem(at: url("news/b"))
        case "a file put at the top": try "x".write(to: url("stray.txt"), atomically: false, encoding: .utf8)
        default: break
        }
        let read = SiteOutput.files(in: root.path)
        let listed = SiteOutput.files(in: root.path, known: known)
        // The files found as recorded are marked by number; the others are listed with their stamps.
        var found = listed.files
        for (path, record) in known.files where listed.intact[Int(record.number)] { found[path] = record.stamp }
        #expect(found == read.files)
        #expect(known.files.allSatisfy { path, record in listed.holds(path, as: record) == (read.files[path] == record.stamp) }, "\(change)")
        #expect(change != "nothing" || listed.files.isEmpty, "\(listed.files.keys.sorted())")
        #expect(listed.folders.stamps == read.folders.stamps)
        // The files the last build did not leave, which the commit removes, are all found.
        let strays = read.files.keys.filter { known.files[$0] == nil }.sorted()
        #expect(listed.strays?.sorted() == strays, "\(change)")
        #expect(strays.isEmpty == !change.contains("put"), "\(change): \(strays)")
    }

    /// A folder changed shortly before it was listed is read again: it could have changed once
    /// more in the same tick of the clock, keeping its date.
    @Test func aFolderChangedJustBeforeItWasListedIsReadAgain() throws {
        let root = try output()
        defer { try? FileManager.default.removeItem(at: root) }
        try "x".write(to: root.appendingPathComponent("news/a/new.html"), atomically: false, encoding: .utf8)
        let known = known(root)
        let trusted = KnownOutput.Trusted(known)
        #expect(trusted.names(of: "news/a", stamp: try #require(known.folders.stamps["news/a"])) == nil)
        #expect(trusted.names(of: "news", stamp: try #require(known.folders.stamps["news"])) != nil)
        // Were its date to stay, a file added now would still be found.
        let stamp = try #require(known.folders.stamps["news/a"])
        try "y".write(to: root.appendingPathComponent("news/a/newer.html"), atomically: false, encoding: .utf8)
        var times = [timespec(tv_sec: stamp.modified, tv_nsec: stamp.nanoseconds), timespec(tv_sec: stamp.modified, tv_nsec: stamp.nanoseconds)]
        #expect(utimensat(AT_FDCWD, root.appendingPathComponent("news/a").path, &times, 0) == 0)
        #expect(SiteOutput.files(in: root.path, known: known).files["news/a/newer.html"] != nil)
    }
}
