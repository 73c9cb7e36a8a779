import Content
import Domain
import Foundation
import Theme

/// A bank's report (`index.html`, `report.json`) is written again only when what it says
/// changed: typesetting every school's messages and rendering them was a tenth of a rebuild
/// after one school's edit. What was written is recorded beside the build cache
/// (`<output>.report`): the report's fingerprint and the stamps of the two files as written,
/// so that a report edited or removed by hand is written again.
enum KeptReport {
    private struct Record: Codable {
        var print: Fingerprint
        var files: [String: OutputStamp]
    }

    private static let magic = Array("nastavnik-report 1\n".utf8)
    static let files = ["index.html", "report.json"]

    /// - Parameters:
    ///   - report: as the build made it; what schools read (`forSchools`) is made from it only
    ///     when it is written.
    ///   - key: the build cache's key (the program, the theme's templates, the options).
    ///   - useKept: false for `--no-cache`: written either way.
    static func write(_ report: BankReport, theme: Theme, key: Fingerprint, to folder: URL, record: URL, useKept: Bool) throws {
        var hasher = StableHasher()
        hasher.combine(key)
        hasher.combine(folder.standardizedFileURL.path)
        let print = BinaryCoder.fingerprint(report).map { fingerprint -> Fingerprint in
            hasher.combine(fingerprint)
            return hasher.finalize()
        }
        if useKept, let print, let kept = read(record), kept.print == print,
           files.allSatisfy({ name in kept.files[name].map { $0 == OutputStamp.of(folder.appendingPathComponent(name).path) } ?? false }) {
            return
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let shown = report.forSchools
        let written = [Data((theme.render("report", shown.context()) ?? "").utf8), shown.json()]
        var stamps: [String: OutputStamp] = [:]
        for (name, data) in zip(files, written) {
            let url = folder.appendingPathComponent(name)
            try data.write(to: url, options: .atomic)
            stamps[name] = OutputStamp.of(url.path)
        }
        // A record that cannot be written costs the next build the report's time, nothing else.
        guard let print, let bytes = try? BinaryCoder.encode(Record(print: print, files: stamps)) else {
            try? FileManager.default.removeItem(at: record)
            return
        }
        try? Data(magic + bytes).write(to: record, options: .atomic)
    }

    private static func read(_ url: URL) -> Record? {
        // A regular file of a record's size: a link or anything else there is not read.
        guard let stamp = OutputStamp.of(url.path), stamp.size < 1 << 16, let data = try? Data(contentsOf: url), data.count > magic.count,
              Array(data.prefix(magic.count)) == magic else { return nil }
        return try? BinaryCoder.decode(Record.self, from: Array(data.dropFirst(magic.count)))
    }
}
