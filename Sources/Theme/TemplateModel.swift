import Markdown
import Mustache
import Synchronization

/// The data one template receives, as a typed value: its `fields` are the template's whole
/// contract. Templates read a model through swift-mustache's `MustacheParent` (a lookup
/// in the field table, no reflection), and `docs/themes.md` lists the same table
/// (`TemplateDocs`), so what a theme may use cannot drift from what the program gives.
public protocol TemplateModel: MustacheParent, Sendable {
    static var fields: Fields<Self> { get }
    /// The name under which `docs/themes.md` describes this model.
    static var modelName: String { get }
}

extension TemplateModel {
    public func child(named name: String) -> Any? { Self.fields.value(name, of: self) }
    public static var modelName: String { String(describing: Self.self) }
}

/// What a field holds, for the documentation: a nested model is described once, by name.
public enum FieldKind: Sendable {
    /// Text shown on a page (escaped by `{{…}}`).
    case text
    /// Markup made by the program (rendered Markdown, a chart), inserted with `{{{…}}}`.
    case html
    case flag
    case number
    case texts
    case model(any TemplateModel.Type)
    case list(any TemplateModel.Type)
}

public struct Field<Model>: Sendable {
    public let name: String
    public let kind: FieldKind
    public let doc: String
    public let get: @Sendable (Model) -> Any?

    /// A text or markup field's texts reach templates as `TemplateText`, an empty one as absent.
    public init(name: String, kind: FieldKind, doc: String, get: @escaping @Sendable (Model) -> Any?) {
        switch kind {
        case .text, .html:
            self.init(checked: name, kind: kind, doc: doc, get: { model in
                let value = get(model)
                if let text = value as? String { return TemplateText(text) }
                return value
            })
        default:
            self.init(checked: name, kind: kind, doc: doc, get: get)
        }
    }

    private init(checked name: String, kind: FieldKind, doc: String, get: @escaping @Sendable (Model) -> Any?) {
        self.name = name
        self.kind = kind
        self.doc = doc
        self.get = get
    }

    public static func text(_ name: String, _ doc: String = "", _ get: @escaping @Sendable (Model) -> String?) -> Field {
        Field(checked: name, kind: .text, doc: doc, get: { get($0).flatMap(TemplateText.init) })
    }
    public static func html(_ name: String, _ doc: String = "", _ get: @escaping @Sendable (Model) -> String?) -> Field {
        Field(checked: name, kind: .html, doc: doc, get: { get($0).flatMap(TemplateText.init) })
    }
    public static func flag(_ name: String, _ doc: String = "", _ get: @escaping @Sendable (Model) -> Bool) -> Field {
        Field(name: name, kind: .flag, doc: doc, get: get)
    }
    public static func number(_ name: String, _ doc: String = "", _ get: @escaping @Sendable (Model) -> Int) -> Field {
        Field(name: name, kind: .number, doc: doc, get: get)
    }
    public static func texts(_ name: String, _ doc: String = "", _ get: @escaping @Sendable (Model) -> [String]) -> Field {
        Field(name: name, kind: .texts, doc: doc, get: get)
    }
    public static func model<Child: TemplateModel>(_ name: String, _ doc: String = "",
                                                   _ get: @escaping @Sendable (Model) -> Child?) -> Field {
        Field(name: name, kind: .model(Child.self), doc: doc, get: get)
    }
    public static func list<Child: TemplateModel>(_ name: String, _ doc: String = "",
                                                  _ get: @escaping @Sendable (Model) -> [Child]) -> Field {
        Field(name: name, kind: .list(Child.self), doc: doc, get: get)
    }
}

/// A model's fields in the order the documentation lists them, with a lookup by name.
public struct Fields<Model>: Sendable {
    public let all: [Field<Model>]
    private let index: [String: Int]

