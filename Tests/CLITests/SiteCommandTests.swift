import Foundation
import XCTest

/// `init`, `check`, `build` and `publish` run as a user would run them, on sites written into temp folders.
final class SiteCommandTests: XCTestCase {
    private var sites: [TestSite] = []

    override func tearDown() {
        for site in sites { site.remove() }
        sites = []
        super.tearDown()
    }

    private func keep(_ site: TestSite) -> TestSite {
        sites.append(site)
        return site
    }

    private func initialisedSite() throws -> TestSite {
        let site = keep(try TestSite.empty())
        let result = try WXPub.run(["init", site.root.path])
        XCTAssertEqual(result.status, 0, "\(result)")
        return site
    }

    // MARK: init

    func testInitCreatesASiteThatChecksClean() throws {
        let site = try initialisedSite()
        let check = try WXPub.run(["check"], in: site.root)
        XCTAssertEqual(check.status, 0, "\(check)")
        XCTAssertTrue(check.stderr.contains("checked 1 post: 0 errors, 0 warnings"), "\(check)")
        XCTAssertFalse(check.stderr.contains("error:"), "\(check)")
    }

    func testInitRefusesToOverwriteAnExistingSite() throws {
        let site = try initialisedSite()
        let again = try WXPub.run(["init", site.root.path])
        XCTAssertEqual(again.status, 2, "\(again)")
        XCTAssertTrue(again.stderr.contains("already has wxpub.yml"), "\(again)")
        XCTAssertTrue(again.stderr.contains("--force"), "\(again)")
    }

