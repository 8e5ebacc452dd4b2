import Foundation
import WXAPI
import WXLocalSandbox
import WXSandbox
import WXSupport
import XCTest

@testable import WXPublish

/// `--sandbox`: an in-process sandbox whose state, and wxpub's journal for it, live under
/// `<state>/sandbox/`, so a later command (`status --sandbox`) finds what `publish --sandbox` did.
final class AccountConnectionTests: XCTestCase {
    func testSandboxStateOutlivesTheConnection() async throws {
        let site = try PublisherTests.twoPostSite()
        let config = try site.config()
        let first = try AccountConnection.sandbox(config: config)
        XCTAssertEqual(first.stateDirectory.path, site.root.appendingPathComponent(".wxpub/sandbox").path)
        XCTAssertEqual(first.server?.configuration.accountType, .service, "the config's account type")
        let publisher = Publisher(
            planner: Planner(config: config, appID: first.appID, apiBase: first.apiBase), client: first.client, store: first.store, clock: first.clock)
        let (_, outcomes) = try await publisher.run(try site.compile().posts)
        XCTAssertEqual(outcomes.filter(\.result.isSent).count, 2)
        first.sandbox?.stop()

        let second = try AccountConnection.sandbox(config: config)
        defer { second.sandbox?.stop() }
        XCTAssertNotEqual(second.sandbox?.baseURL, nil)
        XCTAssertEqual(second.server?.ledger().broadcasts.count, 2, "the sandbox starts from its saved state")
        let account = Planner(config: config, appID: second.appID, apiBase: second.apiBase).account
        XCTAssertEqual(account, publisher.planner.account, "the account key does not depend on the sandbox's port")
        let rows = try await StatusChecker(account: account, client: second.client, store: second.store, clock: second.clock).refresh()
        XCTAssertEqual(rows.count, 2)
        XCTAssertTrue(rows.allSatisfy { $0.error == nil && $0.status != nil }, "\(rows)")
    }
}
