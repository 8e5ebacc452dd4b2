import Foundation
import XCTest
@testable import WXContent
import WXSupport

/// Every `Fixtures/config/<case>.yml` is loaded as a site's wxpub.yml; `<case>.expected` beside it
/// holds either a summary of the loaded config or the diagnostics, exactly.
/// `RECORD_SNAPSHOTS=1 swift test` rewrites the expected files (review the diff).
final class SiteConfigFixtureTests: XCTestCase {
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/config")

    func testEveryConfigFixtureMatchesItsExpectedOutput() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).filter { $0.hasSuffix(".yml") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 12)
        for file in files {
            let url = Self.fixtures.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            let actual = Self.describe(text, file: file)
            try FixtureSupport.compare(actual, expectedAt: url.deletingPathExtension().appendingPathExtension("expected"), fixtureSource: #filePath)
        }
    }

    static func describe(_ text: String, file: String) -> String {
        do {
            let config = try SiteConfig.parse(text, root: URL(fileURLWithPath: "/site"), file: file, environment: [:])
            var lines = [
                "account.name: \(config.accountName)",
                "account.type: \(config.accountType.rawValue)",
                "account.appid: \(config.appID ?? "-")",
                "account.secret: \(config.secret)",
                "account.api_base: \(config.apiBase)",
                "account.broadcasts_per_window: \(config.broadcastsPerWindow.map(String.init) ?? "-")",
                "timezone: \(config.timeZone.identifier)",
                "content: \(config.contentDirectory)",
                "templates: \(config.templatesDirectory)",
                "state: \(config.stateDirectory)",
                "references_title: \(config.referencesTitle)",
                "cjk_spacing: \(config.cjkSpacing)",
                "markdown.cjk_friendly: \(config.cjkFriendly)",
                "defaults: author=\(config.defaults.author ?? "-") groups=\(config.defaults.groups) comments=\(config.defaults.comments.rawValue) cover=\(config.defaults.cover ?? "-") mode=\(config.defaults.mode.rawValue)",
            ]
            for name in config.groups.keys.sorted() { lines.append("group \(name): \(config.groups[name]!)") }
            for field in config.aliases.keys.sorted() { lines.append("alias \(field): \(config.aliases[field]!)") }
            return lines.joined(separator: "\n") + "\n"
        } catch {
            return error.diagnostics.map(\.description).joined(separator: "\n") + "\n"
        }
    }

    func testEnvironmentOverridesAppIDAndAPIBase() throws {
        let config = try SiteConfig.parse(
            "account:\n  type: service\n  appid: wx-config\n", root: URL(fileURLWithPath: "/site"),
            environment: ["WXPUB_APPID": "wx-env", "WXPUB_API_BASE": "http://127.0.0.1:9"])
        XCTAssertEqual(config.appID, "wx-env")
        XCTAssertEqual(config.apiBase, "http://127.0.0.1:9")
    }

    func testSecretComesFromTheNamedEnvironmentVariable() throws {
        let config = try SiteConfig.parse("account:\n  type: service\n  secret_env: MY_SECRET\n", root: URL(fileURLWithPath: "/site"))
        XCTAssertEqual(try config.resolveSecret(environment: ["MY_SECRET": "s3cr3t"]), "s3cr3t")
        XCTAssertNil(try config.resolveSecret(environment: [:]))
    }

    func testSecretFileIsReadAndTrimmed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "s3cr3t\n".write(to: dir.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: dir.appendingPathComponent("secret.txt").path)
        let config = try SiteConfig.parse("account:\n  type: service\n  secret_file: secret.txt\n", root: dir)
        XCTAssertEqual(try config.resolveSecret(environment: [:]), "s3cr3t")
    }

    func testSecretFileOthersCanReadIsRefusedBeforeItIsRead() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "s3cr3t\n".write(to: dir.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: dir.appendingPathComponent("secret.txt").path)
        let config = try SiteConfig.parse("account:\n  type: service\n  secret_file: secret.txt\n", root: dir)
        XCTAssertThrowsError(try config.resolveSecret(environment: [:])) { error in
            XCTAssertEqual(
                "\(error)",
                "wxpub.yml:1:1: error: the AppSecret file secret.txt can be read by other users (mode 0640); wxpub refuses a secret others can read\n"
                    + "  fix: run `chmod 600 secret.txt` (and consider the AppSecret exposed: reset it in 公众平台 → 设置与开发 → 基本配置)")
        }
    }

    func testMissingConfigFileSaysHowToCreateOne() {
        XCTAssertThrowsError(try SiteConfig.load(root: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)"))) { error in
            let text = (error as? DiagnosticError)?.description ?? ""
            XCTAssertTrue(text.contains("wxpub init"), text)
        }
    }
}

enum FixtureSupport {
    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    /// Compares with the expected file; in record mode writes into the source tree (not the bundle copy).
    static func compare(_ actual: String, expectedAt bundled: URL, fixtureSource: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let sourceDir = URL(fileURLWithPath: fixtureSource).deletingLastPathComponent()
        let relative = bundled.path.components(separatedBy: "/Fixtures/").last!
        let source = sourceDir.appendingPathComponent("Fixtures").appendingPathComponent(relative)
        if recording {
            try actual.write(to: source, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: bundled, encoding: .utf8) else {
            XCTFail("missing expected output \(relative); run with RECORD_SNAPSHOTS=1 to create it", file: file, line: line)
            return
        }
        XCTAssertEqual(actual, expected, "\(relative)", file: file, line: line)
    }
}
