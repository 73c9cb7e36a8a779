import Domain
import Foundation
import Markdown
import Mustache

/// A theme: Mustache templates and static assets, looked up first in the site's own
/// theme folder and then in `default`, so a site overrides any single file by name.
/// `default` is carried inside the program (Scripts/embed.py); a `themes/default` folder
/// beside the site, or under $NASTAVNIK_THEMES, overrides the built-in copy file by file.
public struct Theme: Sendable {
    /// Folders on disk, searched in order; the first holds the site's overrides. Empty for
    /// a site that uses only the built-in theme.
    public let folders: [URL]
    private let library: MustacheLibrary
    /// Template name → file it was loaded from (`встроенная тема:…` for built-in ones).
    public let templateFiles: [String: String]
    /// Every asset (relative path under `assets/`) and where its bytes come from; overrides win.
    private let assetSources: [String: Asset]
    /// Whether only the partials `vision-html` and `vision-switch` depend on `vision` and
    /// `vision_href`: then the copy for the visually impaired is the page with those two
    /// fragments swapped, not a second rendering.
    public let visionInPartialsOnly: Bool

    public enum Asset: Sendable, Equatable {
        case file(URL)
        case data(Data)
    }

    public enum LoadError: Error, Sendable {
        case themeNotFound(name: String, searched: [String])
        case templateSyntax(file: String, line: Int, column: Int, message: String)
    }

    /// - Parameters:
    ///   - name: `theme` from site.yml.
    ///   - siteRoot: the folder that holds `content/` (and possibly `themes/<name>/`).
    ///   - defaultTheme: a folder that overrides the built-in default theme (tests, theme work).
    public static func load(name: String, siteRoot: URL, defaultTheme: URL? = nil) throws -> Theme {
        var folders: [URL] = []
        let own = siteRoot.appendingPathComponent("themes/\(name)")
        let defaultFolder = defaultTheme ?? locateDefault(siteRoot: siteRoot)
        if name != "default" {
            guard FileManager.default.fileExists(atPath: own.path) else {
                throw LoadError.themeNotFound(name: name, searched: [own.path])
            }
            folders.append(own)
        }
        if let defaultFolder { folders.append(defaultFolder) }
        return try Theme(folders: folders)
    }

