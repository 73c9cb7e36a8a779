import Theme

/// What every page's template receives besides its own fields: the frame of `base`.
struct Chrome: TemplateModel {
    var root: String
    @Prose var title: String
    var pagePath: String
    var breadcrumbs: Breadcrumbs?
    var share: Share
    var isHome: Bool
    var site: SiteInfo
    var nav: [NavItem]
    var canonical: String
    var feedHref: String
    var atomHref: String
    @Prose var buildDate: String
    var visionHref: String
    var vision = false
    var hasVideo = false

    static let fields = Fields<Chrome>([
        .text("root", "relative path to the site root: `./`, `../`, `../../`") { $0.root },
        .text("title", "the page title") { $0.title },
        .text("page_path", "the page's site-relative path (`news/x/`, empty for the main page)") { $0.pagePath },
        .flag("is_home", "true on the main page") { $0.isHome },
        .model("site", "from `site.yml`") { $0.site },
        .list("nav", "the sections that have content, then pages, then search") { $0.nav },
        .text("canonical", "absolute URL of the page when `base_url` is set (also `og:url`)") { $0.canonical },
        .model("breadcrumbs", "from «Главная» to the page's section; absent on the main page and `404`") { $0.breadcrumbs },
        .model("share", "what a link preview in VK and messengers shows (Open Graph, Twitter card)") { $0.share },
        .flag("has_video", "true when a Markdown body of the page has a video player; `base` then loads `assets/video.js`") { $0.hasVideo },
        .text("feed_href", "link to the RSS feed (when there are news and `base_url`)") { $0.feedHref },
        .text("atom_href", "link to the Atom feed (when there are news and `base_url`)") { $0.atomHref },
        .text("build_date", "the build date, `26.11.2026`") { $0.buildDate },
        .flag("vision", "true in the copy for the visually impaired") { $0.vision },
        .text("vision_href", "link to the same page in the other version") { $0.visionHref },
    ])
}

struct SiteInfo: TemplateModel {
    var curators: [Person]
    @Prose var title: String
    @Prose var organization: String
    @Prose var shortName: String
    @Prose var region: String
    @Prose var municipality: String
    var orgURL: String
    @Prose var description: String
    var year: String

    static let fields = Fields<SiteInfo>([
        .text("title") { $0.title },
        .text("organization", "the organisation's full name") { $0.organization },
        .text("short_name", "its short name") { $0.shortName },
        .text("region") { $0.region },
        .text("municipality") { $0.municipality },
        .text("org_url", "the organisation's own site") { $0.orgURL },
        .text("description") { $0.description },
        .text("year", "the build year") { $0.year },
        .list("curators", "curators, for every page's footer") { $0.curators },
    ])
}

/// A section of the site in the menu.
struct NavItem: TemplateModel {
    var path: String
    @Prose var title: String
    var href: String
    var current: Bool

    static let fields = Fields<NavItem>([
        .text("title") { $0.title }, .text("href") { $0.href },
        .text("path", "the section's site-relative path") { $0.path },
        .flag("current", "the page is in this section") { $0.current },
    ])
}

/// A section of the site in a list on a page (`home`, `search`, `404`).
struct SectionLink: TemplateModel {
    var path: String
    @Prose var title: String
    var href: String

    static let fields = Fields<SectionLink>([
        .text("title") { $0.title }, .text("href") { $0.href }, .text("path") { $0.path },
    ])
}

struct Breadcrumbs: TemplateModel {
    var items: [Link]
    @Prose var current: String

    static let fields = Fields<Breadcrumbs>([
        .list("items", "from «Главная» to the page's section") { $0.items },
        .text("current", "this page's title") { $0.current },
    ])
}

/// Open Graph and Twitter card data.
struct Share: TemplateModel {
    @Prose var title: String
    @Prose var siteName: String
    @Prose var description: String
    @Prose var type: String
    var image = ""
    @Prose var imageAlt = ""
    var imageWidth = ""
    var imageHeight = ""

    static let fields = Fields<Share>([
        .text("title") { $0.title },
        .text("description", "the page's summary, else its first words, else `site.description`; up to 300 characters") { $0.description },
        .text("type", "`article` for one case, news item, mentor, programme or page, `website` otherwise") { $0.type },
        .text("site_name") { $0.siteName },
        .text("image", "for a case or news cover or a mentor photo: the largest JPEG/PNG size; absolute when `base_url` is set") { $0.image },
        .text("image_alt") { $0.imageAlt },
        .text("image_width") { $0.imageWidth },
        .text("image_height") { $0.imageHeight },
    ])
}

/// A curator or responsible person: role, name (empty for a role-only entry), contacts.
struct Person: TemplateModel {
    @Prose var name: String
    @Prose var role: String
    @Prose var position: String
    var phone: String
    var email: String
    @Prose var hours: String
    var photo: String
    @Prose var photoAlt: String
    var photoImage: PictureModel?
    var phoneHref: String

    static let fields = Fields<Person>([
        .text("role") { $0.role },
        .text("name", "empty for a role-only entry") { $0.name },
        .text("position") { $0.position },
        .text("phone") { $0.phone },
        .text("phone_href", "the number for `tel:`") { $0.phoneHref },
        .text("email") { $0.email },
        .text("hours", "reception hours") { $0.hours },
        .text("photo") { $0.photo },
        .text("photo_alt") { $0.photoAlt },
        .model("photo_image") { $0.photoImage },
    ])
}

/// A picture for the `image` partial.
struct PictureModel: TemplateModel {
    var src: String
    @Prose var alt: String
    var sizes: String
    var lazy: Bool
    var width = ""
    var height = ""
    var srcset = ""
    var webpSrcset = ""
    var className = ""

    static let fields = Fields<PictureModel>([
        .text("src") { $0.src },
        .text("srcset", "JPEG/PNG sizes") { $0.srcset },
        .text("webp_srcset", "WebP sizes") { $0.webpSrcset },
        .text("sizes") { $0.sizes },
        .text("width") { $0.width },
        .text("height") { $0.height },
        .text("alt") { $0.alt },
        .flag("lazy", "false for the one at the top of a page") { $0.lazy },
        .text("class", "`cover` or `portrait` at the top of a page") { $0.className },
    ])
}

/// Links between the pages of a list.
struct Pagination: TemplateModel {
    var current: Int
    var count: Int
    var prev: String
    var next: String
    var pages: [PageLink]

    static let fields = Fields<Pagination>([
        .number("current") { $0.current }, .number("count") { $0.count },
        .text("prev") { $0.prev }, .text("next") { $0.next }, .list("pages") { $0.pages },
    ])
}

struct PageLink: TemplateModel {
    var number: Int
    var href: String
    var current: Bool
    /// Stands for page numbers left out («…»): a long list shows the first, the last and those
    /// around the current page.
    var gap = false

    static let fields = Fields<PageLink>([
        .number("number") { $0.number }, .text("href") { $0.href }, .flag("current") { $0.current },
        .flag("gap") { $0.gap },
    ])
}

struct FacetGroup: TemplateModel {
    @Prose var title: String
    var items: [FacetLink]

    static let fields = Fields<FacetGroup>([.text("title") { $0.title }, .list("items") { $0.items }])
}

struct FacetLink: TemplateModel {
    @Prose var label: String
    var href: String
    var count: Int
    var current: Bool

    static let fields = Fields<FacetLink>([
        .text("label") { $0.label }, .text("href") { $0.href }, .number("count") { $0.count }, .flag("current") { $0.current },
    ])
}
