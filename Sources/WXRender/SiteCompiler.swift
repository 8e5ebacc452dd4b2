import Foundation
import WXContent
import WXSupport

/// A site's posts compiled into articles: load → compile on every core, handed over in file
/// order. Used by `check`, `build`, `publish`, the bench and the tests, so they agree on what a
/// post compiles to. The pipeline is bounded (at most `window` posts in flight), so memory stays
/// flat in the number of posts, and the output is the same as compiling one post at a time:
/// each post's result depends only on the post, the theme and the site's files.
public struct SiteCompiler: Sendable {
    public let config: SiteConfig
    public let compiler: ArticleCompiler
    /// Threads compiling at once; 1 compiles on the calling thread. By default one more than the
    /// cores: a worker waiting in the kernel (a folder being made holds its parent's lock, a file
    /// being read) leaves its core to the extra one. `wxpub build` of 1,000 posts on 2 cores:
    /// 0.413 → 0.399 s (median of 11 alternating runs; 4 workers: 0.414 s).
    public var workers: Int
    /// Posts compiled ahead of the one being handed over.
    public var window: Int

    /// One post: where it is, what loading and compiling it said (sorted by position), and the
    /// result when it got that far.
    public struct Item: Sendable {
        public var path: String
        public var post: Post?
        /// The articles the post became: one, or the parts of a series (`split:` on a post over
        /// the content limit), each a derived post with its own compile result.
        public var articles: [Compiled] = []
        /// The first article's result (the whole post's, unless it was split).
        public var result: CompileResult? { articles.first?.result }
        public var diagnostics: [Diagnostic]
        public var errors: Int { diagnostics.filter { $0.severity == .error }.count }
        /// Whether the post was compiled whole, with no scheduling findings: then `diagnostics` and
        /// `result` are what loading and compiling the post alone says (as the preview compiles it).
        public var compiledWhole = false
    }

    /// One article of a post, and what the `output` step of `run` returned for it (set only for
    /// an article without errors).
    public struct Compiled: Sendable {
        public var post: Post
        public var result: CompileResult
        public var output: Output?
    }

    /// The result of the output step (e.g. files written), carried to the caller in file order.
    public struct Output: @unchecked Sendable {
        public var files: Int
        public var error: (any Error)?
    }

    public init(config: SiteConfig, compiler: ArticleCompiler, workers: Int = ProcessInfo.processInfo.activeProcessorCount + 1) {
        self.config = config
        self.compiler = compiler
        self.workers = max(1, workers)
        self.window = max(4, self.workers * 8)
    }

    /// Loads the site's theme. Throws `DiagnosticError` naming the theme file and line when it is broken.
    public init(config: SiteConfig) throws(DiagnosticError) {
        self.init(config: config, compiler: try ArticleCompiler(site: config))
    }

    /// Every post of the site, in file order.
    public var postPaths: [String] { Site(config: config).postPaths() }

    /// Findings about the theme, reported once per run.
    public var themeDiagnostics: [Diagnostic] { compiler.themeDiagnostics }

    /// Loads and compiles one post (a post with `split:` over the content limit: its parts).
    public func item(path: String) -> Item {
        let loaded = PostLoader(site: config).load(path: path)
        var diagnostics = loaded.diagnostics
        var articles: [Compiled] = []
        var whole = loaded.post == nil
        if let post = loaded.post {
            let scheduling = PostSchedule.read(post, config: config)
            diagnostics += scheduling.diagnostics
            whole = scheduling.diagnostics.isEmpty && scheduling.schedule.split == nil
            if !diagnostics.contains(where: { $0.severity == .error }) {
                articles = compileSplitting(post, scheduling.schedule).map { Compiled(post: $0.post, result: $0.result) }
                for article in articles { diagnostics += article.result.diagnostics }
            }
        }
        diagnostics.sort { ($0.location.file, $0.location.line, $0.location.column) < ($1.location.file, $1.location.line, $1.location.column) }
        return Item(path: path, post: loaded.post, articles: articles, diagnostics: diagnostics, compiledWhole: whole)
    }

