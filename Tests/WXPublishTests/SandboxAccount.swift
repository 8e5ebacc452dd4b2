import Foundation
import WXAPI
import WXContent
import WXSandbox
import WXSupport
import XCTest

@testable import WXPublish

/// An in-process sandbox on a frozen clock, a client that talks to it over real HTTP (its retry
/// waits move the sandbox clock instead of sleeping), and a state folder — what `publish --sandbox`
/// wires together, with the knobs a test needs.
final class SandboxAccount: @unchecked Sendable {
    let server: SandboxServer
    let client: WeChatClient
    let stateDirectory: URL
    let store: FileStateStore
    let waits = WaitLog()

    /// 2026-11-25 10:00 Beijing time unless told otherwise.
    static let defaultNow = beijing("2026-11-25T10:00:00")

    init(type: SandboxAccountType = .service, now: Date = SandboxAccount.defaultNow, retryPolicy: RetryPolicy = .default,
         transport: (any HTTPTransport)? = nil, verified: Bool = true) throws {
        let configuration = SandboxConfiguration(accountType: type, now: now, clockFollowsRealTime: false, followerCount: 200, isVerified: verified)
        let server = try SandboxServer(configuration: configuration)
        try server.start()
        self.server = server
        stateDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("wxpub-state-\(UUID().uuidString)")
        store = FileStateStore(directory: stateDirectory)
        let waits = self.waits
        client = WeChatClient(
            credentials: WeChatCredentials(appID: configuration.appID, secret: configuration.secret), baseURL: server.baseURL,
            transport: transport ?? URLSessionTransport(), stateDirectory: stateDirectory, retryPolicy: retryPolicy, clock: server.clock,
            sleeper: { seconds in
                waits.append(seconds)
                server.advanceClock(by: seconds)
            })
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(at: stateDirectory)
    }

    var secret: String { server.configuration.secret }

    func planner(_ config: SiteConfig) -> Planner {
        Planner(config: config, appID: server.configuration.appID, apiBase: AccountConnection.sandboxAPIBase)
    }

    func publisher(_ config: SiteConfig, uploadConcurrency: Int = 4, hook: (@Sendable (String) throws -> Void)? = nil) -> Publisher {
        Publisher(planner: planner(config), client: client, store: store, clock: server.clock, uploadConcurrency: uploadConcurrency, afterJournalWrite: hook)
    }

    /// One `wxpub publish` run; `crashAt: k` makes the k-th state write the last one.
    @discardableResult
    func publish(_ site: TestSite, options: Planner.Options = Planner.Options(), crashAt: Int? = nil,
                 hook: (@Sendable (String) throws -> Void)? = nil) async throws -> (plan: Plan, outcomes: [Publisher.Outcome]) {
        var hook = hook
        if let crashAt {
            let counter = Counter()
            hook = { label in
                if counter.next(label) == crashAt { throw SimulatedCrash(at: label) }
            }
        }
        return try await publisher(try site.config(), hook: hook).run(try site.compile().posts, options: options)
    }

    func journal() throws -> Journal { try Journal.load(from: store) }

    var ledger: SandboxLedger { server.ledger() }

    /// Upload calls (body images and permanent materials) the sandbox received.
    var uploadCalls: Int { ledger.callCount("/cgi-bin/media/uploadimg") + ledger.callCount("/cgi-bin/material/add_material") }

    static func beijing(_ text: String) -> Date {
        try! Date(text + "+08:00", strategy: .iso8601)
    }
}

/// Waits the client asked for between retries, in order.
final class WaitLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [TimeInterval] = []

    func append(_ seconds: TimeInterval) {
        lock.lock()
        items.append(seconds)
        lock.unlock()
    }

    var all: [TimeInterval] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}

/// A thread-safe counter for hooks, keeping the labels it saw.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    private var seen: [String] = []

    func next(_ label: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        seen.append(label)
        return value
    }

    var labels: [String] {
        lock.lock()
        defer { lock.unlock() }
        return seen
    }
}

extension Publisher.Outcome.Result {
    var isSent: Bool { if case .sent = self { return true } else { return false } }
    var text: String {
        switch self {
        case .sent(let id, let earlier): return "sent \(id)\(earlier ? " (confirmed earlier)" : "")"
        case .published(let id): return "published \(id)"
        case .drafted(let id): return "drafted \(id)"
        case .skipped(let why): return "skipped: \(why)"
        case .deferred(let why): return "deferred: \(why)"
        case .failed(let why): return "failed: \(why)"
        }
    }
}
