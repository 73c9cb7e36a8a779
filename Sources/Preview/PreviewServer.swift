import Content
import Domain
import FlyingFox
import FlyingSocks
import Foundation
import Site

/// The local preview: serves the in-memory site on 127.0.0.1, with the reload script added
/// to every page, the event stream and the current diagnostics as JSON.
public final class PreviewServer: Sendable {
    public enum StartError: Error, Sendable {
        /// The port is taken; `suggestion` is a free one nearby.
        case portInUse(UInt16, suggestion: UInt16?)
    }

    public let port: UInt16
    let site: LiveSite
    public let events: EventHub
    private let server: HTTPServer

    public init(site: LiveSite, port: UInt16, events: EventHub = EventHub()) throws {
        guard PortProbe.isFree(port) else { throw StartError.portInUse(port, suggestion: PortProbe.freePort(after: port)) }
        self.site = site
        self.port = port
        self.events = events
        server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), timeout: 60, logger: .disabled,
                            handler: Handler(site: site, events: events))
    }

    public func run() async throws {
        try await server.run()
    }

    public func waitUntilListening() async throws {
        try await server.waitUntilListening(timeout: 10)
    }

    public func stop() async {
        events.finish()
        await server.stop(timeout: 1)
    }

    struct Handler: HTTPHandler {
        let site: LiveSite
        let events: EventHub

        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
            // `request.path` drops a trailing slash; the target keeps `/news/` apart from `/news`.
            let path = request.target.path(percentEncoded: false)
            // A static site answers only reads; PUT or DELETE must not look as if they worked.
            guard request.method == .GET || request.method == .HEAD else {
                return HTTPResponse(statusCode: .methodNotAllowed,
                                    headers: [HTTPHeader("Allow"): "GET, HEAD", .contentType: "text/plain; charset=utf-8"],
                                    body: Data("Метод не поддерживается: предпросмотр только показывает сайт.\n".utf8))
            }
            if request.method == .HEAD, path != "/__nastavnik/events" {
                let full = serveRequest(path)
                return HTTPResponse(statusCode: full.statusCode, headers: full.headers, body: Data())
            }
            return serveRequest(path)
        }

        func serveRequest(_ path: String) -> HTTPResponse {
            switch path {
            case "/__nastavnik/events":
                return HTTPResponse(statusCode: .ok,
                                    headers: [.contentType: "text/event-stream; charset=utf-8", HTTPHeader("Cache-Control"): "no-store"],
                                    body: HTTPBodySequence(from: EventBytes(stream: events.subscribe())))
            case ReloadScript.path:
                return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8"],
                                    body: Data(ReloadScript.source.utf8))
            case "/__nastavnik/status":
                return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                                    body: events.currentStatus)
            default:
                return serve(path)
            }
        }

        func serve(_ rawPath: String) -> HTTPResponse {
            var path = String(rawPath.drop { $0 == "/" })
            if path.split(separator: "/").contains("..") { return notFound() }
            if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
            if let resource = site.resource(path) { return respond(resource, path: path) }
            // `/news` → `/news/`, as a static host does.
            if site.resource(path + "/index.html") != nil {
                let headers: HTTPHeaders = [.location: "/" + path + "/"]
                return HTTPResponse(statusCode: .movedPermanently, headers: headers)
            }
            return notFound()
        }

        func respond(_ resource: LiveSite.Resource, path: String, status: HTTPStatusCode = .ok) -> HTTPResponse {
            let type = Self.contentType(path)
            var headers: HTTPHeaders = [.contentType: type, HTTPHeader("Cache-Control"): "no-store"]
            switch resource {
            case .generated(let data):
                let body = type.hasPrefix("text/html") ? ReloadScript.inject(into: data) : data
                return HTTPResponse(statusCode: status, headers: headers, body: body)
            case .file(let url):
                guard let data = try? Data(contentsOf: url) else { return notFound() }
                headers[.contentType] = type
                return HTTPResponse(statusCode: status, headers: headers, body: data)
            }
        }

        func notFound() -> HTTPResponse {
            if let page = site.resource("404.html") { return respond(page, path: "404.html", status: .notFound) }
            // Nothing built yet (the first build had errors): a bare page that still shows the overlay.
            let page = "<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Сайт ещё не собран</title></head>"
                + "<body><h1>Сайт ещё не собран</h1><p>В материалах есть ошибки; они перечислены в терминале.</p>"
                + ReloadScript.tag + "</body></html>"
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/html; charset=utf-8"], body: Data(page.utf8))
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
