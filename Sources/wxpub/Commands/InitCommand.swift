import Foundation
import WXContent
import WXRender
import WXSupport

/// `wxpub init [DIR] [--theme NAME]`: scaffold a working site — config, an example post with a cover,
/// a copy of a built-in theme, and a .gitignore that keeps the token cache and build output out of git.
enum InitCommand {
    static let command = Command(
        name: "init",
        abstract: "Create a new site: wxpub.yml, an example post, a copy of a built-in theme, a .gitignore.",
        discussion: "Refuses to overwrite existing files; run it in an empty folder or name a new one.",
        arguments: [ArgumentSpec(name: "dir", help: "Where to create the site.", optional: true)],
        options: [
            OptionSpec(name: "force", help: "Overwrite files that already exist."),
            OptionSpec(name: "theme", valueName: "NAME", help: "Start from this built-in theme (`wxpub themes` lists them).", defaultDescription: "default"),
        ],
        run: { parsed, console in
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let root = URL(fileURLWithPath: parsed.positional.first ?? ".", relativeTo: cwd).standardizedFileURL
            var zone = Calendar(identifier: .gregorian)
            zone.timeZone = TimeZone(identifier: "Asia/Shanghai")!
            // Due now (this hour, Beijing time), so `publish --sandbox` right after `init` sends it.
            let c = zone.dateComponents([.year, .month, .day, .hour], from: Date())
            let date = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
            let time = String(format: "%02d:00", c.hour!)
            let themeName = parsed.value("theme") ?? BuiltInTheme.defaultName
            guard let theme = BuiltInTheme.named(themeName) else {
                let close = Suggestion.closest(to: themeName, among: BuiltInTheme.all.map(\.name))
                throw UsageError(message: "--theme \(themeName): no such built-in theme" + (close.map { " (did you mean `\($0)`?)" } ?? "")
                    + "; choose one of " + BuiltInTheme.all.map(\.name).joined(separator: ", "))
            }
            let files = SiteScaffold.files(date: date, time: time, theme: theme)
            let force = parsed.flag("force")
            let existing = files.map(\.0).filter { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path) }
            if !existing.isEmpty && !force {
                console.err("error: \(root.path) already has " + existing.joined(separator: ", "))
                console.err("  fix: choose an empty folder, or pass --force to overwrite these files")
                return ExitCode.usage
            }
            for (path, data) in files {
                try AtomicFile.write(data, to: root.appendingPathComponent(path))
                console.out("created \(path)")
            }
            console.out("\nNext: cd \(parsed.positional.first ?? ".") && wxpub check && wxpub publish --sandbox")
            return ExitCode.ok
        })
}