    /// The post compiled as one article, or — with `split:` and over the content limit — as the
    /// parts of a series (each its own derived post); a split that cannot work is one error result.
    public func compileSplitting(_ post: Post, _ schedule: PostSchedule) -> [(post: Post, result: CompileResult)] {
        guard let level = schedule.split else { return [(post, compiler.compile(post))] }
        switch SeriesSplitter.compile(post, level: level, parts: schedule.parts, compiler: compiler) {
        case .whole(let result): return [(post, result)]
        case .parts(let parts): return parts.map { ($0.post, $0.result) }
        case .failed(let result): return [(post, result)]
        }
    }

    /// Compiles `paths` concurrently and calls `each` with every item, in the order of `paths`,
    /// on the calling thread. When `each` throws, no further post is started and the error is
    /// rethrown once the posts in flight finish.
    ///
    /// `output` runs on the compiling thread for every post that compiled without errors (the
    /// pipeline's write stage, e.g. `BuildWriter.write`); its answer is in `Item.output`.
    public func run(
        _ paths: [String], output: (@Sendable (Post, Article) throws -> Int)? = nil, each: (Item) throws -> Void
    ) throws {
        @Sendable func produce(_ path: String) -> Item {
            var made = item(path: path)
            if let output {
                for index in made.articles.indices {
                    let compiled = made.articles[index]
                    guard let article = compiled.result.article else { continue }
                    do {
                        made.articles[index].output = Output(files: try output(compiled.post, article), error: nil)
                    } catch {
                        made.articles[index].output = Output(files: 0, error: error)
                    }
                }
            }
            return made
        }
        if workers == 1 || paths.count < 2 {
            for path in paths { try each(produce(path)) }
            return
        }
        let pipeline = Pipeline(count: paths.count, window: window)
        let group = DispatchGroup()
        // Threads of their own, not Dispatch's global queue: the caller is often an async
        // command running on that queue's threads, and it blocks in `take` below. Dispatch does
        // not know that thread is waiting, so with 2 cores only one compiling block would run.
        for _ in 0..<min(workers, paths.count) {
            group.enter()
            let thread = Thread {
                while let index = pipeline.claim() {
                    pipeline.deliver(index, produce(paths[index]))
                }
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        defer {
            pipeline.cancel()
            group.wait()
        }
        for index in paths.indices {
            try each(pipeline.take(index))
        }
    }
}

/// The hand-over between the compiling threads and the caller: slots filled in any order,
/// taken in order, at most `window` ahead of the taker. Two conditions on one mutex, each
/// signalled only when someone waits on it for that event: the caller when the slot it awaits
/// arrives, one idle worker when a taken slot opens the window (one broadcast to everyone per
/// delivery and per take was ~4,200 futex calls for 1,000 posts).
private final class Pipeline: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// A worker waits here for the window to open.
    private let claimable = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// The caller waits here for the slot `awaited`.
    private let delivered = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let count: Int
    private let window: Int
    private var next = 0
    private var taken = 0
    private var cancelled = false
    private var idleWorkers = 0
    private var awaited: Int?
    private var ready: [Int: SiteCompiler.Item] = [:]

    init(count: Int, window: Int) {
        self.count = count
        self.window = window
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(claimable, nil)
        pthread_cond_init(delivered, nil)
    }

    deinit {
        pthread_cond_destroy(delivered)
        pthread_cond_destroy(claimable)
        pthread_mutex_destroy(mutex)
        delivered.deallocate()
        claimable.deallocate()
        mutex.deallocate()
    }

    func claim() -> Int? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while !cancelled, next < count, next - taken >= window {
            idleWorkers += 1
            pthread_cond_wait(claimable, mutex)
            idleWorkers -= 1
        }
        guard !cancelled, next < count else { return nil }
        next += 1
        return next - 1
    }

    func deliver(_ index: Int, _ item: SiteCompiler.Item) {
        pthread_mutex_lock(mutex)
        ready[index] = item
        if awaited == index { pthread_cond_signal(delivered) }
        pthread_mutex_unlock(mutex)
    }

    func take(_ index: Int) -> SiteCompiler.Item {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while ready[index] == nil {
            awaited = index
            pthread_cond_wait(delivered, mutex)
        }
        awaited = nil
        taken = index + 1
        // One slot opened: one waiting worker can claim it.
        if idleWorkers > 0 { pthread_cond_signal(claimable) }
        return ready.removeValue(forKey: index)!
    }

    func cancel() {
        pthread_mutex_lock(mutex)
        cancelled = true
        pthread_cond_broadcast(claimable)
        pthread_cond_broadcast(delivered)
        pthread_mutex_unlock(mutex)
    }
}
