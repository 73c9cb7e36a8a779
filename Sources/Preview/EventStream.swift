import Foundation
import Synchronization

/// Server-sent events to every open tab: `reload` after a good rebuild, `status` with the
/// diagnostics after a bad one (and on connecting, so a page opened later shows them too).
public final class EventHub: Sendable {
    private struct State {
        var clients: [UUID: AsyncStream<Data>.Continuation] = [:]
        var status = Data("{\"ok\":true,\"errors\":[]}".utf8)
    }

    private let state = Mutex(State())

    public init() {}

    public var clientCount: Int { state.withLock { $0.clients.count } }

    /// One tab's stream; it ends when the tab goes away or the server stops.
    public func subscribe() -> AsyncStream<Data> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Data>.makeStream(bufferingPolicy: .bufferingNewest(16))
        continuation.onTermination = { [weak self] _ in self?.state.withLock { _ = $0.clients.removeValue(forKey: id) } }
        let current = state.withLock { state -> Data in
            state.clients[id] = continuation
            return state.status
        }
        // Tells the browser how long to wait before reconnecting after the server restarts.
        continuation.yield(Data("retry: 500\n\n".utf8) + Self.event("status", current))
        return stream
    }

    public func reload() {
        state.withLock { $0.status = Data("{\"ok\":true,\"errors\":[]}".utf8) }
        broadcast(Self.event("reload", Data("{}".utf8)))
    }

    /// - Parameter json: `{"ok":false,"errors":[…]}` for the overlay.
    public func problems(_ json: Data) {
        state.withLock { $0.status = json }
        broadcast(Self.event("status", json))
    }

    public var currentStatus: Data { state.withLock { $0.status } }

    public func finish() {
        let all = state.withLock { state -> [AsyncStream<Data>.Continuation] in
            defer { state.clients.removeAll() }
            return Array(state.clients.values)
        }
        all.forEach { $0.finish() }
    }

    private func broadcast(_ event: Data) {
        let all = state.withLock { Array($0.clients.values) }
        for client in all { client.yield(event) }
    }

    static func event(_ name: String, _ data: Data) -> Data {
        Data("event: \(name)\ndata: ".utf8) + data + Data("\n\n".utf8)
    }
}
