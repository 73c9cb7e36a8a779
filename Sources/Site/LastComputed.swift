import Domain
import Synchronization

/// The last value computed, with the fingerprint of what it was computed from: a build asks
/// for some values twice, and `serve` again after most edits, from the same inputs.
final class LastComputed<Value: Sendable>: Sendable {
    private let last = Mutex<(key: Fingerprint, value: Value)?>(nil)

    func value(for key: Fingerprint, make: () -> Value) -> Value {
        if let kept = last.withLock({ $0 }), kept.key == key { return kept.value }
        let value = make()
        last.withLock { $0 = (key, value) }
        return value
    }
}
