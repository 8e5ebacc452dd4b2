import XCTest

@testable import WXRender

final class SourceMapTests: XCTestCase {
    func testLinesAreOffsetByTheBodyStartLine() {
        let map = SourceMap(file: "p.md", body: "a\nb\n", bodyStartLine: 9)
        XCTAssertEqual(map.location(line: 2, column: 1).description, "p.md:10:1")
    }

    func testByteColumnsBecomeScalarColumns() {
        // "微信" is 6 UTF-8 bytes; cmark reports the `[` after it at byte column 7.
        let map = SourceMap(file: "p.md", body: "微信[x](http://a)\n", bodyStartLine: 1)
        XCTAssertEqual(map.location(line: 1, column: 7).column, 3)
    }

    func testCmarkPositionsOfInlineImagesMapIntoTheFile() throws {
        let markdown = "第一行\n\n中文 ![图](missing.png)\n"
        let site = try TestSite()
        defer { site.remove() }
        let (_, body) = renderBody(site.post(markdown, bodyStartLine: 7), site: site.config())
        XCTAssertEqual(body.diagnostics.map(\.location.description), ["content/posts/post.md:9:4"])
    }
}