    func testInitSitePublishesToTheSandboxOnceAndASecondRunSendsNothing() throws {
        let site = try initialisedSite()
        let first = try WXPub.run(["publish", "--sandbox"], in: site.root)
        XCTAssertEqual(first.status, 0, "\(first)")
        XCTAssertNotNil(first.stdout.range(of: #"sent +msg_id \d+ +你好，wxpub → all"#, options: .regularExpression), "\(first)")
        XCTAssertTrue(first.stdout.contains("message/mass/sendall 1"), "\(first)")

        let second = try WXPub.run(["publish", "--sandbox"], in: site.root)
        XCTAssertEqual(second.status, 0, "\(second)")
        XCTAssertFalse(second.stdout.contains("\n    sent "), "a second run sent again:\n\(second)")
        XCTAssertTrue(second.stdout.contains("skipped"), "\(second)")
        // The in-process sandbox keeps its state: still exactly one broadcast, one sendall call.
        XCTAssertTrue(second.stdout.contains("message/mass/sendall 1"), "\(second)")
        XCTAssertEqual(second.stdout.components(separatedBy: "broadcast msg_id").count - 1, 1, "\(second)")
    }

    // MARK: check

    func testBrokenPostIsReportedWithLocationSourceLineAndCaret() throws {
        let site = keep(try TestSite.minimal(files: [
            "content/posts/2024-05-02-broken.md": """
                ---
                title: 坏图片
                ---

                正文 ![图](missing.png) 结束。

                """,
        ]))
        let result = try WXPub.run(["check"], in: site.root)
        XCTAssertEqual(result.status, 1, "\(result)")
        let lines = result.stderr.components(separatedBy: "\n")
        guard let at = lines.firstIndex(where: { $0.hasPrefix("content/posts/2024-05-02-broken.md:5:4: error: ") }) else {
            return XCTFail("no located error for the broken post:\n\(result)")
        }
        XCTAssertTrue(lines[at].contains("missing.png"), lines[at])
        XCTAssertEqual(lines[at + 1], "  正文 ![图](missing.png) 结束。")
        // Two cells per Chinese character: the caret sits under the `!`.
        XCTAssertEqual(lines[at + 2], "       ^")
        XCTAssertTrue(result.stderr.contains("checked 2 posts: 1 error, 0 warnings"), "\(result)")
        XCTAssertFalse(result.stderr.contains("2024-05-01-first.md"), "the clean post was reported:\n\(result)")
    }

    func testBrokenPostInGitHubFormatIsAWorkflowAnnotation() throws {
        let site = keep(try TestSite.minimal(files: [
            "content/posts/2024-05-02-broken.md": "---\ntitle: 坏图片\n---\n\n正文 ![图](missing.png) 结束。\n",
        ]))
        let result = try WXPub.run(["check", "--format", "github"], in: site.root)
        XCTAssertEqual(result.status, 1, "\(result)")
        XCTAssertTrue(result.stderr.contains("::error file=content/posts/2024-05-02-broken.md,line=5,col=4"), "\(result)")
        XCTAssertFalse(result.stderr.contains("  ^"), "github format printed a caret:\n\(result)")
    }

    func testBadConfigExits2PointingAtTheConfigLine() throws {
        let site = keep(try TestSite([
            "wxpub.yml": "account:\n  name: 测试号\n  type: personal\n",
        ]))
        let result = try WXPub.run(["check"], in: site.root)
        XCTAssertEqual(result.status, 2, "\(result)")
        XCTAssertTrue(result.stderr.contains("wxpub.yml:3:9: error: "), "\(result)")
        XCTAssertTrue(result.stderr.contains("personal"), "\(result)")
        XCTAssertTrue(result.stderr.contains("\n    type: personal\n          ^\n"), "\(result)")
    }

    func testSiteOptionRunsOnAnotherFolder() throws {
        let site = keep(try TestSite.minimal())
        let elsewhere = keep(try TestSite.empty())
        let result = try WXPub.run(["check", "--site", site.root.path], in: elsewhere.root)
        XCTAssertEqual(result.status, 0, "\(result)")
        XCTAssertTrue(result.stderr.contains("checked 1 post: 0 errors"), "\(result)")
    }

    // MARK: build

    func testBuildWritesArticleAndPreviewAndARebuildWritesNothing() throws {
        let site = keep(try TestSite.minimal())
        let out = site.url("out")
        let first = try WXPub.run(["build", "--out", out.path], in: site.root)
        XCTAssertEqual(first.status, 0, "\(first)")
        let article = out.appendingPathComponent("first/article.json")
        let preview = out.appendingPathComponent("first/index.html")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: article)) as? [String: Any]
        XCTAssertNotNil(json, "article.json is not a JSON object")
        XCTAssertTrue(String(decoding: try Data(contentsOf: article), as: UTF8.self).contains("第一篇"))
        XCTAssertTrue(String(decoding: try Data(contentsOf: preview), as: UTF8.self).contains("小标题"))
        XCTAssertTrue(first.stdout.contains("1 article, 3 files written"), "\(first)")  // article.json, index.html, and the site's index.html

        let stamp = try FileManager.default.attributesOfItem(atPath: article.path)[.modificationDate] as? Date
        usleep(20_000)
        let second = try WXPub.run(["build", "--out", out.path], in: site.root)
        XCTAssertEqual(second.status, 0, "\(second)")
        XCTAssertTrue(second.stdout.contains("1 article, 0 files written"), "\(second)")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: article.path)[.modificationDate] as? Date, stamp)
    }

    // MARK: publish without the network

    func testDryRunJSONNeedsNoSecretAndNoNetwork() throws {
        let site = keep(try TestSite.minimal())
        let result = try WXPub.run(
            ["publish", "--dry-run", "--json"], in: site.root,
            env: ["WXPUB_APPSECRET": nil, "WXPUB_API_BASE": "http://127.0.0.1:1"], timeout: 60)
        XCTAssertEqual(result.status, 0, "\(result)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let plan = try XCTUnwrap(object?["plan"] as? [String: Any], "no plan in:\n\(result.stdout)")
        let broadcasts = try XCTUnwrap(plan["broadcasts"] as? [[String: Any]])
        XCTAssertEqual(broadcasts.count, 1)
        XCTAssertEqual(broadcasts.first?["audience"] as? String, "all")
        let articles = try XCTUnwrap(broadcasts.first?["articles"] as? [[String: Any]])
        XCTAssertEqual(articles.map { $0["title"] as? String }, ["第一篇"])
        XCTAssertFalse(result.stderr.contains("127.0.0.1:1"), "dry-run touched the network:\n\(result)")
    }

    func testDryRunExits1WhenAPostHasAnError() throws {
        let site = keep(try TestSite.minimal(files: [
            "content/posts/2024-05-02-broken.md": "---\ntitle: 坏图片\n---\n\n![图](missing.png)\n",
        ]))
        let result = try WXPub.run(["publish", "--dry-run", "--json"], in: site.root)
        XCTAssertEqual(result.status, 1, "\(result)")
        XCTAssertTrue(result.stderr.contains("2024-05-02-broken.md:5:1: error:"), "\(result)")
        XCTAssertNotNil(try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)), "stdout is not JSON:\n\(result.stdout)")
    }

    func testLivePublishWithoutASecretExits2SayingWhatToSet() throws {
        let site = keep(try TestSite.minimal())
        let result = try WXPub.run(["publish"], in: site.root, env: ["WXPUB_APPSECRET": nil, "WXPUB_API_BASE": "http://127.0.0.1:1"])
        XCTAssertEqual(result.status, 2, "\(result)")
        XCTAssertTrue(result.stderr.contains("no AppSecret"), "\(result)")
        XCTAssertTrue(result.stderr.contains("WXPUB_APPSECRET"), "\(result)")
    }

    func testGroupsWithoutASecretExits2SayingWhatToSet() throws {
        let site = keep(try TestSite.minimal())
        let result = try WXPub.run(["groups", "list"], in: site.root, env: ["WXPUB_APPSECRET": nil])
        XCTAssertEqual(result.status, 2, "\(result)")
        XCTAssertTrue(result.stderr.contains("WXPUB_APPSECRET"), "\(result)")
    }

    func testUnreachableAPIExits3WithTheNetworkFailure() throws {
        let site = keep(try TestSite.minimal())
        let result = try WXPub.run(
            ["followers", "--count"], in: site.root, env: ["WXPUB_APPSECRET": "not-used-anywhere", "WXPUB_API_BASE": "http://127.0.0.1:1"])
        XCTAssertEqual(result.status, 3, "\(result)")
        XCTAssertTrue(result.stderr.contains("error: WeChat API stableToken failed"), "\(result)")
        XCTAssertTrue(result.stderr.contains("network failure"), "\(result)")
        XCTAssertFalse(result.all.contains("not-used-anywhere"), "the secret leaked:\n\(result)")
    }
}
