import Synchronization

/// What a spelling in content comes to (a mentoring form, a role model's normal form), worked
/// out once per spelling: a school writes the same few in all its entries. Bounded, so that a
/// folder of made-up spellings cannot grow it without end.
final class SpellingMemo<Value: Sendable>: Sendable {
    private let table = Mutex<[ByteHash.Key: Value]>([:])

    func value(_ text: String, make: (String) -> Value) -> Value {
        let key = ByteHash.Key(text)
        if let known = table.withLock({ $0[key] }) { return known }
        let made = make(text)
        table.withLock { table in
            if table.count >= 4096 { table.removeAll() }
            table[key] = made
        }
        return made
    }
}
