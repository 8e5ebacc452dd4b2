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
    /// Threads compiling at once; 1 compiles on the calling thread.
    public var workers: Int
    /// Posts compiled ahead of the one being handed over.
    public var window: Int

    /// One post: where it is, what loading and compiling it said (sorted by position), and the
    /// result when it got that far.
    public struct Item: Sendable {
        public var path: String
        public var post: Post?
        public var result: CompileResult?
        public var diagnostics: [Diagnostic]
        public var errors: Int { diagnostics.filter { $0.severity == .error }.count }
        /// What the `output` step of `run` returned for an article without errors, or threw.
        public var output: Output?
    }

    /// The result of the output step (e.g. files written), carried to the caller in file order.
    public struct Output: @unchecked Sendable {
        public var files: Int
        public var error: (any Error)?
    }

    public init(config: SiteConfig, compiler: ArticleCompiler, workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
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

    /// Loads and compiles one post.
    public func item(path: String) -> Item {
        let loaded = PostLoader(site: config).load(path: path)
        var diagnostics = loaded.diagnostics
        var result: CompileResult?
        if let post = loaded.post, !diagnostics.contains(where: { $0.severity == .error }) {
            let compiled = compiler.compile(post)
            diagnostics += compiled.diagnostics
            result = compiled
        }
        diagnostics.sort { ($0.location.file, $0.location.line, $0.location.column) < ($1.location.file, $1.location.line, $1.location.column) }
        return Item(path: path, post: loaded.post, result: result, diagnostics: diagnostics)
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
            if let output, let post = made.post, let article = made.result?.article {
                do {
                    made.output = Output(files: try output(post, article), error: nil)
                } catch {
                    made.output = Output(files: 0, error: error)
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
        for _ in 0..<min(workers, paths.count) {
            DispatchQueue.global().async(group: group) {
                while let index = pipeline.claim() {
                    pipeline.deliver(index, produce(paths[index]))
                }
            }
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
/// taken in order, at most `window` ahead of the taker.
private final class Pipeline: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private let window: Int
    private var next = 0
    private var taken = 0
    private var cancelled = false
    private var ready: [Int: SiteCompiler.Item] = [:]

    init(count: Int, window: Int) {
        self.count = count
        self.window = window
    }

    func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled, next < count, next - taken >= window { condition.wait() }
        guard !cancelled, next < count else { return nil }
        next += 1
        return next - 1
    }

    func deliver(_ index: Int, _ item: SiteCompiler.Item) {
        condition.lock()
        ready[index] = item
        condition.broadcast()
        condition.unlock()
    }

    func take(_ index: Int) -> SiteCompiler.Item {
        condition.lock()
        defer { condition.unlock() }
        while ready[index] == nil { condition.wait() }
        taken = index + 1
        condition.broadcast()
        return ready.removeValue(forKey: index)!
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
