import Foundation
import WXContent
import WXPublish
import WXRender
import WXSupport

/// One post as the preview shows it: the loaded post (when its front matter parsed), the article
/// (when it compiled without errors) and every finding, in file order.
public struct PreviewedPost: Sendable {
    public var path: String
    public var slug: String
    /// The post and the article, held once: a build keeps one `PreviewedPost` per post for its
    /// index, in a dictionary and then an array, which held ~800-byte copies each.
    private var parts: SharedValue<Parts>

    private struct Parts: Sendable {
        var post: Post?
        var article: Article?
    }

    public var post: Post? {
        _read { yield parts.value.post }
        _modify { yield &parts.value.post }
    }

    public var article: Article? {
        _read { yield parts.value.article }
        _modify { yield &parts.value.article }
    }
    /// The styled HTML whenever rendering got that far, errors or not, so its size can be shown
    /// when the size is the problem.
    public var content: String?
    public var diagnostics: [Diagnostic]
    /// The article's `CompiledPost.contentHash`, when computed before its content was dropped.
    public var contentHash: String? = nil
    /// How many errors and warnings there were, when `diagnostics` were dropped (the build's index
    /// shows only the counts).
    public var counts: (errors: Int, warnings: Int)? = nil

    public var errors: Int { counts?.errors ?? diagnostics.filter { $0.severity == .error }.count }
    public var warnings: Int { counts?.warnings ?? diagnostics.filter { $0.severity == .warning }.count }
    /// The title to show even when the post does not compile: the front matter's, else the file's slug.
    public var displayTitle: String { article?.title ?? post?.title?.value ?? slug }

    public init(
        path: String, slug: String, post: Post?, article: Article?, content: String?, diagnostics: [Diagnostic],
        contentHash: String? = nil, counts: (errors: Int, warnings: Int)? = nil
    ) {
        self.path = path
        self.slug = slug
        parts = SharedValue(Parts(post: post, article: article))
        self.content = content
        self.diagnostics = diagnostics
        self.contentHash = contentHash
        self.counts = counts
    }
}

extension PreviewedPost {
    /// The post as the index needs it, from what a site compilation made of it; nil when that
    /// differs from what the preview compiles (a post with scheduling findings or `split:`).
    /// Only what the index shows and plans with is kept, so a build holding every post for its
    /// index stays small however many posts there are: no Markdown body, no HTML (`content` is nil
    /// and the article's content is replaced by its `contentHash`, computed here), no references,
    /// digest or author (the index shows neither, the plan's hash already covers them), and the
    /// findings' counts instead of the findings; of the front matter, only the fields the planner
    /// reads (`PostSchedule.fieldNames(config:)`, the series keys).
    public init?(item: SiteCompiler.Item, config: SiteConfig) {
        guard item.compiledWhole else { return nil }
        var article = item.result?.article
        var hash: String?
        if let post = item.post, let full = article {
            hash = CompiledPost(post: post, article: full).contentHash
            article?.content = ""
            article?.references = []
            article?.digest = ""
            article?.author = ""
        }
        var post = item.post
        post?.body = ""
        post?.digest = nil
        post?.author = nil
        if let frontMatter = post?.frontMatter, !frontMatter.isEmpty {
            var planned: [String: YAMLNode] = [:]
            for key in PostSchedule.fieldNames(config: config) + [SeriesSplitter.seriesOfKey, SeriesSplitter.seriesPartKey, SeriesSplitter.seriesPartsKey] {
                if let node = frontMatter[key] { planned[key] = node }
            }
            post?.frontMatter = planned
        }
        let errors = item.errors
        self.init(
            path: item.path,
            slug: item.post?.slug ?? PostLoader.slug(fromFileName: PostLoader.fileName(path: item.path)),
            post: post, article: article, content: nil, diagnostics: [], contentHash: hash,
            counts: (errors, item.diagnostics.count - errors))
    }
}

/// Compiles one post for the preview — the one place `serve` and the index call the compiler,
/// so pointing them at another compile API (a site compiler) is a change here only.
public struct PreviewCompiler: Sendable {
    public let config: SiteConfig
    let compiler: ArticleCompiler?
    /// Findings about the theme (a broken theme is an error on every post).
    public let themeDiagnostics: [Diagnostic]

    public init(config: SiteConfig) {
        self.config = config
        do {
            let compiler = try ArticleCompiler(site: config)
            self.compiler = compiler
            themeDiagnostics = compiler.themeDiagnostics
        } catch {
            compiler = nil
            themeDiagnostics = error.diagnostics
        }
    }

    public func compile(path: String) -> PreviewedPost {
        let loaded = PostLoader(site: config).load(path: path)
        let fileSlug = PostLoader.slug(fromFileName: PostLoader.fileName(path: path))
        var result = PreviewedPost(
            path: path, slug: loaded.post?.slug ?? fileSlug, post: loaded.post, article: nil, content: nil, diagnostics: loaded.diagnostics)
        guard let compiler else {
            result.diagnostics += themeDiagnostics
            return result
        }
        if let post = loaded.post, !loaded.diagnostics.contains(where: { $0.severity == .error }) {
            let compiled = compiler.compile(post)
            result.diagnostics += compiled.diagnostics
            result.article = compiled.article
            result.content = compiled.content
        }
        result.diagnostics.sort {
            ($0.location.file, $0.location.line, $0.location.column) < ($1.location.file, $1.location.line, $1.location.column)
        }
        return result
    }

    /// Every post of the site, in file order.
    public func compileAll() -> [PreviewedPost] {
        Site(config: config).postPaths().map { compile(path: $0) }
    }
}
