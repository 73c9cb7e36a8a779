import Domain
import Foundation
import Markdown
#if canImport(Glibc)
import Glibc
#endif

/// The schools of a bank: every folder matching `sources`, each loaded and checked on its
/// own and on all cores, so one school's errors or size never hold up the others.
public struct LoadedBank: Sendable {
    public var bank: Bank
    /// The bank's own findings: patterns that match nothing, duplicate practices.
    public var diagnostics: [Diagnostic]
    /// Every school's decoded files, for showing offending lines in the report.
    public var sources: [String: SourceFile]
    /// Each school's file list, in the order of `bank.schools`.
    public var files: [ContentFiles]
}

public enum BankLoader {
    /// - Parameters:
    ///   - root: the bank's content folder (where its site.yml is); patterns are relative to it.
    ///   - shownRoot: how that folder is shown in messages.
    ///   - check: further checks of a loaded school (its id, content, files), run on the same core.
    ///   - progress: schools checked so far and in all, as they finish.
    public static func load(root: URL, shownRoot: String, settings: SiteSettings, options: LoadOptions, settingsFile: String,
                            progress: (@Sendable (Int, Int) -> Void)? = nil,
                            check: @escaping @Sendable (String, SiteContent, ContentFiles) -> [Diagnostic] = { _, _, _ in [] }) -> LoadedBank {
        var diagnostics: [Diagnostic] = []
        var folders: [String] = []
        let sourcesRef = settings.sourcesOrigin ?? SourceRef(file: settingsFile, line: 1, column: 1)
        let realRoot = ContentFiles.realPath(root.path) ?? root.path
        for pattern in settings.sources {
            let matches = expand(pattern, in: root.path)
            if matches.isEmpty {
                diagnostics.append(.warning("bank.source-empty", "по шаблону `\(pattern)` не найдено ни одной папки школы",
                                            at: sourcesRef,
                                            hint: "Шаблон пишется от папки с site.yml банка, например `schools/*/content`."))
            }
            for folder in matches where !folders.contains(folder) {
                // Followed links count too: the real folder must lie inside the bank's folder.
                let real = ContentFiles.realPath(folder.hasPrefix("/") ? folder : root.path + "/" + folder) ?? folder
                if !real.hasPrefix(realRoot + "/") {
                    guard settings.sourcesOutside else {
                        diagnostics.append(.warning("bank.source-outside", "папка школы `\(folder)` лежит вне папки банка (\(real)) и не прочитана",
                                                  at: sourcesRef,
                                                  hint: "Скопируйте папку школы внутрь папки банка или, если чтение извне задумано, добавьте в site.yml `sources_outside: true`."))
                        continue
                    }
                    diagnostics.append(.info("bank.source-outside", "папка школы `\(folder)` лежит вне папки банка (\(real)); прочитана, так как `sources_outside: true`",
                                             at: sourcesRef))
                }
                folders.append(folder)
            }
        }

        let ids = uniqueIDs(folders)
        let finished = Counter()
        let loaded: [(BankSchool, [String: SourceFile], ContentFiles)] = Array(zip(folders, ids)).parallelMap { folder, id in
            let shown = shownRoot.isEmpty ? folder : shownRoot + "/" + folder
            let result = ContentLoader.load(root.appendingPathComponent(folder), shownAs: shown, options: options)
            var found = result.diagnostics
            if let content = result.content, content.settings.kind == .bank {
                found.append(.error("bank.nested", "папка школы сама описана как банк практик (`kind: bank`)",
                                    at: SourceRef(file: shown + "/site.yml", line: 1, column: 1),
                                    hint: "В `sources` указывают папки content школ, а не другого банка."))
            }
            if !found.hasErrors, let content = result.content { found += check(id, content, result.files) }
            let content = found.hasErrors ? nil : result.content
            progress?(finished.next(), ids.count)
            return (BankSchool(id: id, folder: shown, content: content, diagnostics: found, settings: result.content?.settings),
                    result.sources, result.files)
        }
        var schools = loaded.map(\.0)
        var sources: [String: SourceFile] = [:]
        for (_, files, _) in loaded { sources.merge(files) { a, _ in a } }

        // The same practice sent twice (same organisation, same title) is published once.
        var practices: [Practice] = []
        var seen: [String: SourceRef] = [:]
        for (s, school) in schools.enumerated() {
            guard let content = school.content else { continue }
            for (c, item) in content.cases.enumerated() {
                let key = RussianFold.fold(content.settings.organization.name) + "\u{1F}" + RussianFold.fold(item.title)
                if let first = seen[key] {
                    let duplicate = Diagnostic.warning("bank.duplicate-practice",
                                                       "практика «\(item.title)» организации «\(school.name)» уже есть в банке: \(first.file); опубликована один раз",
                                                       at: item.origin, hint: "Удалите повторный файл или измените название, если это другая практика.")
                    schools[s].diagnostics.append(duplicate)
                    continue
                }
                seen[key] = item.origin
                practices.append(Practice(school: s, caseIndex: c))
            }
        }
        return LoadedBank(bank: Bank(schools: schools, practices: practices), diagnostics: diagnostics, sources: sources,
                          files: loaded.map(\.2))
    }

    /// A thread-safe count of finished schools.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int { lock.withLock { value += 1; return value } }
    }

    /// Folders matching a shell pattern (`schools/*/content`), relative to `base`, sorted.
    static func expand(_ pattern: String, in base: String) -> [String] {
        let absolute = pattern.hasPrefix("/") ? pattern : base + "/" + pattern
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(absolute, Int32(GLOB_ONLYDIR | GLOB_MARK), nil, &result) == 0 else { return [] }
        var out: [String] = []
        for i in 0..<Int(result.gl_pathc) {
            guard let cString = result.gl_pathv[i] else { continue }
            var path = String(cString: cString)
            while path.hasSuffix("/") { path.removeLast() }
            let prefix = base.hasSuffix("/") ? base : base + "/"
            out.append(path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path)
        }
        return out.sorted()
    }

    /// `schools/school-7/content` → `school-7`; repeated names get `-2`, `-3`.
    static func uniqueIDs(_ folders: [String]) -> [String] {
        var used: Set<String> = []
        return folders.map { folder in
            var parts = folder.split(separator: "/").map(String.init).filter { $0 != "." && $0 != ".." }
            if parts.count > 1, parts.last == "content" { parts.removeLast() }
            var id = Slug.make(parts.last ?? "school")
            if id.isEmpty { id = "school" }
            // practices/<id>/… must not land in the facet folders beside it.
            if ["form", "role", "level", "municipality", "year", "page"].contains(id) { id = "school-" + id }
            var candidate = id
            var n = 2
            while used.contains(candidate) { candidate = "\(id)-\(n)"; n += 1 }
            used.insert(candidate)
            return candidate
        }
    }
}
