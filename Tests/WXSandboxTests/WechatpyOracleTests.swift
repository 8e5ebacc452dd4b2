import Foundation
import WXSandbox
import WXTestSupport
import XCTest

/// A third-party SDK (wechatpy, PyPI) drives the sandbox through `scripts/wechatpy-sandbox-check.py`.
final class WechatpyOracleTests: SandboxTestCase {
    static func run(_ arguments: [String]) -> (status: Int32, output: String) {
        guard let result = OracleProcess.run(arguments) else { return (-1, "cannot start \(arguments.first ?? "")") }
        return (result.status, result.output + result.errors)
    }

    func testWechatpyFetchesTokenUploadsDraftsSendsQueriesAndGets45065() throws {
        guard Self.run(["python3", "-c", "import wechatpy"]).status == 0 else {
            throw XCTSkip("python3 with wechatpy not available; pip install wechatpy to run this oracle")
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/wechatpy-sandbox-check.py")
        let result = Self.run(["python3", script.path, "--base", server.baseURL.absoluteString, "--appid", appID, "--secret", secret, "--tag", "100"])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("all wechatpy checks passed"), result.output)
        let ledger = server.ledger()
        XCTAssertEqual(ledger.broadcasts.count, 1, "the repeated clientmsgid must not broadcast again")
        XCTAssertEqual(ledger.broadcasts.first?.clientMsgID, "wechatpy-oracle-1")
        XCTAssertEqual(ledger.broadcasts.first?.filter?.tagID, 100)
        XCTAssertEqual(ledger.broadcasts.first?.titles, ["沙盒验证"])
    }
}
