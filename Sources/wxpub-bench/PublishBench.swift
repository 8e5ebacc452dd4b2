import Foundation
import WXAPI
import WXContent
import WXLocalSandbox
import WXPublish
import WXRender
import WXSandbox

/// `Publisher.run` over a corpus with media against an in-process sandbox, against the same
/// number of bare `draft/add` calls through `WeChatClient` to the same sandbox.
///
/// The posts are in `draft` mode: the sandbox enforces the platform's mass-send quota (one a day
/// for a subscription account), so fifty real broadcasts cannot happen in one run. A publisher
/// "broadcast" here is therefore plan → upload media → journal → `draft/add` → journal.
enum PublishBench {
    struct Figures {
        var posts: Int
        var publisher: Samples
        /// The same run with the journal and media cache kept in memory (no files, no fsync):
        /// what the durability of the state folder costs. Measured only with an in-memory sandbox.
        var publisherMemoryState = Samples()
        var stateWrites = 0
        var stateBytes = 0
        var baseline: Samples
        /// `/cgi-bin/...` calls the sandbox saw during one publisher run, by path.
        var publisherCalls: [String: Int]
        var baselineCalls: Int
        var uploadsPerRun: Int
        var ratio: Double { publisher.best / baseline.best }
        var publisherCallTotal: Int { publisherCalls.values.reduce(0, +) }
    }

    /// `persistent`: let the sandbox save its state after every call, as `wxpub publish --sandbox`
    /// does. Off, the sandbox keeps its state in memory, so the figure is about wxpub, not about
    /// the emulator's disk writes.
    static func run(root: URL, rounds: Int, persistent: Bool) async throws -> Figures {
        let config = try SiteConfig.load(root: root, environment: [:])
        let compiler = try ArticleCompiler(site: config)
        var compiled: [CompiledPost] = []
        try Site(config: config).forEachPost { loaded in
            guard let post = loaded.post else { throw BenchError("\(loaded.diagnostics.first?.description ?? "a post did not load")") }
            let result = compiler.compile(post)
            guard let article = result.article else {
                throw BenchError("the publish corpus does not compile: \(result.diagnostics.first?.description ?? "?")")
            }
            compiled.append(CompiledPost(post: post, article: article))
        }
        var figures = Figures(
            posts: compiled.count, publisher: Samples(), baseline: Samples(), publisherCalls: [:], baselineCalls: 0, uploadsPerRun: 0)
        for round in 0..<rounds {
            // A fresh sandbox and state folder per round: the journal would make a second run a no-op.
            try? FileManager.default.removeItem(at: config.root.appendingPathComponent(config.stateDirectory))
            let connection = try AccountConnection.sandbox(config: config, configure: { if !persistent { $0.dataDirectory = nil } })
            defer { connection.sandbox?.stop() }
            guard let sandbox = connection.server else { throw BenchError("no sandbox was started") }
            // Rotate the order, so no side always meets the fullest sandbox.
            var steps: [Int] = persistent ? [0, 2] : [0, 1, 2]
            for _ in 0..<(round % steps.count) { steps.append(steps.removeFirst()) }
            for step in steps {
                switch step {
                case 0: try await publisherRound(compiled, config: config, connection: connection, store: nil, sandbox: sandbox, into: &figures)
                case 1:
                    let store = MemoryStateStore()
                    try await publisherRound(compiled, config: config, connection: connection, store: store, sandbox: sandbox, into: &figures)
                    figures.stateWrites = store.writes
                    figures.stateBytes = store.bytes
                default: try await baselineRound(compiled, root: config.root, sandbox: sandbox, into: &figures)
                }
            }
        }
        return figures
    }

