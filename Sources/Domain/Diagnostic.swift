/// Where something stands in the content folder: the path as the user sees it
/// (relative to the working directory), 1-based line and column.
public struct SourceRef: Sendable, Hashable, Comparable, Codable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (a: SourceRef, b: SourceRef) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

public enum Severity: String, Sendable, Hashable, Codable, Comparable {
    case error, warning, info

    /// The word printed before the message, as compilers do.
    public var russian: String {
        switch self {
        case .error: return "ошибка"
        case .warning: return "предупреждение"
        case .info: return "замечание"
        }
    }

    private var rank: Int {
        switch self {
        case .error: return 0
        case .warning: return 1
        case .info: return 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A problem in the content, found by the loader or a rule. Diagnostics are values:
/// they are collected across all files and reported together, never thrown.
public struct Diagnostic: Sendable, Hashable, Codable, Error {
    public var severity: Severity
    /// Stable rule id, e.g. `yaml.syntax`, `mentor.too-many-mentees`; see docs/rules.md.
    public var rule: String
    /// Russian, for a school editor.
    public var message: String
    public var location: SourceRef
    /// How to fix it, in Russian; optional.
    public var hint: String?

    public init(_ severity: Severity, _ rule: String, _ message: String, at location: SourceRef, hint: String? = nil) {
        self.severity = severity
        self.rule = rule
        self.message = message
        self.location = location
        self.hint = hint
    }

    public static func error(_ rule: String, _ message: String, at location: SourceRef, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, rule, message, at: location, hint: hint)
    }

    public static func warning(_ rule: String, _ message: String, at location: SourceRef, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, rule, message, at: location, hint: hint)
    }

    public static func info(_ rule: String, _ message: String, at location: SourceRef, hint: String? = nil) -> Diagnostic {
        Diagnostic(.info, rule, message, at: location, hint: hint)
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, line, column, then severity: the order an editor fixes them in.
    public func sortedForReport() -> [Diagnostic] {
        sorted { a, b in
            if a.location != b.location { return a.location < b.location }
            if a.severity != b.severity { return a.severity < b.severity }
            return a.rule < b.rule
        }
    }
}
