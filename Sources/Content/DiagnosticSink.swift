import Domain

/// Collects the diagnostics of one loading step. Each file gets its own sink, so loading
/// files in parallel needs no locking.
final class DiagnosticSink {
    private(set) var diagnostics: [Diagnostic] = []
    /// The build date, for rules about the future (a consent dated tomorrow is no consent).
    let today: DayDate?

    init(today: DayDate? = nil) {
        self.today = today
    }

    func add(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
    func add(contentsOf more: [Diagnostic]) { diagnostics.append(contentsOf: more) }

    func error(_ rule: String, _ message: String, at ref: SourceRef, hint: String? = nil) {
        add(.error(rule, message, at: ref, hint: hint))
    }

    func warning(_ rule: String, _ message: String, at ref: SourceRef, hint: String? = nil) {
        add(.warning(rule, message, at: ref, hint: hint))
    }

    func info(_ rule: String, _ message: String, at ref: SourceRef, hint: String? = nil) {
        add(.info(rule, message, at: ref, hint: hint))
    }

    var hasErrors: Bool { diagnostics.hasErrors }
}
