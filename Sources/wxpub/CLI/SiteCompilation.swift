import Foundation
import WXContent
import WXSupport

/// Loads and checks every post of a site one at a time, printing diagnostics as it goes;
/// shared by `check`, `build` and `publish --dry-run` so they agree on what is an error.
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

    static func run(config: SiteConfig, printer: inout DiagnosticPrinter, console: Console, each: (Post) throws -> Void) rethrows -> Summary {
        var summary = Summary()
        let site = Site(config: config)
        for path in site.postPaths() {
            let result = PostLoader(site: config).load(path: path)
            summary.posts += 1
            var diagnostics = result.diagnostics
            diagnostics.sort { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
            printer.print(diagnostics)
            let errors = diagnostics.filter { $0.severity == .error }.count
            summary.errors += errors
            summary.warnings += diagnostics.count - errors
            if errors > 0 { summary.failedPosts += 1; continue }
            if let post = result.post { try each(post) }
        }
        return summary
    }
}
