import Foundation
import WXHTTP
import WXSupport

/// A local emulator of the WeChat Official Account API subset wxpub uses, on 127.0.0.1.
/// Start it in-process (tests, `publish --sandbox`) or from `wxpub sandbox`; point a client at
/// `baseURL` instead of `https://api.weixin.qq.com`. Test hooks live under `/__sandbox/` and as
/// methods here.
public final class SandboxServer: @unchecked Sendable {
    public typealias RouteHandler = @Sendable (SandboxHTTPRequest) -> SandboxHTTPResponse

    public let configuration: SandboxConfiguration
    let engine: SandboxEngine
    private let lock = NSLock()
    private var http: HTTPServer?
    private var boundPort: Int?
    private var routes: [String: RouteHandler] = [:]

    /// Reads persisted state from `configuration.dataDirectory` when present; throws when it is unreadable.
    public init(configuration: SandboxConfiguration = SandboxConfiguration()) throws {
        self.configuration = configuration
        engine = try SandboxEngine(configuration: configuration)
        routes[StructureEndpoint.path] = StructureEndpoint.handle
    }

    /// Binds 127.0.0.1 on `configuration.port` (0 = a free port) and serves; returns the port.
    @discardableResult
    public func start() throws -> Int {
        lock.lock()
        defer { lock.unlock() }
        if let boundPort { return boundPort }
        let limits = HTTPLimits(maxBodyBytes: configuration.maxBodyBytes)
        let server = HTTPServer(limits: limits, errorResponse: { .json(["error": .string($1)], status: $0) }) { [weak self] request in
            guard let self else { return .drop }
            return self.handle(request)
        }
        let port = try server.start(port: configuration.port)
        engine.lock.lock()
        engine.baseURL = URL(string: "http://127.0.0.1:\(port)")!
        engine.lock.unlock()
        http = server
        boundPort = port
        return port
    }

    /// `http://127.0.0.1:PORT` once started (port 0 before).
    public var baseURL: URL {
        lock.lock()
        defer { lock.unlock() }
        return URL(string: "http://127.0.0.1:\(boundPort ?? 0)")!
    }

    public var port: Int? {
        lock.lock()
        defer { lock.unlock() }
        return boundPort
    }

    /// Stops serving and closes open connections; state stays readable (`ledger()`).
    public func stop() {
        lock.lock()
        let server = http
        http = nil
        boundPort = nil
        lock.unlock()
        server?.stop()
    }

    deinit { http?.stop() }

    /// Serves `path` (any method) outside `/cgi-bin/`, e.g. `/article-bin/verify_article_structure`.
    public func register(path: String, handler: @escaping RouteHandler) {
        lock.lock()
        routes[path] = handler
        lock.unlock()
    }

    // MARK: Test hooks (also under /__sandbox/)

    public func ledger() -> SandboxLedger {
        engine.lock.lock()
        defer { engine.lock.unlock() }
        return engine.makeLedger()
    }

    /// The sandbox clock's current time.
    public func now() -> Date { engine.clock.now() }

    /// The sandbox's clock, so an in-process client decides token expiry by the same time.
    public var clock: SandboxClock { engine.clock }

    public func setClock(_ date: Date) { engine.clock.set(date) }

    public func advanceClock(by seconds: TimeInterval) { engine.clock.advance(by: seconds) }

    public var faults: SandboxFaults {
        get {
            engine.lock.lock()
            defer { engine.lock.unlock() }
            return engine.faults
        }
        set {
            engine.lock.lock()
            engine.faults = newValue
            engine.lock.unlock()
        }
    }

    /// Every access token issued so far answers 40001 from now on.
    public func invalidateTokens() {
        engine.lock.lock()
        engine.invalidateTokens(now: engine.clock.now())
        engine.persist()
        engine.lock.unlock()
    }

