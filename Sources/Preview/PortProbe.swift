import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether a TCP port on 127.0.0.1 can be listened on, to explain a busy port before the
/// server tries and to suggest a free one.
enum PortProbe {
    static func isFree(_ port: UInt16, host: String = "127.0.0.1") -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr(host)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return bound == 0
    }

    static func freePort(after port: UInt16, host: String = "127.0.0.1") -> UInt16? {
        var candidate = port
        for _ in 0..<100 {
            candidate = candidate == UInt16.max ? 1024 : candidate + 1
            if isFree(candidate, host: host) { return candidate }
        }
        return nil
    }
}
