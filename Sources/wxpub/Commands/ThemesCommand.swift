import Foundation
import WXContent
import WXRender
import WXSupport

/// `wxpub themes`: lists the built-in themes (name, then what it looks like) and writes a preview
/// of the site's posts in each one to `build/themes/` — or of wxpub's example post, outside a site.
enum ThemesCommand {
    static let command = Command(
        name: "themes",
        abstract: "List the built-in themes and write a preview of the site in each to build/themes/.",
        discussion: "Choose a theme with `theme: NAME` in wxpub.yml (or `wxpub init --theme NAME`); files in templates/ still override it file by file. Outside a site the previews show wxpub's example post.",
        options: [
            SiteOptions.site,
            OptionSpec(name: "out", valueName: "DIR", help: "Where to write the previews.", defaultDescription: "build/themes/ in the site (or in the current folder)"),
            OptionSpec(name: "list", help: "Only list the themes; write no previews."),
        ],
        run: { parsed, console in
            let width = BuiltInTheme.all.map(\.name.count).max() ?? 0
            for theme in BuiltInTheme.all {
                console.out(theme.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + theme.summary)
            }
            if parsed.flag("list") { return ExitCode.ok }
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            var example: URL?
            defer { if let example { try? FileManager.default.removeItem(at: example) } }
            let config: SiteConfig
            if parsed.value("site") != nil || Site.findRoot(from: cwd) != nil {
                config = try SiteOptions.load(parsed, console: console)
            } else {
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wxpub-themes-\(UUID().uuidString)")
                example = folder
                try SiteScaffold.write(to: folder, date: "2026-01-01", time: "08:00")
                config = try SiteConfig.load(root: folder)
            }
            let out = parsed.value("out").map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL }
                ?? (example == nil ? config.root : cwd).appendingPathComponent("build/themes")
            let written: [ThemePreviews.Written]
            do {
                written = try ThemePreviews(site: config, outputDirectory: out).write()
            } catch let error as DiagnosticError {
                var printer = DiagnosticPrinter(console: console, root: config.root)
                printer.print(error.diagnostics)
                return ExitCode.content
            }
            let posts = written.first?.posts.count ?? 0
            let skipped = written.first?.skipped ?? 0
            console.err("\nwrote \(posts) post\(posts == 1 ? "" : "s") in \(written.count) themes to \(out.path)/index.html"
                + (skipped > 0 ? " (\(skipped) with errors skipped; `wxpub check` shows them)" : ""))
            return ExitCode.ok
        })
}
