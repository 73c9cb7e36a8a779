import Content
import Domain
import Foundation
import Site

/// The local preview: serves the in-memory site on 127.0.0.1, with the reload script added
/// to every page, the event stream and the current diagnostics as JSON.
public final class PreviewServer: Sendable {
    public enum StartError: Error, Sendable {
        /// The port is taken; `suggestion` is a free one nearby.
        case portInUse(UInt16, suggestion: UInt16?)
        case cannotListen(String)
    }

    public let port: UInt16
    public let host: String
    let site: LiveSite
    public let events: EventHub
    private let server: LocalHTTPServer

    /// Listens at once: when this returns, the address can be announced.
    public init(site: LiveSite, host: String = "127.0.0.1", port: UInt16, events: EventHub = EventHub()) throws {
        guard PortProbe.isFree(port, host: host) else {
            throw StartError.portInUse(port, suggestion: PortProbe.freePort(after: port, host: host))
        }
        self.site = site
        self.host = host
        self.port = port
        self.events = events
        let handler = Handler(site: site, events: events)
        do {
            server = try LocalHTTPServer(host: host, port: port) { handler.handle($0) }
        } catch {
            throw StartError.cannotListen("\(host):\(port): \(error.localizedDescription)")
        }
    }

    /// Serves until `stop`, on the calling thread.
    public func run() {
        server.run()
    }

    public func stop() {
        events.finish()
        server.stop()
    }

    struct Handler: Sendable {
        let site: LiveSite
        let events: EventHub
        typealias Response = LocalHTTPServer.Response

        func handle(_ request: LocalHTTPServer.Request) -> Response {
            // A static site answers only reads; PUT or DELETE must not look as if they worked.
            guard request.method == "GET" || request.method == "HEAD" else {
                return Response(status: 405, headers: [("Allow", "GET, HEAD"), ("Content-Type", "text/plain; charset=utf-8")],
                                body: Data("Метод не поддерживается: предпросмотр только показывает сайт.\n".utf8))
            }
            switch request.path {
            case "/__nastavnik/events":
                return Response(status: 200, headers: [("Content-Type", "text/event-stream; charset=utf-8"), ("Cache-Control", "no-store")],
                                stream: events.subscribe())
            case ReloadScript.path:
                return Response(status: 200, headers: [("Content-Type", "text/javascript; charset=utf-8")], body: Data(ReloadScript.source.utf8))
            case "/__nastavnik/status":
                return Response(status: 200, headers: [("Content-Type", "application/json; charset=utf-8")], body: events.currentStatus)
            default:
                return serve(request.path)
            }
        }

        func serve(_ rawPath: String) -> Response {
            var path = String(rawPath.drop { $0 == "/" })
            if path.split(separator: "/").contains("..") { return notFound() }
            if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
            if let resource = site.resource(path) { return respond(resource, path: path) }
            // `/news` → `/news/`, as a static host does.
            if site.resource(path + "/index.html") != nil {
                return Response(status: 301, headers: [("Location", "/" + path + "/")])
            }
            return notFound()
        }

        func respond(_ resource: LiveSite.Resource, path: String, status: Int = 200) -> Response {
            let type = Self.contentType(path)
            let headers = [("Content-Type", type), ("Cache-Control", "no-store")]
            switch resource {
            case .generated(let data):
                let body = type.hasPrefix("text/html") ? ReloadScript.inject(into: data) : data
                return Response(status: status, headers: headers, body: body)
            case .file(let url):
                guard let data = try? Data(contentsOf: url) else { return notFound() }
                return Response(status: status, headers: headers, body: data)
            }
        }

        func notFound() -> Response {
            if let page = site.resource("404.html") { return respond(page, path: "404.html", status: 404) }
            // Nothing built yet (the first build had errors): a bare page that still shows the overlay.
            let page = "<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Сайт ещё не собран</title></head>"
                + "<body><h1>Сайт ещё не собран</h1><p>В материалах есть ошибки; они перечислены в терминале.</p>"
                + ReloadScript.tag + "</body></html>"
            return Response(status: 404, headers: [("Content-Type", "text/html; charset=utf-8")], body: Data(page.utf8))
        }

        static func contentType(_ path: String) -> String {
            switch (path as NSString).pathExtension.lowercased() {
            case "html": return "text/html; charset=utf-8"
            case "css": return "text/css; charset=utf-8"
            case "js": return "text/javascript; charset=utf-8"
            case "json": return "application/json; charset=utf-8"
            case "xml": return "application/xml; charset=utf-8"
            case "txt", "csv": return "text/plain; charset=utf-8"
            case "svg": return "image/svg+xml"
            case "png": return "image/png"
            case "jpg", "jpeg": return "image/jpeg"
            case "gif": return "image/gif"
            case "webp": return "image/webp"
            case "pdf": return "application/pdf"
            case "zip": return "application/zip"
            default: return "application/octet-stream"
            }
        }
    }
}