    private static func publisherRound(
        _ compiled: [CompiledPost], config: SiteConfig, connection: AccountConnection, store: MemoryStateStore?, sandbox: SandboxServer,
        into figures: inout Figures
    ) async throws {
        let planner = Planner(config: config, appID: connection.appID, apiBase: connection.apiBase)
        let publisher = Publisher(planner: planner, client: connection.client, store: store ?? connection.store, clock: connection.clock)
        let before = sandbox.ledger().calls
        var outcomes: [Publisher.Outcome] = []
        let seconds = try await Measure.seconds {
            outcomes = try await publisher.run(compiled, options: Planner.Options(ignoreSchedule: true)).outcomes
        }
        let drafted = outcomes.filter { if case .drafted = $0.result { return true } else { return false } }.count
        guard drafted == compiled.count else {
            let other = outcomes.first { if case .drafted = $0.result { return false } else { return true } }
            throw BenchError("the publisher drafted \(drafted) of \(compiled.count) posts; first other outcome: \(String(describing: other?.result))")
        }
        if store != nil {
            figures.publisherMemoryState.add(seconds)
            return
        }
        figures.publisher.add(seconds)
        var calls: [String: Int] = [:]
        for (path, count) in sandbox.ledger().calls where count - (before[path] ?? 0) > 0 { calls[path] = count - (before[path] ?? 0) }
        // Round 0 runs the publisher first on a fresh sandbox: its count includes the token fetch.
        if figures.publisherCalls.isEmpty { figures.publisherCalls = calls }
        figures.uploadsPerRun = outcomes.reduce(0) { $0 + $1.uploads }
    }

    /// Uploads the images and covers once (untimed), then times one `draft/add` per post with the
    /// same article fields the publisher sends.
    private static func baselineRound(
        _ compiled: [CompiledPost], root: URL, sandbox: SandboxServer, into figures: inout Figures
    ) async throws {
        let client = WeChatClient(
            credentials: WeChatCredentials(appID: sandbox.configuration.appID, secret: sandbox.configuration.secret),
            baseURL: sandbox.baseURL, transport: URLSessionTransport(), stateDirectory: nil, clock: sandbox.clock)
        _ = try await client.accessToken()
        var sources: [String: String] = [:]
        var covers: [String: String] = [:]
        for item in compiled {
            for image in item.article.images where sources[image.source] == nil {
                sources[image.source] = try await client.uploadImage(try imageData(image, root: root), baseName: "body")
            }
            let cover = item.article.cover
            if covers[cover.source] == nil {
                let file = try MediaFile.image(try imageData(cover, root: root), baseName: "cover")
                covers[cover.source] = try await client.addMaterial(type: .image, file: file).mediaID
            }
        }
        let articles = compiled.map { item in
            DraftArticle(
                title: item.article.title, author: item.article.author.isEmpty ? nil : item.article.author, digest: item.article.digest,
                content: item.article.content(replacingImageSources: sources),
                contentSourceURL: item.article.contentSourceURL.isEmpty ? nil : item.article.contentSourceURL,
                thumbMediaID: covers[item.article.cover.source] ?? "", needOpenComment: item.article.needOpenComment,
                onlyFansCanComment: item.article.onlyFansCanComment)
        }
        let before = sandbox.ledger().callCount("/cgi-bin/draft/add")
        let seconds = try await Measure.seconds {
            for article in articles { _ = try await client.addDraft(articles: [article]) }
        }
        figures.baseline.add(seconds)
        figures.baselineCalls = sandbox.ledger().callCount("/cgi-bin/draft/add") - before
    }

    private static func imageData(_ image: ArticleImage, root: URL) throws -> Data {
        guard let path = image.path else { throw BenchError("image \(image.source) is not a local file") }
        return try Data(contentsOf: root.appendingPathComponent(path))
    }
}

/// The state folder in memory, counting what would have been written: isolates what the durable
/// journal (temp file, fsync, rename, fsync of the folder, per step) costs.
final class MemoryStateStore: StateStore, @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: Data] = [:]
    private(set) var writes = 0
    private(set) var bytes = 0

    func read(_ name: String) throws -> Data? {
        lock.lock()
        defer { lock.unlock() }
        return files[name]
    }

    func write(_ name: String, _ data: Data) throws {
        lock.lock()
        defer { lock.unlock() }
        files[name] = data
        writes += 1
        bytes += data.count
    }

    func lock(_ name: String, wait: Bool) throws -> AnyObject { NSObject() }
}
