import Foundation
import WXContent
import WXHTML
import XCTest

@testable import WXRender

/// The preview page's dark-mode table from the styles the compile wrote (`StyleEvents`) is the
/// table the scan of the article finds (`DarkModeRendering.darkStyles(bytes:)`): same entries,
/// same order, same dark versions and per-occurrence lists.
final class WrittenDarkStylesTests: XCTestCase {
    /// The table from the compile's record, which must vouch for the article's content.
    func writtenTable(_ article: Article, _ name: String) throws -> DarkStyles {
        let events = try XCTUnwrap(article.writtenStyles?.vouched, "\(name): no record vouched for")
        return try XCTUnwrap(DarkModeRendering.darkStyles(events: events, in: article.content), "\(name): the record does not nest")
    }

    func assertSameTable(_ article: Article, _ name: String) throws {
        let scanned = DarkModeRendering.darkStyles(bytes: Array(article.content.utf8))
        XCTAssertEqual(try writtenTable(article, name), scanned, name)
        XCTAssertFalse(scanned.entries.isEmpty, "\(name): a table with something in it")
    }

    func testEveryGoldenArticleGetsTheScansTable() throws {
        var vouched = 0
        var skipped: [String] = []
        try TestSite.compileGoldenCases { name, result in
            // A case whose compile has errors (missing images) has no article and no page.
            guard let article = result.article, article.writtenStyles?.vouched != nil else {
                skipped.append(name)
                return
            }
            try assertSameTable(article, name)
            vouched += 1
        }
        XCTAssertGreaterThanOrEqual(vouched, 10)
        XCTAssertEqual(skipped, ["images"])
    }

    func testTheExampleSiteInEachBuiltInThemeGetsTheScansTable() throws {
        var checked = 0
        try BuiltInThemeTests.forEachExamplePostInEachTheme { builtIn, path, _, result in
            let article = try XCTUnwrap(result.article, path)
            try assertSameTable(article, "\(builtIn.name): \(path)")
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 6)
    }

    func testASampleOfTheSpeedCorpusGetsTheScansTable() throws {
        let folder = TestSite.fixtures.appendingPathComponent("speed-corpus")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
        XCTAssertEqual(files.count, 5)
        let site = try TestSite()
        defer { site.remove() }
        let compiler = try ArticleCompiler(site: site.config(defaultCover: "images/green.jpg"))
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            // The body after the front matter (the site's default cover stands in for the post's).
            let body = String(text.components(separatedBy: "\n---\n\n").dropFirst().joined(separator: "\n---\n\n"))
            let article = try XCTUnwrap(compiler.compile(site.post(body, title: file)).article, file)
            try assertSameTable(article, file)
        }
    }

    func testRawHTMLAParserWouldNestOtherwiseTakesTheScan() throws {
        let site = try TestSite()
        defer { site.remove() }
        let compiler = try ArticleCompiler(site: site.config(defaultCover: "images/green.jpg"))
        // Written inside the paragraph (as a `section`); a parser ends the paragraph there.
        let article = try XCTUnwrap(compiler.compile(site.post("文字 <div style=\"background: #ffffff\">块</div> 文字")).article)
        XCTAssertTrue(article.content.contains("文字 <section"), article.content)
        XCTAssertNil(article.writtenStyles?.vouched)
    }

    func testRawHTMLWrittenAsAParserReadsItIsVouchedFor() throws {
        let site = try TestSite()
        defer { site.remove() }
        let compiler = try ArticleCompiler(site: site.config(defaultCover: "images/green.jpg"))
        let article = try XCTUnwrap(compiler.compile(site.post("<section style=\"background: #fff8e1\"><p>块 <span style=\"color: #999999\">注</span></p></section>")).article)
        try assertSameTable(article, "section")
    }

    func testAnArticleWhoseContentChangedTakesTheScan() throws {
        let site = try TestSite()
        defer { site.remove() }
        var article = try XCTUnwrap(ArticleCompiler(site: site.config(defaultCover: "images/green.jpg")).compile(site.post("> 引用")).article)
        XCTAssertNotNil(article.writtenStyles?.vouched)
        article.content += "<p style=\"color: #333333\">x</p>"
        XCTAssertNil(article.writtenStyles)
    }

    func testEventsThatDoNotNestGiveNoTable() {
        let html = "<p style=\"color: #333333\">x</p>"
        var events = StyleEvents()
        events.open(10..<24, of: Array(html.utf8))
        XCTAssertNil(DarkModeRendering.darkStyles(events: events, in: html), "an element left open")
        events.close(at: 27)
        XCTAssertEqual(DarkModeRendering.darkStyles(events: events, in: html), DarkModeRendering.darkStyles(bytes: Array(html.utf8)))
        events.close(at: 30)
        XCTAssertNil(DarkModeRendering.darkStyles(events: events, in: html), "a close with nothing open")
    }

    func testAStyleWithAnEntityIsNotVouchedFor() {
        let html = "<p style=\"font-family: &quot;A&quot;\">x</p>"
        var events = StyleEvents()
        events.open(10..<37, of: Array(html.utf8))
        XCTAssertFalse(events.vouched)
    }
}
