import Foundation

/// A video on VK Video or Rutube, recognised from the address an editor copies from the
/// browser. The page shows a link that the theme's `video.js` turns into a cover: nothing is
/// requested from the video host until the visitor presses it. Without the script (and in
/// the version for the visually impaired) it stays a plain link.
public struct VideoEmbed: Sendable, Hashable {
    public var url: String
    public var player: String
    public var host: String
    public var title: String = "Видео"

    public init?(url: String) {
        guard let components = URLComponents(string: url), components.scheme == "https" || components.scheme == "http",
              let rawHost = components.host?.lowercased() else { return nil }
        let host = rawHost.hasPrefix("www.") ? String(rawHost.dropFirst(4)) : rawHost
        let path = components.path
        switch host {
        case "vk.com", "vk.ru", "vkvideo.ru", "m.vk.com", "m.vkvideo.ru":
            // video-12345_67890 in the path, or ?z=video-12345_67890 on a community wall.
            let candidates = [path] + (components.queryItems ?? []).compactMap(\.value)
            guard let match = candidates.lazy.compactMap(Self.vkID).first else { return nil }
            self.player = "https://vkvideo.ru/video_ext.php?oid=\(match.owner)&id=\(match.id)&hd=2"
            self.host = "VK Видео"
        case "rutube.ru", "m.rutube.ru":
            let parts = path.split(separator: "/")
            guard parts.count >= 2, parts[0] == "video" || parts[0] == "shorts",
                  parts[1].count >= 16, parts[1].unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || ("a"..."f").contains($0) || ("A"..."F").contains($0) })
            else { return nil }
            self.player = "https://rutube.ru/play/embed/\(parts[1])/"
            self.host = "Rutube"
        default:
            return nil
        }
        self.url = url
    }

    private static func vkID(_ text: String) -> (owner: String, id: String)? {
        guard let range = text.range(of: "video") else { return nil }
        let rest = text[range.upperBound...]
        let pieces = rest.split(separator: "_", maxSplits: 1)
        guard pieces.count == 2 else { return nil }
        // ASCII digits only: other scripts' digits would make a broken player address.
        func digit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
        let owner = pieces[0], id = pieces[1].prefix(while: digit)
        let ownerDigits = owner.hasPrefix("-") ? owner.dropFirst() : owner[...]
        guard !ownerDigits.isEmpty, ownerDigits.allSatisfy(digit), !id.isEmpty else { return nil }
        return (String(owner), String(id))
    }

    /// Whether rendered HTML holds a player.
    public static func appears(in html: String) -> Bool { Bytes.contains(html, "<figure class=\"video-embed\"") }

    /// The markup: a figure the script upgrades, a link everywhere else.
    public var html: String {
        let e = HTMLEscape.escape
        return "<figure class=\"video-embed\" data-player=\"\(e(player))\" data-host=\"\(e(host))\">"
            + "<a class=\"video-link\" href=\"\(e(url))\">\(e(title))</a>"
            + "<figcaption>Видео на сайте \(e(host)).</figcaption></figure>\n"
    }
}
