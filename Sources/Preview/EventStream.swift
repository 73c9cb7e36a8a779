import Foundation

/// Server-sent events to every open tab: `reload` after a good rebuild, `status` with the
/// diagnostics after a bad one (and on connecting, so a page opened later shows them too).
public final class EventHub: @unchecked Sendable {
    private let lock = NSLock()
    private var clients: [UUID: AsyncStream<Data>.Continuation] = [:]
    private var status = Data("{\"ok\":true,\"errors\":[]}".utf8)

    public init() {}

    public var clientCount: Int { lock.withLock { clients.count } }

    /// One tab's stream; it ends when the tab goes away or the server stops.
    public func subscribe() -> AsyncStream<Data> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Data>.makeStream(bufferingPolicy: .bufferingNewest(16))
        continuation.onTermination = { [weak self] _ in self?.lock.withLock { _ = self?.clients.removeValue(forKey: id) } }
        let current = lock.withLock { () -> Data in
            clients[id] = continuation
            return status
        }
        // Tells the browser how long to wait before reconnecting after the server restarts.
        continuation.yield(Data("retry: 500\n\n".utf8) + Self.event("status", current))
        return stream
    }

    public func reload() {
        status = lock.withLock { Data("{\"ok\":true,\"errors\":[]}".utf8) }
        broadcast(Self.event("reload", Data("{}".utf8)))
    }

    /// - Parameter json: `{"ok":false,"errors":[…]}` for the overlay.
    public func problems(_ json: Data) {
        lock.withLock { status = json }
        broadcast(Self.event("status", json))
    }

    public var currentStatus: Data { lock.withLock { status } }

    public func finish() {
        let all = lock.withLock { () -> [AsyncStream<Data>.Continuation] in
            defer { clients.removeAll() }
            return Array(clients.values)
        }
        all.forEach { $0.finish() }
    }

    private func broadcast(_ event: Data) {
        let all = lock.withLock { Array(clients.values) }
        for client in all { client.yield(event) }
    }

    static func event(_ name: String, _ data: Data) -> Data {
        Data("event: \(name)\ndata: ".utf8) + data + Data("\n\n".utf8)
    }
}
