import Foundation
import WXAPI
import WXContent
import WXPublish
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
        InitCommand.command, CheckCommand.command, BuildCommand.command, PublishCommand.command, ScheduleCommand.command, PreviewCommand.command,
        StatusCommand.command, RetractCommand.command, GroupsCommand.command, FollowersCommand.command, MediaCommand.command, SandboxCommand.command,
        ServeCommand.command, ThemesCommand.command,
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
            let close = suggestion(for: first, among: commands.map(\.name))
            let what = first.hasPrefix("-") ? "option" : "command"
            console.err("error: unknown \(what) `\(first)`" + (close.map { " (did you mean `\($0)`?)" } ?? ""))
            console.err("usage: wxpub <command> [options]\ncommands: " + commands.map(\.name).joined(separator: ", "))
            console.err("run `wxpub --help` for details")
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
        } catch let error as AccountConnection.MissingCredentials {
            console.err("error: \(error.description)")
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
    /// The WeChat API and the network are exit 3 with the client's operator-facing message;
    /// anything else is exit 2 with its description (the console redacts every line).
    static func report(_ error: Error, console: Console) -> Int32 {
        switch error {
        case let error as WeChatAPIError:
            console.err("error: \(error.description)")
            // Rejected before anything was sent (a too-long tag name): the input is wrong, not the API.
            return error.attempts == 0 ? ExitCode.usage : ExitCode.remote
        case let error as TransportError:
            console.err("error: network failure: \(error.message); check the network and the API base URL (api_base / WXPUB_API_BASE)")
            return ExitCode.remote
        case let error as CocoaError:
            // Foundation's file errors rarely say which file; name it.
            let path = error.filePath ?? (error.userInfo[NSURLErrorKey] as? URL)?.path
            console.err("error: \(error.localizedDescription)" + (path.map { " (\($0))" } ?? ""))
            return ExitCode.usage
        case let error as CustomStringConvertible:
            console.err("error: \(error.description)")
            return ExitCode.usage
        default:
            console.err("error: \((error as NSError).localizedDescription)")
            return ExitCode.usage
        }
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

func suggestion(for word: String, among candidates: [String]) -> String? {
    Suggestion.closest(to: word, among: candidates)
}
