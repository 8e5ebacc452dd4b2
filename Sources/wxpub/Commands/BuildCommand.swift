import Foundation
import WXContent
import WXRender
import WXServe
import WXSupport

/// `wxpub build`: compile every post into `OUT/<slug>/article.json` and a phone preview page.
enum BuildCommand {
    static let command = Command(
        name: "build",
        abstract: "Compile every post into OUT/<slug>/article.json and a phone-sized preview index.html, and OUT/index.html listing every post.",
        discussion: "Posts with errors are reported and skipped; the others are still built. Unchanged output is not rewritten.",
        arguments: [ArgumentSpec(name: "post", help: "Only these posts (file paths or slugs).", optional: true, repeating: true)],
        options: [
            SiteOptions.site, SiteOptions.format,
            OptionSpec(name: "out", valueName: "DIR", help: "Output folder.", defaultDescription: "build/ in the site"),
            OptionSpec(name: "strict", help: "Treat warnings as errors."),
        ],
        run: { parsed, console in
            let config = try SiteOptions.load(parsed, console: console)
            var printer = DiagnosticPrinter(console: console, root: config.root)
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let out = parsed.value("out").map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL }
                ?? config.root.appendingPathComponent("build")
            let writer = BuildWriter(outputDirectory: out, siteRoot: config.root)
            OutputFolder.prepare(out)
            var written = 0
            var built = 0
            // A post whose output cannot be written is reported at once; the posts after it are still built.
            var writeFailures = DiagnosticPrinter(console: console, root: config.root)
            var failedWrites = 0
            // What the index needs of each post, so it compiles no post a second time.
            var previewed: [String: PreviewedPost] = [:]
            // Every post of the site, in file order, when no POST argument narrowed the build.
            var paths: [String] = []
            let summary = try SiteCompilation.run(
                config: config, printer: &printer, only: parsed.positional,
                write: { post, article in try writer.writeCount(article, slug: post.slug) },
                item: { item in
                    paths.append(item.path)
                    if let post = PreviewedPost(item: item, config: config) { previewed[item.path] = post }
                }
            ) { post, _, output in
                if let error = output.error {
                    failedWrites += 1
                    writeFailures.print(.error(
                        at: post.headerLocation, "cannot write the build output for `\(post.slug.prefix(60))`: \(error.localizedDescription)",
                        fix: "check that \(out.path) is writable and the slug is a valid folder name", rule: "build/write"))
                    return
                }
                written += output.files
                built += 1
            }
            if try BuildIndex.write(config: config, to: out, paths: parsed.positional.isEmpty ? paths : nil, compiled: previewed) { written += 1 }
            console.err(summary.line(verb: "built \(built) of"))
            console.out("\(out.path): \(built) article\(built == 1 ? "" : "s"), \(written) file\(written == 1 ? "" : "s") written")
            return failedWrites > 0 ? ExitCode.content : summary.exitCode(strict: parsed.flag("strict"))
        })
}
