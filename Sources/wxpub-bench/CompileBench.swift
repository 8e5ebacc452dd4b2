import CCmark
import Foundation
import WXContent
import WXRender
import WXSupport

/// What one pass over a corpus did, kept so the work cannot be optimised away and so a corpus
/// that fails to compile is noticed rather than timed.
struct PassResult {
    var posts = 0
    var outputBytes = 0
    var postsWithErrors = 0
    var firstError: String?
    /// Time spent in `PostLoader.load` (read, split, YAML, typed fields) and in `compile`.
    var loadSeconds = 0.0
    var compileSeconds = 0.0
}

/// `WXContent` loading + `ArticleCompiler.compile`, against libcmark parse + render of the same
/// files in the same process.
enum CompileBench {
    /// The baseline's options: the parser option wxpub uses (`SOURCEPOS`); `VALIDATE_UTF8`, since
    /// the baseline parses the file's bytes while wxpub validates them when it reads the post; and
    /// `UNSAFE` so raw `<p>` blocks are rendered rather than replaced by a comment.
    static let cmarkOptions: Int32 = CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_UNSAFE

    /// One wxpub pass, streaming: one post loaded and compiled at a time, nothing kept.
    static func wxpubPass(config: SiteConfig, compiler: ArticleCompiler) -> PassResult {
        var result = PassResult()
        let loader = PostLoader(site: config)
        for path in Site(config: config).postPaths() {
            let t0 = Measure.nanoseconds()
            let loaded = loader.load(path: path)
            let t1 = Measure.nanoseconds()
            result.posts += 1
            var errors = loaded.diagnostics.filter { $0.severity == .error }
            if let post = loaded.post {
                let compiled = compiler.compile(post)
                result.outputBytes += compiled.contentUTF8Count ?? 0
                errors += compiled.diagnostics.filter { $0.severity == .error }
            }
            let t2 = Measure.nanoseconds()
            result.loadSeconds += Double(t1 - t0) / 1e9
            result.compileSeconds += Double(t2 - t1) / 1e9
            if !errors.isEmpty {
                result.postsWithErrors += 1
                if result.firstError == nil { result.firstError = errors[0].description }
            }
        }
        return result
    }

    /// The baseline: read each file and render it to HTML with libcmark.
    static func cmarkPass(root: URL, paths: [String]) -> PassResult {
        var result = PassResult()
        for path in paths {
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else { continue }
            result.outputBytes += data.withUnsafeBytes { raw -> Int in
                let chars = raw.bindMemory(to: CChar.self)
                guard let html = cmark_markdown_to_html(chars.baseAddress, chars.count, cmarkOptions) else { return 0 }
                defer { free(html) }
                return strlen(html)
            }
            result.posts += 1
        }
        return result
    }

    struct Figures {
        var posts: Int
        var bytes: Int
        var wxpub: Samples
        var cmark: Samples
        var load: Samples
        var compile: Samples
        var postsWithErrors: Int
        var firstError: String?
        var ratio: Double { wxpub.best / cmark.best }
    }

    /// `rounds` alternating pairs after one untimed warm-up pair (page cache, lazy tables).
    static func run(corpus: Corpus, rounds: Int) throws -> Figures {
        let config = try SiteConfig.load(root: corpus.root, environment: [:])
        let compiler = try ArticleCompiler(site: config)
        let warm = wxpubPass(config: config, compiler: compiler)
        _ = cmarkPass(root: corpus.root, paths: corpus.postPaths)
        var figures = Figures(
            posts: warm.posts, bytes: corpus.markdownBytes, wxpub: Samples(), cmark: Samples(), load: Samples(), compile: Samples(),
            postsWithErrors: warm.postsWithErrors, firstError: warm.firstError)
        for round in 0..<rounds {
            // Alternate which side goes first, so neither always runs on a warmer machine.
            var pass = PassResult()
            let wx = { figures.wxpub.add(Measure.seconds { pass = wxpubPass(config: config, compiler: compiler) }) }
            let cm = { figures.cmark.add(Measure.seconds { _ = cmarkPass(root: corpus.root, paths: corpus.postPaths) }) }
            if round % 2 == 0 { wx(); cm() } else { cm(); wx() }
            figures.load.add(pass.loadSeconds)
            figures.compile.add(pass.compileSeconds)
        }
        return figures
    }
}
