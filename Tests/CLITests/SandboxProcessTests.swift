import Foundation
import XCTest

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The account commands against `wxpub sandbox` running as a separate process, reached only
/// through WXPUB_API_BASE / WXPUB_APPID / WXPUB_APPSECRET, as an operator would point a site at it.
final class SandboxProcessTests: XCTestCase {
    private var sandbox: SandboxProcess!
    private var site: TestSite!

    override func setUpWithError() throws {
        try super.setUpWithError()
        sandbox = try SandboxProcess()
        site = try TestSite.minimal(appID: "wx0000000000000000", groups: ["readers: 读书会", "vip: 会员"])
    }

    override func tearDown() {
        sandbox?.stop()
        site?.remove()
        super.tearDown()
    }

    private func wxpub(_ args: [String]) throws -> CLIResult {
        try WXPub.run(args, in: site.root, env: sandbox.env)
    }

    func testPublishBroadcastsOnceToTheSandboxProcess() async throws {
        let first = try wxpub(["publish"])
        XCTAssertEqual(first.status, 0, "\(first)")
        XCTAssertNotNil(first.stdout.range(of: #"sent +msg_id \d+ +第一篇 → all"#, options: .regularExpression), "\(first)")
        let second = try wxpub(["publish"])
        XCTAssertEqual(second.status, 0, "\(second)")

        let ledger = try await sandbox.ledger()
        let broadcasts = try XCTUnwrap(ledger["broadcasts"] as? [[String: Any]], "\(ledger)")
        XCTAssertEqual(broadcasts.count, 1, "two runs broadcast \(broadcasts.count) times")
        XCTAssertEqual(broadcasts.first?["titles"] as? [String], ["第一篇"])
    }

    func testGroupsListShowsTagsCountsAndWhichConfigGroupUsesThem() throws {
        let result = try wxpub(["groups", "list"])
        XCTAssertEqual(result.status, 0, "\(result)")
        let lines = result.stdout.components(separatedBy: "\n")
        XCTAssertEqual(lines.first, " ID  FOLLOWERS  TAG")
        // The sandbox's demo audience: 星标组 (2) and 读书会 (101) with members.
        XCTAssertTrue(lines.contains { $0.range(of: #"^ +2 +\d+  星标组  ← `starred`$"#, options: .regularExpression) != nil }, "\(result)")
        XCTAssertTrue(lines.contains { $0.range(of: #"^101 +\d+  读书会  ← `readers`$"#, options: .regularExpression) != nil }, "\(result)")
        XCTAssertTrue(result.stdout.contains("groups sending to every follower: `all`"), "\(result)")
        XCTAssertTrue(result.stdout.contains("missing: group `vip` names the tag \"会员\""), "\(result)")
        XCTAssertTrue(result.stdout.contains("wxpub groups sync"), "\(result)")
    }

    func testGroupsSyncCreatesTheMissingTagsOnce() throws {
        let sync = try wxpub(["groups", "sync"])
        XCTAssertEqual(sync.status, 0, "\(sync)")
        XCTAssertNotNil(sync.stdout.range(of: #"^created tag \d+ 会员$"#, options: [.regularExpression, .anchored]), "\(sync)")

        let again = try wxpub(["groups", "sync"])
        XCTAssertEqual(again.status, 0, "\(again)")
        XCTAssertFalse(again.stdout.contains("created tag"), "\(again)")

        let list = try wxpub(["groups"])
        XCTAssertTrue(list.stdout.contains("会员  ← `vip`"), "\(list)")
        XCTAssertFalse(list.stdout.contains("missing:"), "\(list)")
    }

    func testGroupsCreateMakesATag() throws {
        let result = try wxpub(["groups", "create", "新读者"])
        XCTAssertEqual(result.status, 0, "\(result)")
        XCTAssertNotNil(result.stdout.range(of: #"created tag \d+ 新读者"#, options: .regularExpression), "\(result)")
        XCTAssertTrue(try wxpub(["groups"]).stdout.contains("新读者"))
    }

    func testGroupsCreateOfADuplicateNameExits3WithThePlatformsError() throws {
        let result = try wxpub(["groups", "create", "读书会"])
        XCTAssertEqual(result.status, 3, "\(result)")
        XCTAssertTrue(result.stderr.contains("error: WeChat API createTag failed"), "\(result)")
        XCTAssertTrue(result.stderr.contains("errcode 45157"), "\(result)")
    }

    func testGroupsCreateOfATooLongNameExits2BeforeCallingTheAPI() async throws {
        let name = String(repeating: "读", count: 11)
        let result = try wxpub(["groups", "create", name])
        XCTAssertEqual(result.status, 2, "\(result)")
        XCTAssertTrue(result.stderr.contains("33 bytes of UTF-8; WeChat allows 30"), "\(result)")
        let calls = try await sandbox.ledger()["calls"] as? [String: Any]
        XCTAssertNil(calls?["/cgi-bin/tags/create"], "the API was called: \(String(describing: calls))")
    }

    func testGroupsSyncCannotCreateATagGivenOnlyByIDAndSaysSo() throws {
        try site.write("wxpub.yml", Data("""
            account:
              type: subscription
              appid: wx0000000000000000
            groups:
              lost: 999
            defaults:
              groups: [all]
              cover: content/images/cover.png

            """.utf8))
        let result = try wxpub(["groups", "sync"])
        XCTAssertEqual(result.status, 2, "\(result)")
        XCTAssertTrue(result.stderr.contains("group `lost` names tag id 999, which the account does not have"), "\(result)")
        XCTAssertFalse(result.stdout.contains("created tag"), "\(result)")
    }

    func testFollowersCountPrintsTheAudienceSize() throws {
        let result = try wxpub(["followers", "--count"])
        XCTAssertEqual(result.status, 0, "\(result)")
        XCTAssertEqual(result.stdout, "1000\n")
    }

    func testFollowersPrintsEveryOpenIDOnce() throws {
        let result = try wxpub(["followers"])
        XCTAssertEqual(result.status, 0, "\(result)")
        let ids = result.stdout.split(separator: "\n")
        XCTAssertEqual(ids.count, 1000)
        XCTAssertEqual(Set(ids).count, 1000)
        XCTAssertTrue(ids.allSatisfy { $0.hasPrefix("o") && $0.count == 28 }, "\(ids.prefix(3))")
    }

    func testMediaGetDownloadsTheCoverThatPublishUploaded() async throws {
        XCTAssertEqual(try wxpub(["publish"]).status, 0)
        let ledger = try await sandbox.ledger()
        let materials = try XCTUnwrap(ledger["materials"] as? [[String: Any]], "\(ledger.keys)")
        let mediaID = try XCTUnwrap(materials.first?["media_id"] as? String, "\(materials)")
        let out = site.url("downloaded.png")
        let result = try wxpub(["media", "get", mediaID, "-o", out.path])
        XCTAssertEqual(result.status, 0, "\(result)")
        XCTAssertEqual(try Data(contentsOf: out), TestSite.pixelPNG)
        XCTAssertTrue(result.stdout.contains("wrote \(TestSite.pixelPNG.count) bytes"), "\(result)")
    }

    func testMediaGetToDashWritesTheBytesToStdout() async throws {
        XCTAssertEqual(try wxpub(["publish"]).status, 0)
        let materials = try await sandbox.ledger()["materials"] as? [[String: Any]]
        let mediaID = try XCTUnwrap(materials?.first?["media_id"] as? String)
        let process = Process()
        process.executableURL = try WXPub.executable()
        process.arguments = ["media", "get", mediaID, "-o", "-"]
        process.environment = WXPub.environment(sandbox.env)
        process.currentDirectoryURL = site.root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertEqual(data, TestSite.pixelPNG)
    }

    func testMediaGetOfAnUnknownIDExits3AndWritesNothing() throws {
        let out = site.url("nothing.bin")
        let result = try wxpub(["media", "get", "no-such-media", "-o", out.path])
        XCTAssertEqual(result.status, 3, "\(result)")
        XCTAssertTrue(result.stderr.contains("errcode 40007"), "\(result)")
        XCTAssertTrue(result.stderr.contains("no-such-media"), "\(result)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }

    func testWrongSecretExits3WithoutPrintingIt() throws {
        var env = sandbox.env
        env["WXPUB_APPSECRET"] = "wrong-secret-4f9a2c"
        let result = try WXPub.run(["followers", "--count"], in: site.root, env: env)
        XCTAssertEqual(result.status, 3, "\(result)")
        XCTAssertTrue(result.stderr.contains("error: WeChat API stableToken failed"), "\(result)")
        XCTAssertFalse(result.all.contains("wrong-secret-4f9a2c"), "\(result)")
    }

    func testVerbosePrintsRequestLinesWithTheTokenRedacted() throws {
        let result = try wxpub(["followers", "--count", "--verbose"])
        XCTAssertEqual(result.status, 0, "\(result)")
        XCTAssertTrue(result.stderr.contains("POST /cgi-bin/stable_token 200"), "\(result)")
        XCTAssertTrue(result.stderr.contains("GET /cgi-bin/user/get?access_token=REDACTED"), "\(result)")
    }

    func testNoOutputEverContainsTheSecretOrAnAccessToken() async throws {
        var outputs: [String] = []
        for args in [
            ["publish", "--verbose"], ["groups", "sync", "-v"], ["groups", "list", "-v"], ["followers", "-v"],
            ["media", "get", "no-such-media", "-o", site.url("x").path, "-v"], ["publish", "--dry-run", "--json"],
        ] {
            outputs.append(try wxpub(args).all)
        }
        // Also what the sandbox printed, and everything other tests in this process captured.
        outputs.append(sandbox.stderr)
        outputs += Transcript.shared.all

        let tokens = try accessTokens()
        XCTAssertFalse(tokens.isEmpty, "no access token was cached, so the check below would prove nothing")
        for text in outputs {
            XCTAssertFalse(text.contains(sandbox.secret), "the AppSecret leaked:\n\(text)")
            for token in tokens { XCTAssertFalse(text.contains(token), "an access token leaked:\n\(text)") }
            XCTAssertNil(text.range(of: #"access_token=(?!REDACTED)"#, options: .regularExpression), "an unredacted access_token= in:\n\(text)")
        }
    }

    /// The tokens wxpub holds for this site (its token cache), plus the one the sandbox hands out now.
    private func accessTokens() throws -> [String] {
        var tokens: [String] = []
        let cache = site.url(".wxpub/token.json")
        if let data = try? Data(contentsOf: cache) {
            func collect(_ value: Any) {
                if let object = value as? [String: Any] {
                    for (key, inner) in object {
                        if key == "access_token", let token = inner as? String, !token.isEmpty { tokens.append(token) } else { collect(inner) }
                    }
                } else if let array = value as? [Any] {
                    array.forEach(collect)
                }
            }
            collect(try JSONSerialization.jsonObject(with: data))
        }
        return tokens
    }

    func testSandboxExitsCleanlyOnSIGTERM() throws {
        XCTAssertTrue(sandbox.process.isRunning)
        let status = sandbox.stop()
        XCTAssertEqual(status, 0, "sandbox stderr:\n\(sandbox.stderr)")
        XCTAssertEqual(sandbox.process.terminationReason, .exit, "it died of the signal instead of exiting")
        XCTAssertTrue(sandbox.stderr.contains("sandbox stopped"), sandbox.stderr)
    }

    func testSandboxExitsCleanlyOnSIGINT() throws {
        kill(sandbox.process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(10)
        while sandbox.process.isRunning && Date() < deadline { usleep(10_000) }
        XCTAssertFalse(sandbox.process.isRunning)
        XCTAssertEqual(sandbox.process.terminationReason, .exit)
        XCTAssertEqual(sandbox.process.terminationStatus, 0)
    }
}
