import Foundation
import XCTest

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `wxpub publish` and `wxpub status` as an operator runs them against a sandbox process switched
/// into a platform fault with `wxpub sandbox --faults`.
final class FaultStatusCLITests: XCTestCase {
    private var sandbox: SandboxProcess!
    private var site: TestSite!

    override func tearDown() {
        sandbox?.stop()
        site?.remove()
        super.tearDown()
    }

    private func start(faults: String) throws {
        sandbox = try SandboxProcess(extra: ["--faults", faults])
        site = try TestSite.minimal()
    }

    private func wxpub(_ args: [String]) throws -> CLIResult {
        try WXPub.run(args, in: site.root, env: sandbox.env)
    }

    private func hook(_ name: String, _ json: String) async throws {
        var request = URLRequest(url: sandbox.baseURL.appendingPathComponent("__sandbox/\(name)"))
        request.httpMethod = "POST"
        request.httpBody = Data(json.utf8)
        let (_, response) = try await URLSession.shared.data(for: request)
        XCTAssertEqual((response as? HTTPURLResponse)?.statusCode, 200)
    }

    func testStatusShowsAFailedBroadcastWithTheReasonAndWhatToDo() async throws {
        try start(faults: #"{"mass_fail":"err(20013)"}"#)
        XCTAssertEqual(try wxpub(["publish"]).status, 0)
        try await hook("clock", #"{"advance_seconds":10}"#)

        let status = try wxpub(["status"])

        XCTAssertEqual(status.status, 0, "\(status)")
        XCTAssertNotNil(status.stdout.range(of: #"\n\d+ +broadcast +SEND_FAIL +SENDING +all +第一篇\n"#, options: .regularExpression), "\(status)")
        XCTAssertTrue(status.stdout.contains("(第一篇): WeChat reports the broadcast failed: nobody received it"), "\(status)")
        XCTAssertTrue(status.stdout.contains("  what to do: fix what WeChat objects to, then send it again from 公众平台"), "\(status)")
    }

    func testAProtectedSendIsShownAsWaitingThenRecordedOnceTheAdministratorConfirms() async throws {
        try start(faults: #"{"mass_protection":true}"#)

        let first = try wxpub(["publish"])
        XCTAssertEqual(first.status, 0, "waiting is not a failure: \(first)")
        XCTAssertTrue(first.stdout.contains("deferred  第一篇: waiting for the administrator's confirmation (API群发保护, 89505)"), "\(first)")
        let waiting = try wxpub(["status"])
        XCTAssertNotNil(waiting.stdout.range(of: #"\n- +broadcast +AWAITING_CONFIRMATION "#, options: .regularExpression), "\(waiting)")
        XCTAssertTrue(waiting.stdout.contains("  what to do: ask the administrator to confirm it in WeChat within 30 minutes"), "\(waiting)")

        try await hook("confirm", #"{"decision":"confirm"}"#)
        try await hook("clock", #"{"advance_seconds":120}"#)
        let second = try wxpub(["publish"])
        XCTAssertEqual(second.status, 0, "\(second)")
        XCTAssertNotNil(second.stdout.range(of: #"sent +msg_id \d+ \(confirmed: sent by an earlier run\) +第一篇"#, options: .regularExpression), "\(second)")
        let broadcasts = try await sandbox.ledger()["broadcasts"] as? [[String: Any]]
        XCTAssertEqual(broadcasts?.count, 1)
    }

    func testAFaultsOptionThatIsNotJSONIsAUsageError() throws {
        let result = try WXPub.run(["sandbox", "--faults", "{publish_status: 3}"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--faults must be a JSON object"), "\(result)")
    }
}
