import Domain
import Foundation
import Mustache

/// A theme: Mustache templates and static assets, looked up first in the site's own
/// theme folder and then in `default`, so a site overrides any single file by name.
public struct Theme: Sendable {
    /// Folders searched in order; the first holds the site's overrides.
    public let folders: [URL]
    private let library: MustacheLibrary
    /// Template name → file it was loaded from, for docs and error messages.
    public let templateFiles: [String: String]
    /// Whether only the partials `vision-html` and `vision-switch` depend on `vision` and
    /// `vision_href`: then the copy for the visually impaired is the page with those two
    /// fragments swapped, not a second rendering.
    public let visionInPartialsOnly: Bool

    public enum LoadError: Error, Sendable {
        case defaultThemeNotFound(searched: [String])
        case themeNotFound(name: String, searched: [String])
        case templateSyntax(file: String, line: Int, column: Int, message: String)
    }

    /// - Parameters:
    ///   - name: `theme` from site.yml.
    ///   - siteRoot: the folder that holds `content/` (and possibly `themes/<name>/`).
    public static func load(name: String, siteRoot: URL, defaultTheme: URL? = nil) throws -> Theme {
        guard let defaultFolder = defaultTheme ?? locateDefault(siteRoot: siteRoot) else {
            throw LoadError.defaultThemeNotFound(searched: defaultSearchPath(siteRoot: siteRoot).map(\.path))
        }
        var folders: [URL] = []
        let own = siteRoot.appendingPathComponent("themes/\(name)")
        if own.standardizedFileURL != defaultFolder.standardizedFileURL, FileManager.default.fileExists(atPath: own.path) {
            folders.append(own)
        } else if name != "default" {
            throw LoadError.themeNotFound(name: name, searched: [own.path])
        }
        folders.append(defaultFolder)
        return try Theme(folders: folders)
    }

    public init(folders: [URL]) throws {
        self.folders = folders
        var library = MustacheLibrary()
        var files: [String: String] = [:]
        var texts: [String: String] = [:]
        // Later folders first, so that earlier ones (overrides) replace them.
        for folder in folders.reversed() {
            let templates = folder.appendingPathComponent("templates")
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: templates.path) else { continue }
            for file in names.sorted() where file.hasSuffix(".mustache") {
                let path = templates.appendingPathComponent(file)
                let text = (try? String(contentsOf: path, encoding: .utf8)) ?? ""
                do {
                    _ = TemplateEscaping.registered
                    library.register(try MustacheTemplate(string: TemplateEscaping.pragma + text), named: String(file.dropLast(9)))
                } catch let error as MustacheTemplate.ParserError {
                    // The pragma is a line of its own in front: give positions in the file as written.
                    throw LoadError.templateSyntax(file: path.path, line: max(1, error.context.lineNumber - 1),
                                                   column: error.context.columnNumber,
                                                   message: (error.error as? MustacheTemplate.Error).map(Self.russian) ?? "\(error.error)")
                } catch {
                    throw LoadError.templateSyntax(file: path.path, line: 0, column: 0, message: "\(error)")
                }
                files[String(file.dropLast(9))] = path.path
                texts[String(file.dropLast(9))] = text
            }
        }
        self.library = library
        self.templateFiles = files
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

    public func has(_ template: String) -> Bool { library.getTemplate(named: template) != nil }

    /// Renders `template` with `context`; nil when the theme has no such template.
    public func render(_ template: String, _ context: [String: Any]) -> String? {
        library.render(context, withTemplate: template)
    }

    /// Every asset (relative path under `assets/`) with the folder it comes from; overrides win.
    public func assets() -> [(relative: String, source: URL)] {
        var found: [String: URL] = [:]
        for folder in folders.reversed() {
            let root = folder.appendingPathComponent("assets").standardizedFileURL
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                let path = url.standardizedFileURL.path
                found[String(path.dropFirst(root.path.count + 1))] = url
            }
        }
        return found.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Where the default theme may be: next to the site, in $NASTAVNIK_THEMES, next to the
    /// executable or above it (a checkout's `.build/debug`), or in the installed share folder.
    static func defaultSearchPath(siteRoot: URL) -> [URL] {
        var candidates: [URL] = [siteRoot.appendingPathComponent("themes/default")]
        if let env = ProcessInfo.processInfo.environment["NASTAVNIK_THEMES"] {
            candidates.append(URL(fileURLWithPath: env).appendingPathComponent("default"))
        }
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir.appendingPathComponent("themes/default"))
            candidates.append(dir.appendingPathComponent("share/nastavnik/themes/default"))
            dir = dir.deletingLastPathComponent()
        }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("themes/default"))
        candidates.append(URL(fileURLWithPath: "/usr/local/share/nastavnik/themes/default"))
        return candidates
    }

    static func locateDefault(siteRoot: URL) -> URL? {
        defaultSearchPath(siteRoot: siteRoot).first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("templates/base.mustache").path)
        }
    }
}
