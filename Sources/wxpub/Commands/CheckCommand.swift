import Foundation
import WXContent
import WXPublish
import WXRender
import WXSupport

/// `wxpub check`: parse the config and every post, compile each in memory, print every finding.
enum CheckCommand {
    static let command = Command(
        name: "check",
        abstract: "Check the config and every post: front matter, limits, images, structure rules.",
        discussion: """
            Prints every problem as path:line:col diagnostics and a one-line summary. Exit 1 on errors
            (and on warnings with --strict). --remote also sends each article to WeChat's online
            structure check (mp.weixin.qq.com, or --remote-base / WXPUB_VERIFY_BASE) and adds its findings.
            """,
        arguments: [ArgumentSpec(name: "post", help: "Only these posts (file paths or slugs).", optional: true, repeating: true)],
        options: [
            SiteOptions.site, SiteOptions.format,
            OptionSpec(name: "strict", help: "Treat warnings as errors."),
            OptionSpec(name: "verbose", short: "v", help: "Also say where each post's title, digest and cover came from."),
            OptionSpec(name: "remote", help: "Also run WeChat's online article-structure check."),
            OptionSpec(name: "remote-base", valueName: "URL", help: "Base URL of the online check.", defaultDescription: "https://mp.weixin.qq.com"),
        ],
        run: { parsed, console in
            let config = try SiteOptions.load(parsed, console: console)
            var printer = DiagnosticPrinter(console: console, root: config.root)
            var pending: [(path: String, content: String, result: CompileResult)] = []
            var summary = try SiteCompilation.runDetailed(config: config, printer: &printer, only: parsed.positional) { post, result in
                if parsed.flag("verbose") { console.out(describe(result.provenance, of: post)) }
                if parsed.flag("remote"), let content = result.content { pending.append((post.path, content, result)) }
            }
            if parsed.flag("remote") {
                let baseText = parsed.value("remote-base") ?? ProcessInfo.processInfo.environment["WXPUB_VERIFY_BASE"]
                guard let base = baseText.map({ URL(string: $0) }) ?? RemoteStructureCheck.defaultBase else {
                    throw UsageError(message: "--remote-base must be a URL")
                }
                let remote = RemoteStructureCheck(base: base)
                for item in pending {
                    do {
                        let found = try await remote.verify(content: item.content, document: item.result.document ?? [], file: item.path, local: item.result.diagnostics)
                        printer.print(found)
                        summary.errors += found.filter { $0.severity == .error }.count
                        summary.warnings += found.filter { $0.severity == .warning }.count
                    } catch let error as RemoteStructureCheck.Unavailable {
                        console.err("warning: \(error.description)")
                        break
                    }
                }
            }
            console.err(summary.line(verb: "checked"))
            return summary.exitCode(strict: parsed.flag("strict"))
        })

    /// `content/posts/x.md: title from the opening heading; digest from the first text of the body; cover from defaults in wxpub.yml`
    static func describe(_ provenance: ArticleProvenance, of post: Post) -> String {
        func from(_ source: FieldSource) -> String { source == .missing ? "missing" : "from \(source.rawValue)" }
        return "\(post.path): title \(from(provenance.title)); digest \(from(provenance.digest)); cover \(from(provenance.cover))"
    }
}
