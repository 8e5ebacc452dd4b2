import Foundation
import XCTest
@testable import WXAPI

final class WeChatEnvironmentTests: XCTestCase {
    func testEnvironmentOverridesTheConfiguredAppID() throws {
        let credentials = try WeChatEnvironment.credentials(configuredAppID: "wxconfig", environment: ["WXPUB_APPID": "wxenv", "WXPUB_APPSECRET": "s3"])
        XCTAssertEqual(credentials, WeChatCredentials(appID: "wxenv", secret: "s3"))
    }

    func testTheConfiguredVariableNamesTheSecret() throws {
        let credentials = try WeChatEnvironment.credentials(configuredAppID: "wx1", secretVariable: "MY_SECRET", environment: ["MY_SECRET": " abc \n"])
        XCTAssertEqual(credentials.secret, "abc")
    }

    func testTheSecretFileIsReadWhenNoVariableIsSet() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)")
        try Data("filesecret\n# comment\n".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        defer { try? FileManager.default.removeItem(at: file) }
        let credentials = try WeChatEnvironment.credentials(configuredAppID: "wx1", secretFile: file.path, environment: [:])
        XCTAssertEqual(credentials.secret, "filesecret")
    }

    func testMissingSecretSaysWhereToPutIt() {
        XCTAssertThrowsError(try WeChatEnvironment.credentials(configuredAppID: "wx1", environment: [:])) { error in
            XCTAssertTrue("\(error)".contains("set the WXPUB_APPSECRET environment variable"), "\(error)")
        }
    }

    func testMissingAppIDIsAnError() {
        XCTAssertThrowsError(try WeChatEnvironment.credentials(configuredAppID: nil, environment: ["WXPUB_APPSECRET": "x"]))
    }

    func testAPIBasePrecedenceIsEnvironmentThenConfigThenDefault() throws {
        XCTAssertEqual(try WeChatEnvironment.baseURL(configured: nil, environment: [:]).absoluteString, "https://api.weixin.qq.com")
        XCTAssertEqual(try WeChatEnvironment.baseURL(configured: "http://127.0.0.1:8089", environment: [:]).absoluteString, "http://127.0.0.1:8089")
        XCTAssertEqual(try WeChatEnvironment.baseURL(configured: "http://127.0.0.1:8089", environment: ["WXPUB_API_BASE": "http://localhost:9"]).absoluteString,
                       "http://localhost:9")
    }

    func testAnAPIBaseThatIsNotAnHTTPURLIsRejectedNamingItsSource() {
        XCTAssertThrowsError(try WeChatEnvironment.baseURL(configured: nil, environment: ["WXPUB_API_BASE": "api.weixin.qq.com"])) { error in
            XCTAssertTrue("\(error)".contains("WXPUB_API_BASE \"api.weixin.qq.com\" is not an http(s) URL"), "\(error)")
        }
    }

    func testLocalizedDescriptionIsTheOperatorMessage() {
        let error: Error = WeChatAPIError.invalidInput(operation: "x", "it broke", fix: "fix it")
        XCTAssertEqual(error.localizedDescription, "WeChat API x failed: it broke. fix it")
    }
}