    /// Built from `folders` (first wins) over the built-in default theme.
    public init(folders: [URL]) throws {
        self.folders = folders
        var library = MustacheLibrary()
        var files: [String: String] = [:]
        var texts: [String: String] = [:]
        var assets: [String: Asset] = [:]
        func register(_ text: String, name: String, file: String) throws {
            do {
                _ = TemplateEscaping.registered
                // The page templates are used with Russian typography on their own words (it
                // leaves the tags as they are). A syntax error is found again in the text as
                // written, so that it points into the file.
                if Self.plainTextTemplates.contains(name) {
                    library.register(try MustacheTemplate(string: TemplateEscaping.pragma + text), named: name)
                } else {
                    do {
                        library.register(try MustacheTemplate(string: TemplateEscaping.pragma + Typographer.template(text)), named: name)
                    } catch {
                        _ = try MustacheTemplate(string: TemplateEscaping.pragma + text)
                        throw error
                    }
                }
            } catch let error as MustacheTemplate.ParserError {
                // The pragma is a line of its own in front: give positions in the file as written.
                throw LoadError.templateSyntax(file: file, line: max(1, error.context.lineNumber - 1),
                                               column: error.context.columnNumber,
                                               message: (error.error as? MustacheTemplate.Error).map(Self.russian) ?? "\(error.error)")
            } catch {
                throw LoadError.templateSyntax(file: file, line: 0, column: 0, message: "\(error)")
            }
            files[name] = file
            texts[name] = text
        }
        for (path, data) in EmbeddedTheme.files {
            if path.hasPrefix("templates/"), path.hasSuffix(".mustache") {
                let name = String(path.dropFirst("templates/".count).dropLast(".mustache".count))
                try register(String(decoding: data, as: UTF8.self), name: name, file: "встроенная тема default: " + path)
            } else if path.hasPrefix("assets/") {
                assets[String(path.dropFirst("assets/".count))] = .data(data)
            }
        }
        // Later folders first, so that earlier ones (overrides) replace them.
        for folder in folders.reversed() {
            let templates = folder.appendingPathComponent("templates")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: templates.path)) ?? []
            for file in names.sorted() where file.hasSuffix(".mustache") {
                let path = templates.appendingPathComponent(file)
                let text = (try? String(contentsOf: path, encoding: .utf8)) ?? ""
                try register(text, name: String(file.dropLast(9)), file: path.path)
            }
            let root = folder.appendingPathComponent("assets").standardizedFileURL
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                let path = url.standardizedFileURL.path
                assets[String(path.dropFirst(root.path.count + 1))] = .file(url)
            }
        }
        self.library = library
        self.templateFiles = files
        self.assetSources = assets
        let partials = ["vision-html", "vision-switch"]
        visionInPartialsOnly = partials.allSatisfy { texts[$0] != nil } && texts.allSatisfy { name, text in
            partials.contains(name) || !partials.reduce(text, { $0.replacingOccurrences(of: $1, with: "") }).contains("vision")
        }
    }

    static func russian(_ error: MustacheTemplate.Error) -> String {
        switch error {
        case .sectionCloseNameIncorrect: return "закрывающий тег {{/…}} не совпадает с открытой секцией"
        case .unfinishedName: return "тег {{…}} не закрыт или в имени недопустимые символы"
        case .expectedSectionEnd: return "секция {{#…}} не закрыта тегом {{/…}}"
        case .invalidSetDelimiter: return "неверный тег смены разделителей {{=… …=}}"
        case .transformAppliedToInheritanceSection: return "к наследуемому блоку нельзя применить преобразование"
        case .illegalTokenInsideInheritSection, .textInsideInheritSection:
            return "внутри {{<…}} … {{/…}} допустимы только блоки {{$…}}"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable: return "неизвестная или неверная настройка {{% … }}"
        }
    }

    /// Feeds, sitemap and robots.txt are not prose.
    static let plainTextTemplates: Set<String> = ["rss", "atom", "sitemap", "robots"]

    public func has(_ template: String) -> Bool { library.getTemplate(named: template) != nil }

    /// Renders `template` with `context`; nil when the theme has no such template.
    public func render(_ template: String, _ model: any TemplateModel) -> String? {
        library.render(model, withTemplate: template)
    }

    /// Every asset (relative path under `assets/`) with where its bytes come from; overrides win.
    public func assets() -> [(relative: String, source: Asset)] {
        assetSources.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// For `--verbose`: where the default theme comes from.
    public static func describeDefault(siteRoot: URL) -> String {
        locateDefault(siteRoot: siteRoot).map { "тема default из папки \($0.path)" } ?? "тема default встроена в программу"
    }

    /// A folder that overrides the built-in default: `themes/default` beside the site, or
    /// `$NASTAVNIK_THEMES/default` (for working on the theme itself).
    static func locateDefault(siteRoot: URL) -> URL? {
        var candidates = [siteRoot.appendingPathComponent("themes/default")]
        if let env = ProcessInfo.processInfo.environment["NASTAVNIK_THEMES"], !env.isEmpty {
            candidates.append(URL(fileURLWithPath: env).appendingPathComponent("default"))
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("templates").path) }
    }
}

/// The built-in default theme's files, decoded once.
public enum EmbeddedTheme {
    public static let files: [(path: String, data: Data)] = EmbeddedThemeFiles.base64.map {
        ($0.path, Data(base64Encoded: $0.data) ?? Data())
    }

    /// Writes the built-in theme into `folder` (`nastavnik theme export`), never over existing files.
    public static func export(to folder: URL) throws -> Int {
        let fm = FileManager.default
        for (path, _) in files where fm.fileExists(atPath: folder.appendingPathComponent(path).path) {
            throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: folder.appendingPathComponent(path).path])
        }
        for (path, data) in files {
            let url = folder.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        return files.count
    }
}
