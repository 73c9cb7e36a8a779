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

    /// The data of the theme's `rss.mustache` and `atom.mustache`. Every text is plain
    /// (tags dropped); the RSS description is escaped once here and once by the template,
    /// because readers render it as HTML.
    static func feedContext(_ content: SiteContent, base: String, items: [NewsItem]) -> [String: Any] {
        let s = content.settings
        var context: [String: Any] = [
            "title": plainText("Новости — \(s.title), \(s.organization.displayName)"),
            "description_html": HTMLEscape.escape(plainText("Новости наставничества: \(s.organization.name)")),
            "author": plainText(s.organization.name),
            "link": base + "news/", "rss_self": base + "news/rss.xml", "atom_self": base + "news/atom.xml",
            "updated_rfc3339": items.first.map { rfc3339($0.date) } ?? "2000-01-01T00:00:00+03:00",
            "items": items.map { n -> [String: Any] in
                let summary = plainText(n.summary ?? n.title)
                return ["title": plainText(n.title), "link": base + SiteURLs.news(n.slug),
                        "date_rfc822": rfc822(n.date), "date_rfc3339": rfc3339(n.date),
                        "summary": summary, "summary_html": HTMLEscape.escape(summary), "tags": n.tags.map(plainText)]
            },
        ]
        // Absent, not empty, when there is no news: Mustache would open a section for "".
        if let latest = items.first { context["updated_rfc822"] = rfc822(latest.date) }
        return context
    }

    /// - Parameter modified: when a page last changed, where the content says (news dates).
    static func sitemapContext(base: String, paths: [String], modified: [String: DayDate] = [:]) -> [String: Any] {
        // An absent key, not an empty string: Mustache opens a section for "".
        ["urls": paths.map { path -> [String: Any] in
            var url: [String: Any] = ["loc": base + path]
            if let date = modified[path] { url["lastmod"] = date.iso }
            return url
        }]
    }

    static func robotsContext(base: String?) -> [String: Any] {
        base.map { ["sitemap": $0 + "sitemap.xml"] } ?? [:]
    }
}