    /// The demo (or loaded) audience: OpenIDs in order, and tags with their member OpenIDs.
    public func audience() -> (followers: [String], tags: [(id: Int, name: String, members: [String])]) {
        engine.lock.lock()
        defer { engine.lock.unlock() }
        let followers = engine.state.followers
        return (
            followers.map(\.openID),
            engine.state.tags.map { tag in (tag.id, tag.name, followers.filter { $0.tagIDs.contains(tag.id) }.map(\.openID)) }
        )
    }

    // MARK: Routing

    func handle(_ request: SandboxHTTPRequest) -> HTTPOutcome {
        let path = request.path
        if path.hasPrefix("/cgi-bin/") {
            guard let endpoint = SandboxRules.byPath[path] else {
                return .respond(.text("\(path) is not emulated by the wxpub sandbox\n", status: 404))
            }
            let faults = self.faults
            if faults.latencyMilliseconds > 0 { usleep(useconds_t(min(faults.latencyMilliseconds, 600_000)) * 1000) }
            let response = engine.handleAPI(request, endpoint: endpoint)
            return Self.deliver(response, faults: faults)
        }
        if path.hasPrefix("/__sandbox/") { return .respond(handleHook(request)) }
        if path.hasPrefix("/mmbiz/") { return .respond(serveFile(path)) }
        if path.hasPrefix("/s/") { return .respond(serveArticle(path)) }
        lock.lock()
        let route = routes[path]
        lock.unlock()
        if let route { return .respond(route(request)) }
        return .respond(.text("not found: \(path)\n", status: 404))
    }

    /// The transport faults, each acting after the call took effect: the answer is lost (reset),
    /// cut in half, replaced by a gateway's 502, or stopped mid-body.
    static func deliver(_ response: SandboxHTTPResponse, faults: SandboxFaults) -> HTTPOutcome {
        func hit(_ rate: Double) -> Bool { rate > 0 && Double.random(in: 0..<1) < rate }
        if hit(faults.dropRate) { return .drop }
        if hit(faults.truncateRate) {
            var cut = response
            cut.body = response.body.prefix(response.body.count / 2)
            return .respond(cut)
        }
        if hit(faults.serverErrorRate) {
            let page = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>\n"
            return .respond(SandboxHTTPResponse(status: 502, headers: [("Content-Type", "text/html")], body: Data(page.utf8)))
        }
        // Half the body, then silence until the client gives up (or the server stops).
        if hit(faults.stallRate) { return .stall(response, bodyBytes: response.body.count / 2, stall: 3600) }
        return .respond(response)
    }

    /// The administrator's decision on every send waiting under mass-send protection; returns the
    /// msg_ids of the sends that went out.
    @discardableResult
    public func settleMassConfirmations(confirm: Bool) -> [Int64] {
        engine.lock.lock()
        defer { engine.lock.unlock() }
        return engine.settleConfirmations(confirm: confirm, now: engine.clock.now())
    }

    private func hookError(_ message: String) -> SandboxHTTPResponse {
        .json(["error": .string(message)], status: 400)
    }

