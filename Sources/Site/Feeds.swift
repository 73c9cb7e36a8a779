import Domain
import Markdown

/// RSS 2.0, Atom, sitemap and robots.txt: all need absolute URLs, so they exist only
/// when the site knows its `base_url`. RSS descriptions are HTML to a reader, so their
/// plain text is escaped twice (once for the HTML, once for the XML); Atom says `type="text"`.
enum Feeds {
    /// RFC 822 date at midnight Moscow time: `Tue, 01 Sep 2024 00:00:00 +0300`.
    static func rfc822(_ d: DayDate) -> String {
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(days[d.weekday]), \(d.day < 10 ? "0" : "")\(d.day) \(months[d.month - 1]) \(d.year) 00:00:00 +0300"
    }

    static func rfc3339(_ d: DayDate) -> String { "\(d.iso)T00:00:00+03:00" }

    /// A summary as plain text for a feed: markup-looking pieces dropped, spaces collapsed.
    /// Feed readers render RSS `<description>` as HTML, so text must never carry tags.
    static func plainText(_ text: String) -> String {
        var out = ""
        var inTag = false
        for ch in text {
            if ch == "<" { inTag = true; continue }
            if inTag { if ch == ">" { inTag = false }; continue }
            out.append(ch)
        }
        return out.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }

    static func rss(_ content: SiteContent, base: String, items: [NewsItem]) -> String {
        let e = HTMLEscape.escape
        let s = content.settings
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n"
        // Titles and categories are plain text in RSS: with every tag removed, escaping once is enough.
        out += "<title>\(e(plainText("Новости — \(s.title), \(s.organization.displayName)")))</title>\n"
        out += "<link>\(e(base + "news/"))</link>\n"
        out += "<description>\(e(e(plainText("Новости наставничества: \(s.organization.name)"))))</description>\n"
        out += "<language>ru</language>\n"
        out += "<atom:link href=\"\(e(base + "news/rss.xml"))\" rel=\"self\" type=\"application/rss+xml\"/>\n"
        if let latest = items.first { out += "<lastBuildDate>\(rfc822(latest.date))</lastBuildDate>\n" }
        for n in items {
            let link = base + SiteURLs.news(n.slug)
            out += "<item>\n<title>\(e(plainText(n.title)))</title>\n<link>\(e(link))</link>\n<guid isPermaLink=\"true\">\(e(link))</guid>\n"
            out += "<pubDate>\(rfc822(n.date))</pubDate>\n<description>\(e(e(plainText(n.summary ?? n.title))))</description>\n"
            for tag in n.tags { out += "<category>\(e(plainText(tag)))</category>\n" }
            out += "</item>\n"
        }
        return out + "</channel>\n</rss>\n"
    }

    static func atom(_ content: SiteContent, base: String, items: [NewsItem]) -> String {
        let e = HTMLEscape.escape
        let s = content.settings
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ru\">\n"
        out += "<title type=\"text\">\(e(plainText("Новости — \(s.title), \(s.organization.displayName)")))</title>\n"
        out += "<id>\(e(base + "news/"))</id>\n"
        out += "<link href=\"\(e(base + "news/"))\"/>\n<link rel=\"self\" href=\"\(e(base + "news/atom.xml"))\"/>\n"
        out += "<updated>\(items.first.map { rfc3339($0.date) } ?? "2000-01-01T00:00:00+03:00")</updated>\n"
        out += "<author><name>\(e(plainText(s.organization.name)))</name></author>\n"
        for n in items {
            let link = base + SiteURLs.news(n.slug)
            out += "<entry>\n<title type=\"text\">\(e(plainText(n.title)))</title>\n<link href=\"\(e(link))\"/>\n<id>\(e(link))</id>\n"
            out += "<updated>\(rfc3339(n.date))</updated>\n<published>\(rfc3339(n.date))</published>\n"
            out += "<summary type=\"text\">\(e(plainText(n.summary ?? n.title)))</summary>\n</entry>\n"
        }
        return out + "</feed>\n"
    }

    /// - Parameter modified: when a page last changed, where the content says (news dates).
    static func sitemap(base: String, paths: [String], modified: [String: DayDate] = [:]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in paths {
            let lastmod = modified[path].map { "<lastmod>\($0.iso)</lastmod>" } ?? ""
            out += "<url><loc>\(HTMLEscape.escape(base + path))</loc>\(lastmod)</url>\n"
        }
        return out + "</urlset>\n"
    }

    static func robots(base: String?) -> String {
        var out = "User-agent: *\nAllow: /\n"
        if let base { out += "Sitemap: \(base)sitemap.xml\n" }
        return out
    }
}
