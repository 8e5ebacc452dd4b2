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

    func testColumnsFarIntoLongLinesCountEveryScalar() {
        // Lines of hundreds of bytes, mixed widths, after a first line that shifts the blocks.
        let lines = ["首行 x", String(repeating: "平台ab🙂 ", count: 60), String(repeating: "c", count: 300) + "微信"]
        let body = lines.joined(separator: "\n") + "\n"
        for map in [SourceMap(file: "p.md", body: body, bodyStartLine: 1), SourceMap(file: "p.md", source: MarkdownSource(body), bodyStartLine: 1)] {
            for (index, line) in lines.enumerated() {
                let utf8 = Array(line.utf8)
                for byteColumn in stride(from: 1, through: utf8.count + 1, by: 1) where byteColumn == utf8.count + 1 || utf8[byteColumn - 1] & 0xC0 != 0x80 {
                    let expected = String(decoding: utf8[..<(byteColumn - 1)], as: UTF8.self).unicodeScalars.count + 1
                    XCTAssertEqual(map.location(line: index + 1, column: byteColumn).column, expected, "line \(index + 1) byte \(byteColumn)")
                }
            }
        }
    }

    func testCmarkPositionsOfInlineImagesMapIntoTheFile() throws {
        let markdown = "第一行\n\n中文 ![图](missing.png)\n"
        let site = try TestSite()
        defer { site.remove() }
        let (_, body) = renderBody(site.post(markdown, bodyStartLine: 7), site: site.config())
        XCTAssertEqual(body.diagnostics.map(\.location.description), ["content/posts/post.md:9:4"])
    }
}
