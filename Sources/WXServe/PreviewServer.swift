import Foundation
import WXContent
import WXHTTP
import WXRender
import WXSupport

/// `wxpub serve`: the site's index and a live phone preview of every post. Compiles the site once,
/// then a watcher thread polls the files and recompiles what changed; pages wait on
/// `/__wxpub/changes` (long polling) and reload themselves when the site's version moves on.
/// Reads only: never needs credentials, never writes the site or its state.
public final class PreviewServer: @unchecked Sendable {
    public struct Options: Sendable {
        public var host: String
        public var port: Int
        /// How often the watcher looks at the files.
        public var pollInterval: TimeInterval
        /// How long `/__wxpub/changes` waits before answering "no change".
        public var longPollTimeout: TimeInterval
        public var limits: HTTPLimits

        public init(host: String = "127.0.0.1", port: Int = 8000, pollInterval: TimeInterval = 0.2, longPollTimeout: TimeInterval = 25, limits: HTTPLimits = HTTPLimits(maxBodyBytes: 64 * 1024)) {
            self.host = host
            self.port = port
            self.pollInterval = pollInterval
            self.longPollTimeout = longPollTimeout
            self.limits = limits
        }
    }

    public let root: URL
    public let options: Options
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var version = 1
    private var config: SiteConfig?
    private var configDiagnostics: [Diagnostic] = []
    private var posts: [PreviewedPost] = []
    private var stopping = false
    // Owned by the watcher thread (and `init`).
    private var watcher: SiteWatcher?
    private var compiler: PreviewCompiler?
    private var http: HTTPServer?
    /// Serializes `refresh()` (the watcher thread, and tests that call it directly).
    private let refreshLock = NSLock()
    private let watcherDone = DispatchSemaphore(value: 0)
    private var watcherRunning = false

    /// Loads and compiles the whole site (a broken config shows on every page until fixed).
    public init(root: URL, options: Options = Options()) {
        self.root = root.standardizedFileURL
        self.options = options
        refreshLock.lock()
        reloadSite()
        refreshLock.unlock()
    }

    /// Binds and starts serving and watching; returns the URL to open (`http://HOST:PORT/`).
    public func start() throws -> URL {
        let server = HTTPServer(limits: options.limits) { [weak self] request in
            guard let self else { return .drop }
            return .respond(self.handle(request))
        }
        let port = try server.start(host: options.host, port: options.port)
        http = server
        watcherRunning = true
        let thread = Thread { [self] in watchLoop() }
        thread.name = "wxpub-serve-watch"
        thread.start()
        return URL(string: "http://\(options.host):\(port)/")!
    }

    /// Stops watching and serving; pages waiting for a change are answered at once.
    public func stop() {
        condition.lock()
        let wasStopping = stopping
        stopping = true
        condition.broadcast()
        condition.unlock()
        guard !wasStopping else { return }
        if watcherRunning { watcherDone.wait() }
        http?.stop()
        http = nil
    }

    deinit { http?.stop() }

    /// The site's version: it moves on whenever a watched file changes.
    public var currentVersion: Int {
        condition.lock()
        defer { condition.unlock() }
        return version
    }

