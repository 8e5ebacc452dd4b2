import Foundation
import WXAPI
import WXContent
import WXSandbox
import WXSupport

/// Everything a run needs to talk to one account: the client, where its state lives, its clock.
/// Either the real API (credentials from the environment or a file) or a sandbox started in-process
/// with its own state folder, so sandbox runs never mix with the real account's journal.
public struct AccountConnection: Sendable {
    public let client: WeChatClient
    public let store: StateStore
    public let stateDirectory: URL
    public let clock: any WXSupport.Clock
    public let appID: String
    public let apiBase: String
    /// Set when the connection is to an in-process sandbox.
    public let sandbox: SandboxServer?

    /// The account key's "host" for sandbox runs: stable across runs, whatever port the sandbox gets.
    public static let sandboxAPIBase = "sandbox://local"

    public struct MissingCredentials: Error, CustomStringConvertible {
        public var description: String
    }

    /// The real account (or whatever `api_base` / WXPUB_API_BASE points at).
    public static func live(config: SiteConfig, environment: [String: String] = ProcessInfo.processInfo.environment,
                            transport: any HTTPTransport = URLSessionTransport(), logger: WeChatLogger? = nil) throws -> AccountConnection {
        guard let appID = config.appID, !appID.isEmpty else {
            throw MissingCredentials(description: "wxpub.yml has no `account.appid` (and WXPUB_APPID is not set); add the AppID from 公众平台 → 设置与开发 → 基本配置, or use --sandbox")
        }
        guard let secret = try config.resolveSecret(environment: environment) else {
            let source: String
            switch config.secret {
            case .environment(let name) where name == "WXPUB_APPSECRET": source = "the environment variable WXPUB_APPSECRET"
            case .environment(let name): source = "the environment variable \(name) (or WXPUB_APPSECRET)"
            case .file(let path): source = "the file \(path) (or the environment variable WXPUB_APPSECRET)"
            }
            throw MissingCredentials(description: "no AppSecret: set \(source) to the AppSecret from 公众平台 → 设置与开发 → 基本配置; or use --dry-run to plan without credentials, or --sandbox to publish to a local sandbox")
        }
        guard let base = URL(string: config.apiBase), base.scheme == "https" || base.scheme == "http" else {
            throw MissingCredentials(description: "api_base `\(config.apiBase)` is not an http(s) URL")
        }
        let stateDirectory = config.root.appendingPathComponent(config.stateDirectory)
        let clock = SystemClock()
        let client = WeChatClient(
            credentials: WeChatCredentials(appID: appID, secret: secret), baseURL: base, transport: transport,
            stateDirectory: stateDirectory, clock: clock, logger: logger)
        return AccountConnection(
            client: client, store: FileStateStore(directory: stateDirectory), stateDirectory: stateDirectory, clock: clock,
            appID: appID, apiBase: config.apiBase, sandbox: nil)
    }

    /// A sandbox on a free loopback port with the config's account type; its state (and wxpub's
    /// journal and media cache for it) live under `<state>/sandbox/`, so running again is a no-op.
    public static func sandbox(config: SiteConfig, logger: WeChatLogger? = nil, configure: (inout SandboxConfiguration) -> Void = { _ in }) throws -> AccountConnection {
        let stateDirectory = config.root.appendingPathComponent(config.stateDirectory).appendingPathComponent("sandbox")
        var configuration = SandboxConfiguration()
        configuration.accountType = config.accountType == .service ? .service : .subscription
        if let appID = config.appID, !appID.isEmpty { configuration.appID = appID }
        configuration.dataDirectory = stateDirectory.appendingPathComponent("server")
        configure(&configuration)
        let server = try SandboxServer(configuration: configuration)
        try server.start()
        let client = WeChatClient(
            credentials: WeChatCredentials(appID: configuration.appID, secret: configuration.secret), baseURL: server.baseURL,
            transport: URLSessionTransport(), stateDirectory: stateDirectory, clock: server.clock, logger: logger,
            tokenScope: sandboxAPIBase)
        return AccountConnection(
            client: client, store: FileStateStore(directory: stateDirectory), stateDirectory: stateDirectory, clock: server.clock,
            appID: configuration.appID, apiBase: AccountConnection.sandboxAPIBase, sandbox: server)
    }
}
