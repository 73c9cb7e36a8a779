import Domain
import Synchronization

/// The name scan's findings kept between builds (`.nastavnik-cache/build/<output>.scan`) and
/// between `serve`'s rebuilds: a text scanned before, at the same place of the same file and
/// with the same people consenting, is not scanned again.
public final class ScanMemo: Sendable {
    private struct State: Sendable {
        var people: Fingerprint
        var found: [Fingerprint: [Diagnostic]]
        var used: [Fingerprint: [Diagnostic]] = [:]
        var changed = false
    }

    private let state: Mutex<State>

    public init(people: Fingerprint = .zero, found: [Fingerprint: [Diagnostic]] = [:]) {
        state = Mutex(State(people: people, found: found))
    }

    /// Findings kept for other people consenting are of no use: a name is checked against them.
    /// A memo used again (`serve`) keeps what the last scan used.
    func begin(people: Fingerprint) {
        state.withLock { state in
            if state.people != people {
                state = State(people: people, found: [:], changed: true)
            } else if !state.used.isEmpty {
                state.found = state.used
                state.used = [:]
                state.changed = false
            }
        }
    }

    func findings(_ key: Fingerprint, _ compute: () -> [Diagnostic]) -> [Diagnostic] {
        if let hit = state.withLock({ state in state.found[key].map { state.used[key] = $0; return $0 } }) { return hit }
        let found = compute()
        state.withLock { state in
            state.used[key] = found
            state.changed = true
        }
        return found
    }

    /// What the next build needs (this scan's texts only), and whether it differs from what was read.
    public var kept: (people: Fingerprint, found: [Fingerprint: [Diagnostic]], changed: Bool) {
        state.withLock { state in (state.people, state.used, state.changed || state.used.count != state.found.count) }
    }
}
