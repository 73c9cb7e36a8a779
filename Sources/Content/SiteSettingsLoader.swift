import Domain
import Foundation

enum SiteSettingsLoader {
    static let keys = ["title", "description", "organization", "base_url", "curator", "curators", "responsible", "limits",
                       "model_adopted", "theme", "kind",
                       "markdown", "images", "sources", "sources_outside", "news_per_page", "language"]

    static func load(_ file: SourceFile, sink: DiagnosticSink, files: ContentFiles) -> SiteSettings? {
        let (node, diagnostics) = YAMLParser.parse(file.text, file: file.path)
        sink.add(contentsOf: diagnostics)
        guard !diagnostics.hasErrors else { return nil }
        let root = node ?? YAMLNode(value: .mapping([]), ref: SourceRef(file: file.path, line: 1, column: 1))
        guard var f = FieldReader(root, sink: sink, what: "site.yml")?.reportingMissing(at: SourceRef(file: file.path, line: 1, column: 1))
        else { return nil }

        let title = f.string("title", required: true, describe: "заголовок сайта, например «Наставничество»")
        let kind = f.choice("kind", SiteKind.self) ?? .site
        var organization: Organization?
        if var o = f.mapping("organization", what: "организация") {
            let name = o.string("name", required: true, describe: "полное наименование организации")
            let orgKind = o.choice("kind", OrganizationKind.self, required: true, describe: "тип организации")
            let urlRef = o.node("url")?.ref ?? o.ref
            let url = o.string("url").flatMap { checkURL($0, key: "organization.url", at: urlRef, sink: sink) }
            let org = Organization(name: name ?? "", shortName: o.string("short_name"), kind: orgKind ?? .school,
                                   region: o.string("region"), municipality: o.string("municipality"), url: url)
            o.finish(allowed: ["name", "short_name", "kind", "region", "municipality", "url"])
            if name != nil, orgKind != nil { organization = org }
        } else {
            sink.error("field.required", "нет обязательного поля `organization` (сведения об организации)",
                       at: SourceRef(file: file.path, line: 1, column: 1),
                       hint: "Добавьте `organization:` с полями `name`, `short_name`, `kind`, `region`, `municipality`.")
        }

        var baseURL: String?
        if let node = f.node("base_url"), let raw = node.scalar?.trimmingSpaces {
            // Characters that would end an attribute or a tag are never part of a site's address.
            if !raw.contains(where: { "\"'<>` \\".contains($0) || $0.isNewline }),
               let url = URL(string: raw), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil {
                baseURL = raw.hasSuffix("/") ? raw : raw + "/"
            } else {
                sink.error("site.base-url", "`base_url` должен быть полным адресом сайта вида `https://school.example.ru/nastavnichestvo/`, а не «\(raw)»",
                           at: node.ref)
            }
        }

        // `curator:` (v1, one) and `curators:` (v2, a list) both read; one is a list of one.
        var curators: [Curator] = []
        if let node = f.node("curator") {
            if case .sequence(let items) = node.value {
                curators += items.compactMap { PersonFields.person($0, what: "куратор", sink: sink, files: files) }
            } else if let person = PersonFields.person(node, what: "куратор", sink: sink, files: files) {
                curators.append(person)
            }
        }
        for item in f.sequence("curators") ?? [] {
            if let person = PersonFields.person(item, what: "куратор", sink: sink, files: files) { curators.append(person) }
        }
        let responsible = (f.sequence("responsible") ?? []).compactMap {
            PersonFields.person($0, what: "ответственный", sink: sink, files: files)
        }
        var menteesPerMentor = 3
        if var l = f.mapping("limits", what: "limits") {
            menteesPerMentor = l.int("mentees_per_mentor", range: 1...50) ?? 3
            l.finish(allowed: ["mentees_per_mentor"])
        }
        let modelAdopted = f.date("model_adopted")
        var theme = "default"
        if let node = f.node("theme"), let name = f.string("theme") {
            // A name, not a path: `../elsewhere` would load templates and publish assets from anywhere.
            if name.range(of: "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$", options: .regularExpression) != nil {
                theme = name
            } else {
                sink.error("site.theme", "«\(name)» — не имя темы: допустимы латинские буквы, цифры, дефис и подчёркивание", at: node.ref,
                           hint: "Тема — папка themes/<имя> рядом с папкой content; укажите только имя, например `theme: school`.")
            }
        }
        var unsafeHTML = false
        if var m = f.mapping("markdown", what: "markdown") {
            unsafeHTML = m.bool("unsafe_html") ?? false
            m.finish(allowed: ["unsafe_html"])
        }
        var keepOriginal = false
        if var m = f.mapping("images", what: "images") {
            keepOriginal = m.bool("keep_original") ?? false
            m.finish(allowed: ["keep_original"])
        }
        let sourcesOrigin = f.node("sources")?.ref
        let sources = f.strings("sources")
        let sourcesOutside = f.bool("sources_outside") ?? false
        if kind == .bank, sources.isEmpty {
            sink.error("bank.no-sources", "у банка практик (`kind: bank`) не указаны `sources` — папки школ", at: f.ref,
                       hint: "Добавьте, например, `sources: [\"schools/*/content\"]`.")
        }
        let perPage = f.int("news_per_page", range: 1...200) ?? 10
        let description = f.string("description")
        _ = f.string("language")
        f.finish(allowed: keys)

        guard let title, let organization else { return nil }
        var settings = SiteSettings(title: title, organization: organization, baseURL: baseURL, curator: nil,
                            modelAdopted: modelAdopted, theme: theme, kind: kind, unsafeHTML: unsafeHTML,
                            sources: sources, newsPerPage: perPage, description: description)
        settings.sourcesOrigin = sourcesOrigin
        settings.sourcesOutside = sourcesOutside
        settings.keepOriginalImages = keepOriginal
        settings.origin = SourceRef(file: file.path, line: 1, column: 1)
        settings.curators = curators
        settings.responsible = responsible
        settings.menteesPerMentor = menteesPerMentor
        return settings
    }

