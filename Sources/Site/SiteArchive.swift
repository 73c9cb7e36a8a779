import Foundation
import ZIPFoundation

/// The built site as one zip archive, for hostings that take an upload. Entries sit under
/// the path of `base_url` (`nastavnichestvo/index.html`), so unpacking the archive at the
/// web root puts the site where its addresses expect it.
public enum SiteArchive {
    /// - Returns: the number of files archived.
    @discardableResult
    public static func write(site folder: URL, to archive: URL, basePath: String?) throws -> Int {
        let prefix = (basePath ?? "").split(separator: "/").joined(separator: "/")
        let temporary = archive.deletingLastPathComponent()
            .appendingPathComponent(".\(archive.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: temporary)
        let zip = try Archive(url: temporary, accessMode: .create)
        var count = 0
        do {
            let files = (FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []).sorted()
            for relative in files {
                let url = folder.appendingPathComponent(relative)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                try zip.addEntry(with: prefix.isEmpty ? relative : prefix + "/" + relative, fileURL: url, compressionMethod: .deflate)
                count += 1
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        // Replace an older archive only once the new one is complete.
        _ = try? FileManager.default.removeItem(at: archive)
        try FileManager.default.moveItem(at: temporary, to: archive)
        return count
    }
}
