import Domain
import Theme

/// `rss.mustache` and `atom.mustache`. Every text is plain (tags dropped, no typography).
struct FeedModel: TemplateModel, Equatable, Codable {
    var title: String
    var descriptionHTML: String
    var author: String
    var link: String
    var rssSelf: String
    var atomSelf: String
    var updatedRFC3339: String
    var updatedRFC822: String
    var items: [FeedItem]

    static let fields = Fields<FeedModel>([
        .text("title") { $0.title },
        .html("description_html", "escaped once here and once by the template: readers render it as HTML") { $0.descriptionHTML },
        .text("author") { $0.author }, .text("link", "the news list") { $0.link },
        .text("rss_self") { $0.rssSelf }, .text("atom_self") { $0.atomSelf },
        .text("updated_rfc822", "the newest item's date; absent without news") { $0.updatedRFC822 },
        .text("updated_rfc3339") { $0.updatedRFC3339 }, .list("items", "the 50 newest") { $0.items },
    ])
}

struct FeedItem: TemplateModel, Equatable, Codable {
    var title: String
    var link: String
    var dateRFC822: String
    var dateRFC3339: String
    var summary: String
    var summaryHTML: String
    var tags: [String]

    static let fields = Fields<FeedItem>([
        .text("title") { $0.title }, .text("link") { $0.link }, .text("date_rfc822") { $0.dateRFC822 },
        .text("date_rfc3339") { $0.dateRFC3339 }, .text("summary") { $0.summary },
        .html("summary_html") { $0.summaryHTML }, .texts("tags") { $0.tags },
    ])
}

struct SitemapModel: TemplateModel, Equatable, Codable {
    var urls: [SitemapURL]
    static let fields = Fields<SitemapModel>([.list("urls") { $0.urls }])
}

struct SitemapURL: TemplateModel, Equatable, Codable {
    var loc: String
    var lastmod = ""
    static let fields = Fields<SitemapURL>([
        .text("loc") { $0.loc }, .text("lastmod", "where the content says when the page changed (news dates)") { $0.lastmod },
    ])
}

// The fingerprints a build keeps of the feeds' and sitemap's models (`SiteRender.extras`):
// hashed field by field, not encoded (the sitemap of 10,000 pages took 15 ms through `Codable`).
extension FeedModel {
    var fingerprint: Fingerprint {
        var hasher = StableHasher()
        for field in [title, descriptionHTML, author, link, rssSelf, atomSelf, updatedRFC3339, updatedRFC822] { hasher.combine(field) }
        hasher.combine(items.count)
        for item in items {
            for field in [item.title, item.link, item.dateRFC822, item.dateRFC3339, item.summary, item.summaryHTML] { hasher.combine(field) }
            hasher.combine(item.tags.count)
            for tag in item.tags { hasher.combine(tag) }
        }
        return hasher.finalize()
    }
}

extension SitemapModel {
    var fingerprint: Fingerprint {
        var hasher = StableHasher()
        hasher.combine(urls.count)
        for url in urls {
            hasher.combine(url.loc)
            hasher.combine(url.lastmod)
        }
        return hasher.finalize()
    }
}

struct RobotsModel: TemplateModel {
    var sitemap: String
    static let fields = Fields<RobotsModel>([.text("sitemap", "the sitemap's address; absent without `base_url`") { $0.sitemap }])
}

/// `report.mustache`: the bank's report to schools. Its texts are typeset where they are
/// made (`BankReport.context`), since file names and values inside messages must not be.
struct ReportModel: TemplateModel {
    var title: String
    var date: String
    var total: Int
    var built: Int
    var excluded: Int
    var schools: [ReportSchool]
    var bankDiagnostics: [ReportFinding]

    static let fields = Fields<ReportModel>([
        .text("title") { $0.title }, .text("date") { $0.date }, .number("total", "schools") { $0.total },
        .number("built", "schools published") { $0.built }, .number("excluded", "schools left out for errors") { $0.excluded },
        .list("schools") { $0.schools }, .list("bank_diagnostics", "findings of the bank's own files") { $0.bankDiagnostics },
    ])
}

struct ReportSchool: TemplateModel {
    var id: String
    var organization: String
    var folder: String
    var municipality: String
    var built: Bool
    var practices: Int
    var errors: Int
    var warnings: Int
    var diagnostics: [ReportFinding]
    var clean: Bool
    var submissions: [ReportSubmission]

    static let fields = Fields<ReportSchool>([
        .text("id") { $0.id }, .text("organization") { $0.organization }, .text("folder", "relative to the bank's folder") { $0.folder },
        .text("municipality") { $0.municipality }, .flag("built", "published") { $0.built },
        .number("practices") { $0.practices }, .number("errors") { $0.errors }, .number("warnings") { $0.warnings },
        .list("diagnostics") { $0.diagnostics }, .flag("clean", "no findings") { $0.clean },
        .list("submissions", "the expert decisions on its practices, when there are any") { $0.submissions },
    ])
}

struct ReportSubmission: TemplateModel {
    var title: String
    var key: String
    var decision: String
    var score: String
    var comment: String

    static let fields = Fields<ReportSubmission>([
        .text("title") { $0.title }, .text("key", "`school/slug`") { $0.key },
        .text("decision", "«отобрана», «на рассмотрении», «отклонена», «решения нет»") { $0.decision },
        .text("score") { $0.score }, .text("comment") { $0.comment },
    ])
}

struct ReportFinding: TemplateModel {
    var place: String
    var error: Bool
    var severity: String
    var message: [TextPiece]
    var hint: [TextPiece]
    var rule: String

    static let fields = Fields<ReportFinding>([
        .text("place", "`file:line:column`") { $0.place }, .flag("error") { $0.error },
        .text("severity", "«Ошибка» or «Предупреждение»") { $0.severity },
        .list("message", "text and code pieces") { $0.message }, .list("hint") { $0.hint },
        .text("rule", "the rule id") { $0.rule },
    ])
}

/// A piece of a message: words, or a quoted file name or value shown as code.
struct TextPiece: TemplateModel {
    var text: String
    var code: Bool
    static let fields = Fields<TextPiece>([.text("text") { $0.text }, .flag("code") { $0.code }])
}
