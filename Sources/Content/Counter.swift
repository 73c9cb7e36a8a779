import Synchronization

/// A count shared by the threads of one parallel stage (finished schools, rendered pages).
public final class Counter: Sendable {
    private let value = Mutex(0)

    public init() {}

    /// Counts one more and returns the new total.
    public func next() -> Int {
        value.withLock { value in
            value += 1
            return value
        }
    }
}