    /// Looks at the files once and recompiles what changed; true when something did.
    /// The watcher thread calls this; tests may call it directly.
    @discardableResult
    public func refresh() -> Bool {
        refreshLock.lock()
        defer { refreshLock.unlock() }
        guard var watcher else {
            reloadSite()
            return true
        }
        let changes = watcher.poll()
        self.watcher = watcher
        guard !changes.isEmpty else { return false }
        if !changes.siteWide.isEmpty || !changes.assets.isEmpty || compiler == nil {
            // The config, the theme or an image changed: a fresh compiler (its image facts too).
            reloadSite()
            return true
        }
        guard let compiler else { return false }
        condition.lock()
        var updated = posts
        condition.unlock()
        // A journal change alone recompiles nothing: the index computes states per request.
        for path in changes.posts {
            updated.removeAll { $0.path == path }
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) {
                updated.append(compiler.compile(path: path))
            }
        }
        updated.sort { $0.path < $1.path }
        publish(config: compiler.config, diagnostics: [], posts: updated)
        return true
    }

    private func reloadSite() {
        do {
            let config = try SiteConfig.load(root: root)
            let compiler = PreviewCompiler(config: config)
            watcher = SiteWatcher(
                root: root, contentDirectory: config.contentDirectory, templatesDirectory: config.templatesDirectory, stateDirectory: config.stateDirectory)
            self.compiler = compiler
            publish(config: config, diagnostics: [], posts: compiler.compileAll())
        } catch {
            // Keep watching so fixing wxpub.yml brings the site back.
            watcher = SiteWatcher(root: root, contentDirectory: config?.contentDirectory ?? "content", templatesDirectory: config?.templatesDirectory ?? "templates")
            compiler = nil
            publish(config: nil, diagnostics: error.diagnostics, posts: [])
        }
    }

    private func publish(config: SiteConfig?, diagnostics: [Diagnostic], posts: [PreviewedPost]) {
        condition.lock()
        self.config = config
        configDiagnostics = diagnostics
        self.posts = posts
        version += 1
        condition.broadcast()
        condition.unlock()
    }

    private func watchLoop() {
        defer { watcherDone.signal() }
        while true {
            condition.lock()
            if stopping {
                condition.unlock()
                return
            }
            _ = condition.wait(until: Date().addingTimeInterval(options.pollInterval))
            let stop = stopping
            condition.unlock()
            if stop { return }
            refresh()
        }
    }

    /// Waits until the version differs from `since` (or the timeout passes, or the server stops).
    func waitForChange(since: Int, timeout: TimeInterval) -> Int {
        let until = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while version == since && !stopping {
            if !condition.wait(until: until) { break }
        }
        return version
    }

    private func snapshot() -> (config: SiteConfig?, diagnostics: [Diagnostic], posts: [PreviewedPost], version: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (config, configDiagnostics, posts, version)
    }

    // MARK: Routing

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            var response = HTTPResponse.text("wxpub serve answers GET and HEAD only\n", status: 405)
            response.headers.append(("Allow", "GET, HEAD"))
            return response
        }
        if request.path == "/__wxpub/changes" {
            let since = request.query["since"].flatMap { Int($0) } ?? 0
            let now = waitForChange(since: since, timeout: options.longPollTimeout)
            return HTTPResponse(
                status: 200, headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")], body: Data("{\"version\":\(now)}".utf8))
        }
        let state = snapshot()
        guard let config = state.config else {
            return page(configErrorPage(state.diagnostics, version: state.version), status: 500, request: request)
        }
        let path = request.path
        if path == "/" || path == "/index.html" {
            let overview = SiteOverview(config: config, posts: state.posts)
            return page(PreviewPages.index(overview, links: .served, version: state.version), request: request)
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        let slugPage = (parts.count == 2 && (parts[1].isEmpty || parts[1] == "index.html")) || parts.count == 1
        if slugPage, !parts[0].isEmpty, let item = state.posts.first(where: { $0.slug == parts[0] }) {
            if parts.count == 1 {
                let location = "/" + (parts[0].addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? parts[0]) + "/"
                return HTTPResponse(status: 301, headers: [("Location", location), ("Content-Type", "text/plain; charset=utf-8")], body: Data("see \(location)\n".utf8))
            }
            let html = PreviewPages.post(
                item, accountName: config.accountName, date: SiteOverview.date(of: item, timeZone: config.timeZone),
                imageSources: imageSources(item), version: state.version, sourceLine: sourceLines())
            return page(html, request: request)
        }
        let files = SiteFiles(root: root, contentDirectory: config.contentDirectory, stateDirectory: config.stateDirectory)
        let referenced = Set(state.posts.flatMap { item in ((item.article?.images ?? []) + (item.article.map { [$0.cover] } ?? [])).compactMap(\.path) })
        if let (url, type) = try? files.resolve(path: path, rawPath: request.rawPath, referenced: referenced) {
            return file(url, type: type, request: request)
        }
        return page(PreviewPages.notFound(path, version: state.version), status: 404, request: request)
    }

    /// Reads a diagnostic's line from the site's file (each file once per page); nothing outside the site.
    private func sourceLines() -> (SourceLocation) -> String? {
        var files: [String: [Substring]] = [:]
        let base = root.resolvingSymlinksInPath().path
        return { [root] location in
            let path = location.file
            guard !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else { return nil }
            if files[path] == nil {
                let url = root.appendingPathComponent(path).resolvingSymlinksInPath()
                guard url.path.hasPrefix(base + "/"), let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
                files[path] = text.split(separator: "\n", omittingEmptySubsequences: false)
            }
            guard let lines = files[path], location.line >= 1, location.line <= lines.count else { return nil }
            let line = lines[location.line - 1]
            return String(line.hasSuffix("\r") ? line.dropLast() : line)
        }
    }

    private func imageSources(_ item: PreviewedPost) -> [String: String] {
        guard let article = item.article else { return [:] }
        var sources: [String: String] = [:]
        for image in article.images + [article.cover] {
            if let path = image.path { sources[image.source] = SiteFiles.urlPath(forSitePath: path) }
        }
        return sources
    }

    private func configErrorPage(_ diagnostics: [Diagnostic], version: Int) -> String {
        let item = PreviewedPost(path: SiteConfig.fileName, slug: "wxpub.yml", post: nil, article: nil, content: nil, diagnostics: diagnostics)
        return PreviewPages.post(item, accountName: "wxpub.yml", date: "", imageSources: [:], version: version, sourceLine: sourceLines())
    }

    /// An HTML page with an ETag, answered 304 when the browser already has it.
    private func page(_ html: String, status: Int = 200, request: HTTPRequest) -> HTTPResponse {
        let body = Data(html.utf8)
        var hash = SHA256()
        hash.update(body)
        let etag = "\"" + hash.finalize().prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
        let headers = [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-cache"), ("ETag", etag)]
        if status == 200, Self.matches(request.header("If-None-Match"), etag) {
            return HTTPResponse(status: 304, headers: headers)
        }
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    private func file(_ url: URL, type: String, request: HTTPRequest) -> HTTPResponse {
        guard let stamp = SiteWatcher.stamp(url.path), let data = FileManager.default.contents(atPath: url.path) else {
            return page(PreviewPages.notFound(request.path, version: nil), status: 404, request: request)
        }
        let etag = "\"\(String(stamp.size, radix: 16))-\(String(stamp.modified, radix: 16))\""
        let modified = Date(timeIntervalSince1970: TimeInterval(stamp.modified / 1_000_000_000))
        let lastModified = HTTPDate.format(modified)
        let headers = [("Content-Type", type), ("Cache-Control", "no-cache"), ("ETag", etag), ("Last-Modified", lastModified)]
        if let tags = request.header("If-None-Match") {
            if Self.matches(tags, etag) { return HTTPResponse(status: 304, headers: headers) }
        } else if let since = request.header("If-Modified-Since").flatMap(HTTPDate.parse), modified <= since {
            return HTTPResponse(status: 304, headers: headers)
        }
        return HTTPResponse(status: 200, headers: headers, body: data)
    }

    static func matches(_ header: String?, _ etag: String) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { tag in
            let t = tag.trimmingCharacters(in: .whitespaces)
            return t == "*" || t == etag || t == "W/" + etag
        }
    }
}

/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the only form HTTP/1.1 senders use.
enum HTTPDate {
    static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "GMT")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        return String(format: "%@, %02d %@ %04d %02d:%02d:%02d GMT", days[c.weekday! - 1], c.day!, months[c.month! - 1], c.year!, c.hour!, c.minute!, c.second!)
    }

    static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]), let month = months.firstIndex(of: String(parts[2])), let year = Int(parts[3]) else { return nil }
        let time = parts[4].split(separator: ":").compactMap { Int($0) }
        guard time.count == 3 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "GMT")!
        return calendar.date(from: DateComponents(year: year, month: month + 1, day: day, hour: time[0], minute: time[1], second: time[2]))
    }
}
