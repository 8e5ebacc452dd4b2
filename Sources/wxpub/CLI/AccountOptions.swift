import Foundation
import WXAPI
import WXContent
import WXLocalSandbox
import WXPublish
import WXSupport

/// The options of commands that talk to the account (`groups`, `followers`, `media`), and
/// opening the connection they ask for: the live account, or the site's in-process sandbox.
enum AccountOptions {
    static let sandbox = OptionSpec(
        name: "sandbox", help: "Use an in-process sandbox with the site's sandbox state (.wxpub/sandbox) instead of the real API.")
    static let verbose = OptionSpec(name: "verbose", short: "v", help: "Print every API request (tokens redacted).")

    static var all: [OptionSpec] { [SiteOptions.site, sandbox, verbose] }

    /// Missing credentials are thrown as `AccountConnection.MissingCredentials` (exit 2).
    /// Call `close()` on the result when done, to stop an in-process sandbox.
    static func connect(_ parsed: ParsedArguments, config: SiteConfig, console: Console) throws -> AccountConnection {
        let verbose = parsed.flag("verbose")
        let logger: WeChatLogger = { event in if verbose || event.kind != .request { console.err("  · \(event)") } }
        if parsed.flag("sandbox") {
            let connection = try AccountConnection.sandbox(config: config, logger: logger)
            if verbose, let server = connection.sandbox {
                console.err("sandbox: \(config.accountType.rawValue) account \(connection.appID) at \(server.baseURL.absoluteString)")
            }
            return connection
        }
        return try AccountConnection.live(config: config, logger: logger)
    }
}

extension AccountConnection {
    func close() { sandbox?.stop() }
}
