import Dispatch
import Foundation
import Synchronization

extension Array where Element: Sendable {
    /// Maps on all cores, keeping order. The work items are independent files or pages.
    public func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 { return map(transform) }
        let results = Mutex<[T?]>(Array<T?>(repeating: nil, count: count))
        let chunk = Swift.max(1, count / (ProcessInfo.processInfo.activeProcessorCount * 8))
        let chunks = (count + chunk - 1) / chunk
        let items = self
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let range = (c * chunk)..<Swift.min(c * chunk + chunk, items.count)
            // Mapped outside the lock; the lock is taken once per chunk to store the results.
            let mapped = range.map { transform(items[$0]) }
            results.withLock { slots in
                for (i, value) in zip(range, mapped) { slots[i] = value }
            }
        }
        // Every slot was filled by exactly one chunk.
        let values = results.withLock { $0.compactMap { $0 } }
        assert(values.count == count, "a chunk left a slot empty")
        return values
    }
}

/// Work started on another core while this one goes on; `value` waits for it. For reading
/// what the last build kept while the content loads.
public final class Background<T: Sendable>: Sendable {
    private let result = Mutex<T?>(nil)
    private let done = DispatchSemaphore(value: 0)

    public init(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global().async {
            let value = work()
            self.result.withLock { $0 = value }
            self.done.signal()
        }
    }

    public var value: T {
        done.wait()
        done.signal()
        return result.withLock { $0! }
    }
}

/// Values handed to another core to be freed: they are let go of there a moment later, once
/// the caller has returned and dropped its own references, so their deinitialisation does not
/// hold up the caller. (Were the caller slower, they would be freed by it: never too early.)
public enum Freeing {
    private static let queue = DispatchQueue(label: "nastavnik.freeing")
    private static let held = Mutex<[any Sendable]>([])

    public static func later(_ values: any Sendable) {
        held.withLock { $0.append(values) }
        queue.asyncAfter(deadline: .now() + 0.1) {
            let dropped = held.withLock { held in
                defer { held.removeAll() }
                return held
            }
            _ = dropped
        }
    }
}
