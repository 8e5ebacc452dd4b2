import Foundation
import XCTest

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The AppSecret and the access token never leave the token cache: not in output (verbose
/// included), not in the journal, the media cache or the build. State files are the operator's
/// alone, and a secret file others can read is refused.
final class SecretScanTests: XCTestCase {
    private var cleanup: [URL] = []
    private var sandbox: SandboxProcess?

    override func tearDown() {
        sandbox?.stop()
        sandbox = nil
        for url in cleanup { try? FileManager.default.removeItem(at: url) }
        cleanup = []
        super.tearDown()
    }

    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wxpub-secrets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        cleanup.append(url)
        return url
    }

    private func post(_ i: Int, groups: String) -> String {
        "---\ntitle: 第\(i)篇\ngroups: \(groups)\npublish_at: 2024-05-0\(i) 08:00\n---\n\n正文 \(i)，[链接](https://example.com/\(i))。\n\n![图](../images/cover.png)\n"
    }

    /// Every file under `folder` except the token cache, as (path, text).
    private func stateAndOutputFiles(under folder: URL) -> [(String, String)] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var files: [(String, String)] = []
        for case let url as URL in walker where url.lastPathComponent != "token.json" {
            if let data = FileManager.default.contents(atPath: url.path) {
                files.append((url.path, String(decoding: data, as: UTF8.self)))
            }
        }
        return files
    }

    private func post(_ path: String, to sandbox: SandboxProcess, _ body: String) async throws {
        var request = URLRequest(url: sandbox.baseURL.appendingPathComponent(path))
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        _ = try await URLSession.shared.data(for: request)
    }

    func testVerbosePublishingAndStatusLeakNeitherTheAppSecretNorAnyAccessToken() async throws {
        let secret = "AppSecret-\(UUID().uuidString)"
        let data = try temporaryFolder()
        let sandbox = try SandboxProcess(secret: secret, extra: ["--data", data.path, "--account-type", "service", "--fail-rate", "0.2"])
        self.sandbox = sandbox
        let site = try TestSite.minimal(groups: ["listeners: 听众交流会"], files: [
            "content/posts/2024-05-02-second.md": post(2, groups: "[starred, listeners]"),
            "content/posts/2024-05-03-third.md": post(3, groups: "[listeners]"),
        ])
        cleanup.append(site.root)
        try site.write("wxpub.yml", Data(String(decoding: try site.read("wxpub.yml"), as: UTF8.self).replacingOccurrences(of: "type: subscription", with: "type: service").utf8))

        var output = ""
        // Several runs: system errors (-1) make the client retry and log; tokens are invalidated
        // between runs so the client fetches new ones (40001) and logs that too.
        for run in 0..<3 {
            let result = try WXPub.run(["publish", "--verbose"], in: site.root, env: sandbox.env)
            output += result.all
            if run == 0 { try await post("__sandbox/faults", to: sandbox, #"{"invalidate_tokens": true}"#) }
        }
        try await post("__sandbox/faults", to: sandbox, #"{"fail_rate": 0}"#)
        let last = try WXPub.run(["publish", "--verbose"], in: site.root, env: sandbox.env)
        XCTAssertEqual(last.status, 0, "\(last)")
        output += last.all
        let status = try WXPub.run(["status", "--verbose"], in: site.root, env: sandbox.env)
        output += status.all
        let build = try WXPub.run(["build", "--out", site.url("build").path], in: site.root, env: sandbox.env)
        output += build.all
        XCTAssertTrue(output.contains("access_token=REDACTED"), "verbose output logged no request URL:\n\(output)")

        // Every token the sandbox ever issued to this site.
        let stateData = try Data(contentsOf: data.appendingPathComponent("state.json"))
        let state = try XCTUnwrap(JSONSerialization.jsonObject(with: stateData) as? [String: Any])
        let tokens = (state["tokens"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String }
        XCTAssertGreaterThanOrEqual(tokens.count, 2, "expected a token per run after invalidation")

        let files = stateAndOutputFiles(under: site.root)
        XCTAssertTrue(files.contains { $0.0.hasSuffix(".wxpub/journal.json") }, "no journal written")
        for needle in [secret] + tokens {
            let shown = needle == secret ? "the AppSecret" : "access token \(needle.prefix(6))…"
            XCTAssertFalse(output.contains(needle), "\(shown) appears in the output")
            for (path, text) in files where text.contains(needle) {
                XCTFail("\(shown) appears in \(path)")
            }
        }
    }

    func testTheTokenCacheJournalAndMediaCacheAreReadableByTheirOwnerOnly() throws {
        let sandbox = try SandboxProcess()
        self.sandbox = sandbox
        let site = try TestSite.minimal()
        cleanup.append(site.root)
        let result = try WXPub.run(["publish"], in: site.root, env: sandbox.env)
        XCTAssertEqual(result.status, 0, "\(result)")
        for name in ["token.json", "journal.json", "media.json"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: site.url(".wxpub/\(name)").path)
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
            XCTAssertEqual(String(mode, radix: 8), "600", name)
        }
    }

    private func siteWithSecretFile(mode: Int16, sandbox: SandboxProcess) throws -> TestSite {
        let site = try TestSite.minimal()
        cleanup.append(site.root)
        let config = String(decoding: try site.read("wxpub.yml"), as: UTF8.self)
            .replacingOccurrences(of: "  type: subscription\n", with: "  type: subscription\n  secret_file: secret.txt\n")
        try site.write("wxpub.yml", Data(config.utf8))
        try site.write("secret.txt", Data((sandbox.secret + "\n").utf8))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: site.url("secret.txt").path)
        return site
    }

    func testASecretFileOthersCanReadIsRefusedWithTheFix() throws {
        let sandbox = try SandboxProcess()
        self.sandbox = sandbox
        let site = try siteWithSecretFile(mode: 0o644, sandbox: sandbox)
        var env = sandbox.env
        env["WXPUB_APPSECRET"] = .some(nil)

        let result = try WXPub.run(["publish"], in: site.root, env: env)
        XCTAssertEqual(result.status, 2, "\(result)")
        XCTAssertTrue(result.stderr.contains("the AppSecret file secret.txt"), "\(result)")
        XCTAssertTrue(result.stderr.contains("can be read by other users (mode 0644)"), "\(result)")
        XCTAssertTrue(result.stderr.contains("chmod 600 secret.txt"), "\(result)")
        XCTAssertFalse(result.all.contains(sandbox.secret), "\(result)")
    }

    func testASecretFileOnlyItsOwnerCanReadIsUsed() throws {
        let sandbox = try SandboxProcess()
        self.sandbox = sandbox
        let site = try siteWithSecretFile(mode: 0o600, sandbox: sandbox)
        var env = sandbox.env
        env["WXPUB_APPSECRET"] = .some(nil)

        let result = try WXPub.run(["publish"], in: site.root, env: env)
        XCTAssertEqual(result.status, 0, "\(result)")
    }
}
