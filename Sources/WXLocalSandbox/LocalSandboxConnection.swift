import Foundation
import WXAPI
import WXContent
import WXPublish
import WXSandbox
import WXSupport

/// Wires the in-process sandbox to an account connection (`--sandbox`), so WXPublish never
/// depends on WXSandbox: the CLI, the bench and the tests link this module when they want one.
extension SandboxServer: LocalSandbox {}

extension AccountConnection {
    /// The in-process sandbox server, for its ledger and configuration.
    public var server: SandboxServer? { sandbox as? SandboxServer }

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
