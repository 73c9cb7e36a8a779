import Domain
import Foundation

/// Every URL of the site is a path relative to the site root (`news/slug/`); pages link to
/// each other relatively (`../../news/slug/`), so the output works at a domain root, in a
/// sub-folder and opened from disk. Absolute URLs (feeds, sitemap) prefix `base_url`.
public struct SiteURLs: Sendable {
    public let baseURL: String?

    public init(baseURL: String?) { self.baseURL = baseURL }

    /// `../` repeated for the page's depth; `./` at the root.
    public static func root(forPath path: String) -> String {
        let depth = path.split(separator: "/").count
        return depth == 0 ? "./" : String(repeating: "../", count: depth)
    }

    /// The output file for a page path: `news/x/` → `news/x/index.html`.
    public static func file(forPath path: String) -> String {
        if path.isEmpty { return "index.html" }
        if path.hasSuffix("/") { return path + "index.html" }
        return path
    }

    /// The path part of `base_url` (`/nastavnichestvo/`), for pages served at unknown depth.
    public var absolutePath: String? {
        guard let baseURL, let url = URL(string: baseURL) else { return nil }
        let path = url.path
        return path.hasSuffix("/") ? path : path + "/"
    }

    public func absolute(_ path: String) -> String? {
        baseURL.map { $0 + path }
    }

    /// The pre-rendered version for the visually impaired: the whole site again, one folder down.
    public static let visionFolder = "sv/"

    public static func news(_ slug: String) -> String { "news/\(slug)/" }
    /// Page `n` of a paginated list whose first page is `base` (`news/`, `cases/form/x/`).
    public static func listing(_ base: String, page: Int) -> String { page <= 1 ? base : base + "page/\(page)/" }
    public static func caseURL(_ slug: String) -> String { "cases/\(slug)/" }
    public static func mentor(_ slug: String) -> String { "mentors/\(slug)/" }
    public static func program(_ slug: String) -> String { "programs/\(slug)/" }
    public static func page(_ slug: String) -> String { "\(slug)/" }
    public static func formFacet(_ form: MentoringForm) -> String { "cases/form/\(form.slug)/" }
}
