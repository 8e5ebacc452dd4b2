import Foundation
import WXContent
import WXPublish
import WXRender
import WXSupport

/// Loads and compiles every post of a site one at a time, printing diagnostics as it goes;
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

    /// Like `run`, but hands over every compile result (with its document), errors included.
    static func runDetailed(
        config: SiteConfig, printer: inout DiagnosticPrinter, only: [String] = [],
        each: (Post, CompileResult) throws -> Void
    ) throws -> Summary {
        let compiler = try compiler(for: config, printer: &printer)
        var summary = Summary()
        let themeFindings = compiler.themeDiagnostics
        printer.print(themeFindings)
        summary.errors += themeFindings.filter { $0.severity == .error }.count
        summary.warnings += themeFindings.filter { $0.severity == .warning }.count
        let site = Site(config: config)
        var paths = site.postPaths()
        if !only.isEmpty {
            paths = try select(only, from: paths, config: config)
        }
        let loader = PostLoader(site: config)
        for path in paths {
            let loaded = loader.load(path: path)
            summary.posts += 1
            var diagnostics = loaded.diagnostics
            var compiled: [(Post, CompileResult)] = []
            if let post = loaded.post {
                let scheduling = PostSchedule.read(post, config: config)
                diagnostics += scheduling.diagnostics
                if !diagnostics.contains(where: { $0.severity == .error }) {
                    compiled = compileSplitting(post, scheduling.schedule, compiler: compiler)
                    for (_, result) in compiled { diagnostics += result.diagnostics }
                }
            }
            diagnostics.sort { ($0.location.file, $0.location.line, $0.location.column) < ($1.location.file, $1.location.line, $1.location.column) }
            printer.print(diagnostics)
            let errors = diagnostics.filter { $0.severity == .error }.count
            summary.errors += errors
            summary.warnings += diagnostics.count - errors
            if errors > 0 { summary.failedPosts += 1 }
            for (post, result) in compiled { try each(post, result) }
        }
        return summary
    }

    /// The post compiled as one article, or — with `split:` and over the content limit — as the
    /// parts of a series (each its own derived post); a split that cannot work is one error result.
    static func compileSplitting(_ post: Post, _ schedule: PostSchedule, compiler: ArticleCompiler) -> [(Post, CompileResult)] {
        guard let level = schedule.split else { return [(post, compiler.compile(post))] }
        switch SeriesSplitter.compile(post, level: level, parts: schedule.parts, compiler: compiler) {
        case .whole(let result): return [(post, result)]
        case .parts(let parts): return parts.map { ($0.post, $0.result) }
        case .failed(let result): return [(post, result)]
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
            } else if let match = paths.first(where: { PostLoader.slug(fromFileName: URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent) == name }) {
                chosen.append(match)
            } else {
                throw UsageError(message: "no post named `\(name)`: give a file under \(config.contentDirectory)/ or a post's slug")
            }
        }
        return chosen
    }
}
