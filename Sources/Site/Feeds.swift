import Domain
import Markdown
import Theme

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
    static func feedContext(_ content: SiteContent, base: String, items: [NewsItem]) -> FeedModel {
        let s = content.settings
        return FeedModel(
            title: plainText("Новости — \(s.title), \(s.organization.displayName)"),
            descriptionHTML: HTMLEscape.escape(plainText("Новости наставничества: \(s.organization.name)")),
            author: plainText(s.organization.name),
            link: base + "news/", rssSelf: base + "news/rss.xml", atomSelf: base + "news/atom.xml",
            updatedRFC3339: items.first.map { rfc3339($0.date) } ?? "2000-01-01T00:00:00+03:00",
            // Absent, not empty, when there is no news: Mustache would open a section for "".
            updatedRFC822: items.first.map { rfc822($0.date) } ?? "",
            items: items.map { n in
                let summary = plainText(n.summary ?? n.title)
                return FeedItem(title: plainText(n.title), link: base + SiteURLs.news(n.slug),
                                dateRFC822: rfc822(n.date), dateRFC3339: rfc3339(n.date),
                                summary: summary, summaryHTML: HTMLEscape.escape(summary), tags: n.tags.map(plainText))
            })
    }

    /// - Parameter modified: when a page last changed, where the content says (news dates).
    static func sitemapContext(base: String, paths: [String], modified: [String: DayDate] = [:]) -> SitemapModel {
        SitemapModel(urls: paths.map { SitemapURL(loc: base + $0, lastmod: modified[$0]?.iso ?? "") })
    }

    static func robotsContext(base: String?) -> RobotsModel {
        RobotsModel(sitemap: base.map { $0 + "sitemap.xml" } ?? "")
    }
}
