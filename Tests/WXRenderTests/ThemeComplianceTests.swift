import Foundation
import WXContent
import WXHTML
import WXStructure
import WXSupport
import XCTest

@testable import WXRender

/// The default theme, the golden outputs and the example site must raise no finding of WeChat's
/// article-structure rules (issue 7), and a post that breaks them gets each finding at its line.
final class ThemeComplianceTests: XCTestCase {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL

    func testGoldenOutputsAndTheSeedRaiseNoStructureFinding() throws {
        let folder = TestSite.fixtures.appendingPathComponent("golden")
        var contents: [(String, String)] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".html") {
            contents.append((file, try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)))
        }
        let seed = TestSite.fixtures.appendingPathComponent("seed/2013-08-05-subscription-vs-service-accounts.html")
        contents.append(("seed", try String(contentsOf: seed, encoding: .utf8)))
        XCTAssertGreaterThan(contents.count, 10)
        for (name, html) in contents {
            let findings = StructureChecker().check(HTMLParser.parseFragment(html, file: name).nodes, file: name)
            XCTAssertEqual(findings.map(\.description), [], name)
        }
    }

    func testTheDefaultThemeRaisesNoThemeFinding() throws {
        let compiler = ArticleCompiler(site: SiteConfig(root: URL(fileURLWithPath: "/nonexistent")), theme: try Theme.builtIn())
        XCTAssertEqual(compiler.themeDiagnostics.map(\.description), [])
    }

    func testEveryExamplePostCompilesWithNoDiagnostic() throws {
        let config = try SiteConfig.load(root: Self.repoRoot, environment: [:])
        let compiler = try ArticleCompiler(site: config)
        let site = Site(config: config)
        let paths = site.postPaths()
        XCTAssertGreaterThanOrEqual(paths.count, 4)
        XCTAssertTrue(paths.contains("content/posts/2013-08-05-subscription-vs-service-accounts.md"))
        for path in paths {
            let loaded = PostLoader(site: config).load(path: path)
            let post = try XCTUnwrap(loaded.post, path)
            XCTAssertEqual(loaded.diagnostics.map(\.description), [], path)
            let result = compiler.compile(post)
            XCTAssertEqual(result.diagnostics.map(\.description), [], path)
            XCTAssertNotNil(result.article, path)
        }
    }

    func testAPostBreakingFourRulesGetsFourLocatedFindings() throws {
        let site = try TestSite(files: [
            "content/posts/bad.md": Data("""
                ---
                title: 结构问题
                ---

                <table style="width: 600px"><tr><td>宽表格</td></tr></table>

                <p style="text-align: start">起始对齐</p>

                <p style="font-family: Georgia">字体</p>

                **注意** 和 **没有闭合

                """.utf8)
        ])
        defer { site.remove() }
        let config = site.config(defaultCover: "images/green.jpg")
        let post = try XCTUnwrap(PostLoader(site: config).load(path: "content/posts/bad.md").post)
        let result = try ArticleCompiler(site: config).compile(post)
        let found = result.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.severity.rawValue) \($0.rule ?? "")" }
        XCTAssertEqual(found.sorted(), ["11:10 warning markdown/emphasis", "5:1 error wechat/1.4", "7:1 error wechat/1.6", "9:1 warning wechat/3"])
        XCTAssertNil(result.article, "errors keep the post from publishing")
    }
}
