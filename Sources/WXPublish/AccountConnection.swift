import Foundation
import WXAPI
import WXContent
import WXSupport

/// Everything a run needs to talk to one account: the client, where its state lives, its clock.
/// Either the real API (credentials from the environment or a file) or a sandbox started in-process
/// with its own state folder, so sandbox runs never mix with the real account's journal (the
/// in-process sandbox is wired by `WXLocalSandbox`: this module knows nothing of the sandbox).
public struct AccountConnection: Sendable {
    public let client: WeChatClient
    public let store: StateStore
    public let stateDirectory: URL
    public let clock: any WXSupport.Clock
    public let appID: String
    public let apiBase: String
    /// Set when the connection is to an in-process sandbox.
    public let sandbox: (any LocalSandbox)?

    /// The account key's "host" for sandbox runs: stable across runs, whatever port the sandbox gets.
    public static let sandboxAPIBase = "sandbox://local"

    public init(client: WeChatClient, store: StateStore, stateDirectory: URL, clock: any WXSupport.Clock, appID: String, apiBase: String,
                sandbox: (any LocalSandbox)? = nil) {
        self.client = client
        self.store = store
        self.stateDirectory = stateDirectory
        self.clock = clock
        self.appID = appID
        self.apiBase = apiBase
        self.sandbox = sandbox
    }

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
}

/// A sandbox of the WeChat API running in this process, as a connection sees it.
public protocol LocalSandbox: AnyObject, Sendable {
    var baseURL: URL { get }
    /// Moves the sandbox's clock (`--now`).
    func setClock(_ date: Date)
    func stop()
}
