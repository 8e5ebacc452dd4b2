import Foundation
import WXContent
import WXSupport

/// Exit codes, documented in the README.
enum ExitCode {
    static let ok: Int32 = 0
    /// Content errors: a post or the theme needs fixing.
    static let content: Int32 = 1
    /// Usage or configuration error.
    static let usage: Int32 = 2
    /// The WeChat API (or the network) failed.
    static let remote: Int32 = 3
}

let wxpubVersion = "0.1.0"

@main
struct WXPubCLI {
    static let commands: [Command] = [
        InitCommand.command, CheckCommand.command, BuildCommand.command, PublishCommand.command, PreviewCommand.command, StatusCommand.command, SandboxCommand.command,
    ]

    static func main() async {
        let console = Console()
        let args = Array(CommandLine.arguments.dropFirst())
        let code = await run(args, console: console)
        exit(code)
    }

    static func run(_ args: [String], console: Console) async -> Int32 {
        guard let first = args.first else {
            console.err(overview)
            return ExitCode.usage
        }
        if first == "--version" || first == "version" {
            console.out("wxpub \(wxpubVersion)")
            return ExitCode.ok
        }
        if first == "--help" || first == "-h" || first == "help" {
            if args.count > 1, let command = commands.first(where: { $0.name == args[1] }) {
                console.out(command.help)
            } else {
                console.out(overview)
            }
            return ExitCode.ok
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            let close = commands.map(\.name).min { editDistanceCLI($0, first) < editDistanceCLI($1, first) }
            console.err("error: unknown command `\(first)`" + (close.map { " (did you mean `\($0)`?)" } ?? ""))
            console.err("run `wxpub --help` for the list of commands")
            return ExitCode.usage
        }
        do {
            var parsed = try ArgumentParser.parse(Array(args.dropFirst()), for: command)
            if parsed.flag("help") {
                console.out(command.help)
                return ExitCode.ok
            }
            if let format = parsed.value("format") {
                guard let f = Console.DiagnosticFormat(rawValue: format) else {
                    throw UsageError(message: "--format must be `text` or `github`, got `\(format)`", command: command)
                }
                console.diagnosticFormat = f
                parsed.values["format"] = nil
            }
            return try await command.run(parsed, console)
        } catch let error as UsageError {
            console.err("error: \(error.message)")
            if let command = error.command ?? commands.first(where: { $0.name == first }) { console.err("usage: \(command.usage)\nrun `wxpub \(command.name) --help` for details") }
            return ExitCode.usage
        } catch is SiteOptions.ConfigFailed {
            return ExitCode.usage
        } catch is SiteCompilation.ThemeFailed {
            return ExitCode.content
        } catch let error as DiagnosticError {
            var printer = DiagnosticPrinter(console: console, root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            printer.print(error.diagnostics)
            return ExitCode.usage
        } catch {
            return report(error, console: console)
        }
    }

    /// Maps errors that escape a command to a message and an exit code; never a crash.
    static func report(_ error: Error, console: Console) -> Int32 {
        console.err("error: \(error)")
        return ExitCode.usage
    }

    static var overview: String {
        var lines = [
            "wxpub — compile Markdown posts into WeChat Official Account articles and publish them.",
            "",
            "USAGE: wxpub <command> [options]",
            "",
            "COMMANDS:",
        ]
        for c in commands {
            lines.append("  " + c.name.padding(toLength: 12, withPad: " ", startingAt: 0) + c.abstract)
        }
        lines += ["", "Run `wxpub <command> --help` for a command's options. `wxpub --version` prints the version."]
        return lines.joined(separator: "\n")
    }
}

func editDistanceCLI(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var prev = Array(0...b.count)
    for i in 1...a.count {
        var cur = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count { cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)) }
        prev = cur
    }
    return prev[b.count]
}
