import Foundation
import XCTest
@testable import WXContent
import WXSupport

/// Every `Fixtures/posts/<case>.md` is loaded with the site config below; `<case>.expected` holds
/// the post's fields and every diagnostic with its `file:line:col`.
final class PostFixtureTests: XCTestCase {
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/posts")

    static let site: SiteConfig = {
        var config = SiteConfig(root: fixtures, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        config.groups = ["all": .all, "listeners": .tagName("听众交流会")]
        config.aliases = ["title": ["title", "title1"], "digest": ["digest", "description"]]
        config.defaults.author = "默认作者"
        return config
    }()

    func testEveryPostFixtureMatchesItsExpectedOutput() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).filter { $0.hasSuffix(".md") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 22)
        for file in files {
            let result = PostLoader(site: Self.site).load(path: file)
            let url = Self.fixtures.appendingPathComponent(file)
            try FixtureSupport.compare(Self.describe(result), expectedAt: url.deletingPathExtension().appendingPathExtension("expected"), fixtureSource: #filePath)
        }
    }

    static func describe(_ result: PostLoader.Result) -> String {
        var lines: [String] = []
        if let post = result.post {
            func located(_ l: Located<String>?) -> String { l.map { "\($0.value) @\($0.location)" } ?? "-" }
            lines += [
                "slug: \(post.slug)",
                "title: \(located(post.title)) (from \(post.titleSource.rawValue))",
                "author: \(located(post.author))",
                "digest: \(located(post.digest))",
                "cover: \(located(post.cover))",
                "groups: \(post.groups.map(\.value))",
                "publish_at: \(post.publishAt.map { "\($0.value.formatted(.iso8601.timeZoneSeparator(.colon))) @\($0.location)" } ?? "-") (from \(post.publishAtSource.rawValue))",
                "draft: \(post.draft)",
                "source_url: \(located(post.sourceURL))",
                "comments: \(post.comments.rawValue)",
                "mode: \(post.mode.rawValue)",
                "body starts at line \(post.bodyStartLine): \(post.body.split(separator: "\n").first(where: { !$0.isEmpty }).map(String.init) ?? "")",
                "front matter keys: \(post.frontMatter.keys.sorted())",
            ]
        } else {
            lines.append("no post")
        }
        for d in result.diagnostics { lines.append(d.description) }
        return lines.joined(separator: "\n") + "\n"
    }

    func testSlugDropsJekyllDatePrefix() {
        XCTAssertEqual(PostLoader.slug(fromFileName: "2013-08-05-subscription-vs-service"), "subscription-vs-service")
        XCTAssertEqual(PostLoader.slug(fromFileName: "about"), "about")
        XCTAssertEqual(PostLoader.slug(fromFileName: "2013-08-05"), "2013-08-05")
        XCTAssertEqual(PostLoader.slug(fromFileName: "2013-8-5-x"), "2013-8-5-x")
    }

    func testFrontMatterSplitKeepsBodyLineNumbers() throws {
        let split = try FrontMatter.split("---\na: 1\nb: 2\n---\nbody\n")
        XCTAssertEqual(split.yaml, "a: 1\nb: 2\n")
        XCTAssertEqual(split.bodyStartLine, 5)
        XCTAssertEqual(split.body, "body\n")
    }

    func testPlusFencesSplitTOMLFrontMatterAndOnlyPlusFencesCloseIt() throws {
        let split = try FrontMatter.split("+++\ntitle = \"x\"\n...\n+++  \nbody\n")
        XCTAssertEqual(split.format, .toml)
        XCTAssertEqual(split.text, "title = \"x\"\n...\n")
        XCTAssertEqual(split.bodyStartLine, 5)
        XCTAssertEqual(split.body, "body\n")
        XCTAssertThrowsError(try FrontMatter.split("+++\ntitle = \"x\"\n---\nbody\n"))
    }

    func testTextWithoutFenceHasNoFrontMatter() throws {
        let split = try FrontMatter.split("# Title\n---\n")
        XCTAssertFalse(split.isPresent)
        XCTAssertEqual(split.bodyStartLine, 1)
    }

    func testTheSeedPostLoadsWithItsJekyllTitleAndDescription() throws {
        let result = PostLoader(site: Self.site).load(path: "seed.md")
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.post?.title?.value, "微信公众平台订阅号与服务号及高级接口及微信支付接入")
        XCTAssertEqual(result.post?.digest?.value, "微信公众平台订阅号与服务号的区别，微信公众平台高级接口的功能解读，微信公众平台支付接口接入")
        XCTAssertEqual(result.post?.title?.location, SourceLocation(file: "seed.md", line: 5, column: 9))
    }
}
