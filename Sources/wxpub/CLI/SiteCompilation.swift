import Foundation
import WXContent
import WXRender
import WXSupport

/// Loads and compiles every post of a site (on every core, through `SiteCompiler`), printing
/// diagnostics in file order as it goes;
/// shared by `check`, `build` and `publish` so they agree on what is an error.
enum SiteCompilation {
    struct Summary {
        var posts = 0
        var errors = 0
        var warnings = 0
        var failedPosts = 0

        func line(verb: String) -> String {
            let postsText = posts == 1 ? "1 post" : "\(posts) posts"
            let e = errors == 1 ? "1 error" : "\(errors) errors"
            let w = warnings == 1 ? "1 warning" : "\(warnings) warnings"
            return "\(verb) \(postsText): \(e), \(w)"
        }

        func exitCode(strict: Bool) -> Int32 {
            errors > 0 || (strict && warnings > 0) ? ExitCode.content : ExitCode.ok
        }
    }

    /// The theme failed to load: already printed; exit 1.
    struct ThemeFailed: Error {}

    static func compiler(for config: SiteConfig, printer: inout DiagnosticPrinter) throws -> ArticleCompiler {
        do {
            return try ArticleCompiler(site: config)
        } catch {
            printer.print(error.diagnostics)
            throw ThemeFailed()
        }
    }

    /// `only`: site-relative paths or slugs to restrict to (empty means every post).
    static func run(
        config: SiteConfig, printer: inout DiagnosticPrinter, only: [String] = [],
        each: (Post, Article) throws -> Void
    ) throws -> Summary {
        try runDetailed(config: config, printer: &printer, only: only) { post, result in
            if let article = result.article { try each(post, article) }
        }
    }

    /// Like `run`, with a write step that runs on the compiling threads (bounded pipeline:
    /// load → compile → write); `each` gets what the write step did (files written, or its error), in file order.
    static func run(
        config: SiteConfig, printer: inout DiagnosticPrinter, only: [String] = [],
        write: @escaping @Sendable (Post, Article) throws -> Int, item: ((SiteCompiler.Item) -> Void)? = nil,
        each: (Post, Article, SiteCompiler.Output) throws -> Void
    ) throws -> Summary {
        try runDetailed(config: config, printer: &printer, only: only, write: write, item: item) { post, result, output in
            guard let article = result.article, let output else { return }
            try each(post, article, output)
        }
    }

    /// Like `run`, but hands over every compile result (with its document), errors included.
    static func runDetailed(
        config: SiteConfig, printer: inout DiagnosticPrinter, only: [String] = [],
        each: (Post, CompileResult) throws -> Void
    ) throws -> Summary {
        try runDetailed(config: config, printer: &printer, only: only, write: nil) { post, result, _ in try each(post, result) }
    }

    static func runDetailed(
        config: SiteConfig, printer: inout DiagnosticPrinter, only: [String],
        write: (@Sendable (Post, Article) throws -> Int)?, item seen: ((SiteCompiler.Item) -> Void)? = nil,
        each: (Post, CompileResult, SiteCompiler.Output?) throws -> Void
    ) throws -> Summary {
        // The posts are listed on another thread while the theme loads: both are serial work
        // that the first post waits for.
        let listing = PostListing(config: config)
        let compiler = try compiler(for: config, printer: &printer)
        var summary = Summary()
        let siteCompiler = SiteCompiler(config: config, compiler: compiler)
        // The theme's findings are printed first, but looked for once the posts are compiling
        // (when the first one is handed over): checking the theme is work the first post need not wait for.
        var themeReported = false
        func reportTheme() {
            themeReported = true
            let themeFindings = compiler.themeDiagnostics
            printer.print(themeFindings)
            summary.errors += themeFindings.filter { $0.severity == .error }.count
            summary.warnings += themeFindings.filter { $0.severity == .warning }.count
        }
        var paths = listing.paths()
        if !only.isEmpty {
            do {
                paths = try select(only, from: paths, config: config)
            } catch {
                // A POST argument that names no post: the theme's findings are still reported.
                reportTheme()
                throw error
            }
        }
        try siteCompiler.run(paths, output: write) { item in
            if !themeReported { reportTheme() }
            summary.posts += 1
            printer.print(item.diagnostics)
            let errors = item.errors
            summary.errors += errors
            summary.warnings += item.diagnostics.count - errors
            if errors > 0 { summary.failedPosts += 1 }
            seen?(item)
            for article in item.articles { try each(article.post, article.result, article.output) }
        }
        if !themeReported { reportTheme() }
        return summary
    }

    /// `Site.postPaths()`, read on a thread of its own while the caller goes on (not on Dispatch's
    /// pool, whose threads may all be busy or blocked, as the caller's own is in `paths()`).
    final class PostListing: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        /// Written once on the listing thread, read after `done` is signalled.
        private var listed: [String] = []

        init(config: SiteConfig) {
            Thread {
                self.listed = Site(config: config).postPaths()
                self.done.signal()
            }.start()
        }

        func paths() -> [String] {
            done.wait()
            return listed
        }
    }

    /// Resolves POST arguments (a file path or a slug) to site-relative post paths.
    static func select(_ names: [String], from paths: [String], config: SiteConfig) throws -> [String] {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let rootPath = config.root.standardizedFileURL.path
        var chosen: [String] = []
        for name in names {
            let absolute = URL(fileURLWithPath: name, relativeTo: cwd).standardizedFileURL.path
            let relative = absolute.hasPrefix(rootPath + "/") ? String(absolute.dropFirst(rootPath.count + 1)) : name
            if let match = paths.first(where: { $0 == relative || $0 == name }) {
                chosen.append(match)
            } else if let match = paths.first(where: { PostLoader.slug(fromFileName: PostLoader.fileName(path: $0)) == name }) {
                chosen.append(match)
            } else {
                throw UsageError(message: "no post named `\(name)`: give a file under \(config.contentDirectory)/ or a post's slug")
            }
        }
        return chosen
    }
}
