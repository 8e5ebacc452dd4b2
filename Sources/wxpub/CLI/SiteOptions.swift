import Foundation
import WXContent
import WXSupport

/// The options every site command shares, and loading the site they point at.
enum SiteOptions {
    static let site = OptionSpec(name: "site", valueName: "DIR", help: "The site folder (holding wxpub.yml).", defaultDescription: "the nearest folder upwards holding wxpub.yml")
    static let format = OptionSpec(name: "format", valueName: "FORMAT", help: "Diagnostics as `text` or `github` (workflow annotations).", defaultDescription: "text")

    static func root(_ parsed: ParsedArguments) throws -> URL {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        if let dir = parsed.value("site") {
            let root = URL(fileURLWithPath: dir, relativeTo: cwd).standardizedFileURL
            guard FileManager.default.fileExists(atPath: root.appendingPathComponent(SiteConfig.fileName).path) else {
                throw UsageError(message: "--site \(dir): no \(SiteConfig.fileName) in \(root.path); point --site at a site folder, or create one with `wxpub init \(dir)`")
            }
            return root
        }
        guard let root = Site.findRoot(from: cwd) else {
            throw UsageError(message: "no \(SiteConfig.fileName) in \(cwd.path) or any folder above it; run wxpub inside a site, pass --site DIR, or create one with `wxpub init`")
        }
        return root
    }

    /// Loads the config; a broken config is a usage error (exit 2) with located diagnostics.
    static func load(_ parsed: ParsedArguments, console: Console) throws -> SiteConfig {
        let root = try root(parsed)
        do {
            return try SiteConfig.load(root: root)
        } catch {
            var printer = DiagnosticPrinter(console: console, root: root)
            printer.print(error.diagnostics)
            throw ConfigFailed()
        }
    }

    /// Already reported; exit 2.
    struct ConfigFailed: Error {}
}
