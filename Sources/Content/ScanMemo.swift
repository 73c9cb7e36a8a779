import Domain
import Synchronization

/// The name scan's findings kept between builds (`.nastavnik-cache/build/<output>.scan`) and
/// between `serve`'s rebuilds: a text scanned before, at the same place of the same file and
/// with the same people consenting, is not scanned again. The key says all of that
/// (`Validator`), so one memo serves every school of a bank.
public final class ScanMemo: Sendable {
    private struct State: Sendable {
        var found: [Fingerprint: [Diagnostic]]
        var used: [Fingerprint: [Diagnostic]] = [:]
        var changed = false
    }

    private let state: Mutex<State>

    public init(found: [Fingerprint: [Diagnostic]] = [:]) {
        state = Mutex(State(found: found))
    }

    /// Starts a round (`serve` runs one per rebuild): what the last one used is what this one
    /// may find; findings not used since are dropped.
    public func beginRound() {
        state.withLock { state in
            guard !state.used.isEmpty else { return }
            state.found = state.used
            state.used = [:]
            state.changed = false
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
    public var kept: (found: [Fingerprint: [Diagnostic]], changed: Bool) {
        state.withLock { state in (state.used, state.changed || state.used.count != state.found.count) }
    }
}
