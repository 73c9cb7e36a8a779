import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 server for the local preview: GET and HEAD of in-memory files plus one
/// event stream. Written on POSIX sockets rather than a server package because the preview
/// needs little, and because FlyingFox pulls in FoundationNetworking (libcurl), which
/// cannot be linked into the self-contained static binary.
///
/// Hostile clients are bounded: the request head is read once, scanned linearly, capped
/// (request line 8 KiB → 414, whole head 32 KiB → 431), and times out after 10 s; each
/// connection has its own thread and at most 64 are served at once, so one client never
/// stops the server answering others.
public final class LocalHTTPServer: Sendable {
    public struct Request: Sendable {
        public var method: String
        /// The path, percent-decoded, without query or fragment; `/news/` keeps its slash.
        public var path: String
    }

    public struct Response: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: Data
        /// A body that never ends (server-sent events): each element is written at once.
        public var stream: AsyncStream<Data>?

        public init(status: Int, headers: [(String, String)] = [], body: Data = Data(), stream: AsyncStream<Data>? = nil) {
            self.status = status
            self.headers = headers
            self.body = body
            self.stream = stream
        }
    }

    public static let maxRequestLine = 8 << 10
    public static let maxHead = 32 << 10
    public static let maxConnections = 64

    private let listener: Int32
    private let handler: @Sendable (Request) -> Response
    // Touched from the accept thread and the connection threads.
    private let connections = Mutex(0)
    private let stopped = Atomic(false)

    /// Binds and listens at once, so the address can be announced as soon as this returns.
    public init(host: String, port: UInt16, handler: @escaping @Sendable (Request) -> Response) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            close(fd)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            let code = POSIXErrorCode(rawValue: errno) ?? .EADDRINUSE
            close(fd)
            throw POSIXError(code)
        }
        listener = fd
    }

    /// Accepts connections until `stop`; returns then.
    public func run() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                if stopped.load(ordering: .acquiring) { return }
                if errno == EMFILE || errno == ENFILE { usleep(50_000); continue }
                return
            }
            let admitted = connections.withLock { count -> Bool in
                guard count < Self.maxConnections else { return false }
                count += 1
                return true
            }
            guard admitted else {
                Self.transmit(client, Self.head(503, [("Content-Length", "0")]))
                close(client)
                continue
            }
            let thread = Thread { [self] in
                serve(client)
                close(client)
                connections.withLock { $0 -= 1 }
            }
            thread.stackSize = 256 << 10
            thread.start()
        }
    }

    public func stop() {
        stopped.store(true, ordering: .releasing)
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve(_ fd: Int32) {
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let request: Request
        switch Self.readHead(fd) {
        case .request(let r): request = r
        case .failed(let status):
            if status > 0 { Self.transmit(fd, Self.head(status, [("Content-Length", "0"), ("Connection", "close")])) }
            return
        }
        let response = handler(request)
        var headers = response.headers + [("Connection", "close")]
        if let stream = response.stream {
            guard Self.transmit(fd, Self.head(response.status, headers)) else { return }
            // The events arrive asynchronously; this connection's thread waits for them.
            let done = DispatchSemaphore(value: 0)
            Task {
                for await chunk in stream where !Self.sendAll(fd, chunk) { break }
                done.signal()
            }
            done.wait()
            return
        }
        headers.append(("Content-Length", String(response.body.count)))
        guard Self.transmit(fd, Self.head(response.status, headers)) else { return }
        if request.method != "HEAD" { _ = Self.sendAll(fd, response.body) }
    }

    enum HeadResult {
        case request(Request)
        /// The status to answer with, or 0 to close silently (client gone, timeout).
        case failed(Int)
    }

    /// Reads until the blank line ending the head. Each byte is looked at once: the search
    /// for `\r\n\r\n` resumes where the previous read ended.
    static func readHead(_ fd: Int32) -> HeadResult {
        var buffer = [UInt8]()
        buffer.reserveCapacity(4096)
        var chunk = [UInt8](repeating: 0, count: 4096)
        var scanned = 0
        var lineEnd: Int?
        while true {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { return .failed(buffer.isEmpty ? 0 : 408) }
            buffer.append(contentsOf: chunk[0..<n])
            var i = max(0, scanned - 3)
            var headEnd: Int?
            while i < buffer.count {
                if buffer[i] == 0x0A {
                    if lineEnd == nil { lineEnd = i }
                    if i >= 1, buffer[i - 1] == 0x0A { headEnd = i; break }
                    if i >= 2, buffer[i - 1] == 0x0D, buffer[i - 2] == 0x0A { headEnd = i; break }
                }
                i += 1
            }
            scanned = buffer.count
            if lineEnd == nil, buffer.count > maxRequestLine { return .failed(414) }
            if let lineEnd, lineEnd > maxRequestLine { return .failed(414) }
            if headEnd == nil, buffer.count > maxHead { return .failed(431) }
            guard headEnd != nil, let lineEnd else { continue }
            let line = String(decoding: buffer[0..<lineEnd], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else { return .failed(400) }
            var target = Substring(parts[1])
            if let cut = target.firstIndex(where: { $0 == "?" || $0 == "#" }) { target = target[..<cut] }
            guard target.hasPrefix("/"), let path = String(target).removingPercentEncoding else { return .failed(400) }
            return .request(Request(method: String(parts[0]), path: path))
        }
    }

    static let reasons: [Int: String] = [
        200: "OK", 301: "Moved Permanently", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed",
        408: "Request Timeout", 414: "URI Too Long", 431: "Request Header Fields Too Large", 503: "Service Unavailable",
    ]

    static func head(_ status: Int, _ headers: [(String, String)]) -> Data {
        var text = "HTTP/1.1 \(status) \(reasons[status] ?? "Status")\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        return Data((text + "\r\n").utf8)
    }

    @discardableResult
    static func transmit(_ fd: Int32, _ data: Data) -> Bool { sendAll(fd, data) }

    /// MSG_NOSIGNAL: a tab closed mid-write must not end the process with SIGPIPE.
    static func sendAll(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return true }
            var offset = 0
            while offset < raw.count {
                let n = Glibc.send(fd, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
    }
}