    public init(_ all: [Field<Model>]) {
        self.all = all
        index = Dictionary(all.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The two fields tables of a page: its own, then every page's (`Chrome`).
    public init(_ own: [Field<Model>], then shared: [Field<Model>]) { self.init(own + shared) }

    /// A text field's value is a `TemplateText`, never an empty one (`Field`).
    public func value(_ name: String, of model: Model) -> Any? {
        guard let i = index[name] else { return nil }
        return all[i].get(model)
    }
}

extension Fields {
    /// The table of a generic model (which cannot hold a `static let`), made once per
    /// concrete type: made again on each lookup, it was a hundredth of a regional bank's
    /// rendering (a mentor page's every variable that is not the mentor's own).
    public static func once(_ make: () -> Fields<Model>) -> Fields<Model> {
        let key = ObjectIdentifier(Model.self)
        if let known = madeTables.withLock({ $0[key] }) as? Fields<Model> { return known }
        let made = make()
        madeTables.withLock { $0[key] = made }
        return made
    }
}

private let madeTables = Mutex<[ObjectIdentifier: any Sendable]>([:])

/// A text field's value as templates get it. swift-mustache's renderer asks each value of
/// `{{field}}` whether it is a template, a custom renderable, a lambda, an optional, and then
/// prints it with `String(describing:)`: for a plain `String`, five protocol checks of the
/// runtime that fail (such checks were a quarter of Mustache's time). This type is found at the second.
/// On the section stack (`{{#summary}}…{{/summary}}`) it is a parent without fields, which
/// sends a name on to the enclosing model as a `String` did (it was looked up through `Mirror`).
/// An empty text is absent: Mustache would open `{{#summary}}` for "" and a template could not
/// tell "no summary" from one.
public struct TemplateText: MustacheCustomRenderable, MustacheParent, MustacheTransformable, Sendable {
    public let text: String

    public init?(_ text: String) {
        if text.isEmpty { return nil }
        self.text = text
    }

    public var renderText: String { text }
    public var isNull: Bool { false }
    public func child(named: String) -> Any? { nil }
    /// `{{uppercased(title)}}` and the other transforms of a text.
    public func transform(_ name: String) -> Any? { text.transform(name) }
}

/// Text a reader sees, set in Russian typography when the model is made (once, however
/// often the page is rendered). Addresses, ids and other machine values are plain `String`.
@propertyWrapper
public struct Prose: Sendable, Equatable {
    private var text: String
    public var wrappedValue: String {
        get { text }
        // A path or an address is never prose, whatever field it is in (a theme's own data, a site's `url`).
        set { text = Prose.looksLikePath(newValue) ? newValue : Typographer.apply(newValue) }
    }
    public init(wrappedValue: String) {
        text = ""
        self.wrappedValue = wrappedValue
    }

    /// A slash and no space (which a scheme's «://» is too).
    public static func looksLikePath(_ text: String) -> Bool {
        var slash = false
        for b in text.utf8 {
            if b == 0x20 { return false }
            if b == 0x2F { slash = true }
        }
        return slash
    }
}

/// A list of prose items (goals, results …), each typeset.
@propertyWrapper
public struct ProseList: Sendable, Equatable {
    private var items: [String]
    public var wrappedValue: [String] {
        get { items }
        set { items = newValue.map { Prose(wrappedValue: $0).wrappedValue } }
    }
    public init(wrappedValue: [String]) {
        items = []
        self.wrappedValue = wrappedValue
    }
}

/// `{{#tags}}{{title}}{{/tags}}`, `{{#forms}}…`: a list of plain titles.
public struct Titled: TemplateModel {
    @Prose public var title: String
    public init(title: String) { self.title = title }
    public static let fields = Fields<Titled>([.text("title") { $0.title }])
}

/// A link: `title` and `href`.
public struct Link: TemplateModel {
    @Prose public var title: String
    public var href: String
    public init(title: String, href: String) { self.title = title; self.href = href }
    public static let fields = Fields<Link>([.text("title") { $0.title }, .text("href") { $0.href }])
}
