import Foundation
import WXContent
import WXSupport

/// `wxpub check`: parse the config and every post, compile each in memory, print every finding.
enum CheckCommand {
    static let command = Command(
        name: "check",
        abstract: "Check the config and every post: front matter, limits, images, structure rules.",
        discussion: "Prints every problem as path:line:col diagnostics and a one-line summary. Exit 1 on errors (and on warnings with --strict).",
        arguments: [ArgumentSpec(name: "post", help: "Only these posts (file paths or slugs).", optional: true, repeating: true)],
        options: [
            SiteOptions.site, SiteOptions.format,
            OptionSpec(name: "strict", help: "Treat warnings as errors."),
        ],
        run: { parsed, console in
            let config = try SiteOptions.load(parsed, console: console)
            var printer = DiagnosticPrinter(console: console, root: config.root)
            let summary = try SiteCompilation.run(config: config, printer: &printer, only: parsed.positional) { _, _ in }
            console.err(summary.line(verb: "checked"))
            return summary.exitCode(strict: parsed.flag("strict"))
        })
}