    private func handleHook(_ request: SandboxHTTPRequest) -> SandboxHTTPResponse {
        switch (request.method, request.path) {
        case ("GET", "/__sandbox/ledger"):
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            guard let data = try? encoder.encode(ledger()) else { return .text("cannot encode ledger", status: 500) }
            return SandboxHTTPResponse(status: 200, headers: [("Content-Type", "application/json; charset=utf-8")], body: data)
        case ("POST", "/__sandbox/clock"):
            guard let body = try? JSONValue.parse(request.body) else { return hookError("body must be JSON: {\"now\": ISO8601} or {\"advance_seconds\": N}") }
            if let text = body["now"]?.stringValue {
                guard let date = SandboxTime.parseISO8601(text) else { return hookError("\"now\" is not an ISO 8601 date-time: \(text)") }
                setClock(date)
            } else if let value = body["advance_seconds"], let seconds = value.intValue.map(Double.init) ?? { if case .double(let d) = value { return d } else { return nil } }() {
                advanceClock(by: seconds)
            } else {
                return hookError("expected {\"now\": ISO8601} or {\"advance_seconds\": N}")
            }
            return .json(["now": .string(SandboxTime.iso8601(now()))])
        case ("GET", "/__sandbox/events"):
            engine.lock.lock()
            let events = engine.jobEvents(now: engine.clock.now())
            engine.lock.unlock()
            return .json(["events": .array(events.map { .string($0) })])
        case ("GET", "/__sandbox/faults"):
            return .json(faults.json)
        case ("POST", "/__sandbox/faults"):
            guard let body = try? JSONValue.parse(request.body), body.isObject else {
                return hookError("body must be a JSON object of faults, e.g. {\"fail_rate\": 0.3}; known: \(SandboxFaults.keys.joined(separator: ", ")), reset, invalidate_tokens")
            }
            var f = faults
            do {
                try f.apply(body)
            } catch {
                return hookError("\(error)")
            }
            faults = f
            if body["invalidate_tokens"]?.boolValue == true { invalidateTokens() }
            return .json(f.json)
        case ("POST", "/__sandbox/confirm"):
            let decision = (try? JSONValue.parse(request.body))?["decision"]?.stringValue
            guard decision == "confirm" || decision == "reject" else {
                return hookError("expected {\"decision\": \"confirm\"} or {\"decision\": \"reject\"}: the administrator's answer to waiting mass sends")
            }
            let sent = settleMassConfirmations(confirm: decision == "confirm")
            return .json(["sent": .array(sent.map { .int($0) })])
        default:
            return .text("unknown sandbox hook \(request.method) \(request.path)\n", status: 404)
        }
    }

    /// `/mmbiz/<sha256>/0`: images from uploadimg and add_material, so previews show them.
    private func serveFile(_ path: String) -> SandboxHTTPResponse {
        let parts = path.split(separator: "/")
        guard parts.count >= 2 else { return .text("not found\n", status: 404) }
        let sha = String(parts[1])
        engine.lock.lock()
        let data = engine.blobs[sha]
        engine.lock.unlock()
        guard let data else { return .text("not found\n", status: 404) }
        let type = SandboxEngine.sniffFormat(data).map(SandboxEngine.contentType(forFormat:)) ?? "application/octet-stream"
        return SandboxHTTPResponse(status: 200, headers: [("Content-Type", type)], body: data)
    }

    /// `/s/<article_id>/<n>` and `/s/draft/<media_id>/<n>`: a bare page with the stored article.
    private func serveArticle(_ path: String) -> SandboxHTTPResponse {
        let parts = path.split(separator: "/").map(String.init)
        engine.lock.lock()
        defer { engine.lock.unlock() }
        var articles: [SandboxState.Article]?
        var indexText: String?
        if parts.count == 4, parts[1] == "draft" {
            articles = engine.state.drafts.last { $0.mediaID == parts[2] }?.articles
            indexText = parts[3]
        } else if parts.count == 3 {
            articles = engine.state.publishes.first { $0.articleID == parts[1] }?.articles
            indexText = parts[2]
        }
        guard let articles, let n = indexText.flatMap({ Int($0) }), n >= 1, n <= articles.count else { return .text("not found\n", status: 404) }
        if parts[1] == "draft", engine.articleWasRetracted(draftMediaID: parts[2], index: n) {
            // mass/delete: the page stops opening; the card already delivered stays in chats.
            return .text("该内容已被发布者删除\n", status: 410)
        }
        let a = articles[n - 1]
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        let html = """
            <!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
            <title>\(escape(a.title))</title></head><body style="max-width:375px;margin:0 auto;padding:16px">
            <h1 style="font-size:22px">\(escape(a.title))</h1><p style="color:#888">\(escape(a.author))</p>
            \(a.content)</body></html>
            """
        return SandboxHTTPResponse(status: 200, headers: [("Content-Type", "text/html; charset=utf-8")], body: Data(html.utf8))
    }
}