    /// The address when it may be published; a dangerous scheme is an error and the address is dropped.
    static func checkURL(_ url: String, key: String, at ref: SourceRef, sink: DiagnosticSink) -> String? {
        guard URLPolicy.isAllowed(url) else {
            sink.error("url.scheme", "адрес «\(url)» в поле `\(key)` запрещён: на сайт попадают только ссылки http://, https://, mailto: и tel:", at: ref,
                       hint: "Укажите адрес сайта, начинающийся с https://.")
            return nil
        }
        guard let u = URL(string: url), let scheme = u.scheme, ["http", "https"].contains(scheme) else {
            sink.warning("url.invalid", "«\(url)» в поле `\(key)` не похоже на адрес сайта", at: ref,
                         hint: "Адрес начинается с https:// или http://.")
            return url
        }
        return url
    }
}

/// Fields shared by every named person: consent, photo with alt text.
enum PersonFields {
    static let personKeys = ["name", "role", "position", "phone", "email", "hours", "consent", "photo", "photo_alt"]

    /// A curator or responsible person: a name with consent, or a role without a name.
    static func person(_ node: YAMLNode, what: String, sink: DiagnosticSink, files: ContentFiles) -> Curator? {
        guard var c = FieldReader(node, sink: sink, what: what) else { return nil }
        let role = c.string("role")
        let name = role == nil ? c.string("name", required: true, describe: "ФИО или роль (`role`)") : c.string("name")
        let consent = c.consent("consent")
        if let name, consent == nil, !c.has("consent") {
            sink.error("privacy.consent", "у человека «\(name)» (\(what)) нет даты письменного согласия на публикацию (`consent`)", at: c.ref,
                       hint: "По 152-ФЗ имя публикуется только с согласия. Добавьте `consent: ГГГГ-ММ-ДД` — дату согласия — или оставьте только роль (`role`) и должность.")
        }
        let photo = picture(&c, key: "photo", altKey: "photo_alt", sink: sink, files: files)
        // An e-mail address is always linked as `mailto:`, so it cannot carry another scheme.
        let curator = Curator(name: name ?? "", role: role, position: c.string("position"), phone: c.string("phone"),
                              email: c.string("email"),
                              hours: c.string("hours"), consent: consent ?? DayDate(year: 2000, month: 1, day: 1)!,
                              photo: photo?.path, photoAlt: photo?.alt)
        c.finish(allowed: personKeys)
        if name != nil, consent == nil { return nil }
        guard name != nil || role != nil else { return nil }
        return curator
    }

    /// An image field with its alt-text field; the file must exist inside the content folder.
    static func picture(_ f: inout FieldReader, key: String, altKey: String, sink: DiagnosticSink, files: ContentFiles) -> Picture? {
        guard let node = f.node(key) else {
            _ = f.node(altKey)
            return nil
        }
        guard let raw = node.scalar?.trimmingSpaces else {
            sink.error("field.type", "поле `\(key)` должно быть путём к картинке, например `images/photo.jpg`", at: node.ref)
            return nil
        }
        // `photo_alt: ""` written out says the picture is decorative: an empty alt, on purpose.
        let decorative = f.node(altKey)?.scalar == ""
        let alt = decorative ? "" : f.string(altKey)
        guard let path = checkedFile(raw, key: key, at: node.ref, sink: sink, files: files) else { return nil }
        let imageExtensions = ["jpg", "jpeg", "png", "webp", "gif", "svg", "avif"]
        if !imageExtensions.contains((path as NSString).pathExtension.lowercased()) {
            sink.error("image.type", "«\(raw)» в поле `\(key)` — не картинка", at: node.ref,
                       hint: "Допустимые форматы: " + imageExtensions.joined(separator: ", ") + ".")
            return nil
        }
        guard let alt else {
            sink.error("image.alt", "у картинки `\(raw)` нет описания (`\(altKey)`)", at: node.ref,
                       hint: "Добавьте `\(altKey): \"…\"` — что изображено; его прочитает экранный диктор незрячему посетителю. Для чисто декоративной картинки напишите `\(altKey): \"\"`.")
            return nil
        }
        return Picture(path: path, alt: alt)
    }

    /// Resolves a content file reference, reporting escapes and missing files.
    static func checkedFile(_ raw: String, key: String, at ref: SourceRef, sink: DiagnosticSink, files: ContentFiles) -> String? {
        switch ContentFiles.resolve(raw) {
        case .escapes:
            sink.error("path.escapes", "путь `\(raw)` в поле `\(key)` ведёт за пределы папки content", at: ref,
                       hint: "Положите файл в папку content/files или content/images и укажите путь от папки content.")
            return nil
        case .external:
            sink.error("path.external", "в поле `\(key)` нужен путь к файлу в папке content, а не адрес «\(raw)»", at: ref)
            return nil
        case .inside(let path):
            guard files.exists(path) else {
                sink.error("file.missing", "файл `\(raw)` из поля `\(key)` не найден", at: ref,
                           hint: "Проверьте имя файла (регистр букв важен) и что он лежит в папке \(files.shown(path.split(separator: "/").dropLast().joined(separator: "/"))).")
                return nil
            }
            return path
        }
    }
}
