/// The one JSON writer of the program: the search index, the practices' index, `check
/// --format json`, the bank's report.json and serve's error overlay. It streams into a
/// string (the search index of a 10,000-page site is tens of megabytes, and Foundation's
/// JSONEncoder took longer than the rest of a rebuild), escapes as JSON requires and, with
/// `pretty`, lays out like JSONEncoder's `.prettyPrinted` with sorted keys when the caller
/// writes them in order.
public struct JSONWriter {
    public private(set) var output = ""
    private let pretty: Bool
    /// One flag per open object or array: whether it has an item yet.
    private var open: [Bool] = []
    /// A key was just written: the value follows on the same line.
    private var afterKey = false

    public init(pretty: Bool = false) { self.pretty = pretty }

    /// A writer's whole output for one value.
    public static func write(pretty: Bool = false, _ body: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter(pretty: pretty)
        body(&writer)
        return writer.output
    }

    private mutating func beginValue() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = open.last else { return }
        if last { output += "," }
        open[open.count - 1] = true
        if pretty { newline() }
    }

    private mutating func newline() {
        output += "\n"
        output += String(repeating: "  ", count: open.count)
    }

    public mutating func object(_ body: (inout JSONWriter) -> Void) { container("{", "}", body) }
    public mutating func array(_ body: (inout JSONWriter) -> Void) { container("[", "]", body) }

    private mutating func container(_ start: String, _ end: String, _ body: (inout JSONWriter) -> Void) {
        beginValue()
        output += start
        open.append(false)
        body(&self)
        let hadItems = open.removeLast()
        if pretty {
            // JSONEncoder leaves an empty line inside an empty container.
            if !hadItems { output += "\n" }
            newline()
        }
        output += end
    }

    /// An object's key; its value is the next thing written.
    public mutating func key(_ name: String) {
        beginValue()
        Self.appendString(name, to: &output)
        output += pretty ? " : " : ":"
        afterKey = true
    }

    public mutating func string(_ value: String) {
        beginValue()
        Self.appendString(value, to: &output)
    }

    public mutating func int(_ value: Int) {
        beginValue()
        output += String(value)
    }

    public mutating func bool(_ value: Bool) {
        beginValue()
        output += value ? "true" : "false"
    }

    /// A value written by another JSONWriter (kept between rebuilds, for instance).
    public mutating func raw(_ json: String) {
        beginValue()
        output += json
    }

    /// `"name": value`; an absent value writes nothing, as JSONEncoder does.
    public mutating func field(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    public mutating func field(_ name: String, _ value: Int?) {
        guard let value else { return }
        key(name)
        int(value)
    }

    public mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped; `/` and
    /// non-ASCII kept as they are.
    public static func appendString(_ text: String, to out: inout String) {
        out += "\""
        var plain = true
        for b in text.utf8 where b == 0x22 || b == 0x5C || b < 0x20 {
            plain = false
            break
        }
        if plain {
            out += text
        } else {
            var scalars = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": scalars.append(contentsOf: "\\\"".unicodeScalars)
                case "\\": scalars.append(contentsOf: "\\\\".unicodeScalars)
                case "\n": scalars.append(contentsOf: "\\n".unicodeScalars)
                case "\r": scalars.append(contentsOf: "\\r".unicodeScalars)
                case "\t": scalars.append(contentsOf: "\\t".unicodeScalars)
                case "\u{08}": scalars.append(contentsOf: "\\b".unicodeScalars)
                case "\u{0C}": scalars.append(contentsOf: "\\f".unicodeScalars)
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    scalars.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
                default: scalars.append(scalar)
                }
            }
            out += String(scalars)
        }
        out += "\""
    }
}
