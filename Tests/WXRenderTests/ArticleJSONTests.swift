import Foundation
import WXSupport
import XCTest

@testable import WXRender

/// `article.json` is written by hand with exactly the bytes `JSONEncoder` gives.
final class ArticleJSONTests: XCTestCase {
    func encoded(_ article: Article) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(article) + Data("\n".utf8)
    }

    func article(_ text: String, images: [ArticleImage] = [], references: [Reference] = []) -> Article {
        let location = SourceLocation(file: "content/posts/\(text).md", line: 3, column: 7)
        return Article(
            title: text, author: text, digest: text, content: "<p style=\"color: #333\">\(text)</p>", contentSourceURL: text,
            needOpenComment: true, onlyFansCanComment: false,
            cover: ArticleImage(source: text, path: text, sha256: text, bytes: 1_234, format: .jpeg, width: 900, height: 383, location: location),
            images: images, references: references)
    }

    func testARealArticleHasTheEncodersBytes() throws {
        let site = try TestSite()
        defer { site.remove() }
        let post = site.post("正文 [链接](https://example.com/a?b=1&c=\"d\")\n\n![红](img/red.png)\n\n```swift\nlet s = \"\\\\\"\n```",
                             title: "标题 \"引号\" / 斜杠", digest: "摘要\t制表")
        let article = try XCTUnwrap(ArticleCompiler(site: site.config(defaultCover: "images/green.jpg")).compile(post).article)
        XCTAssertFalse(article.images.isEmpty)
        XCTAssertFalse(article.references.isEmpty)
        XCTAssertEqual(BuildWriter.articleJSON(article), try encoded(article))
    }

    func testHostileStringsAreEscapedAsTheEncoderEscapesThem() throws {
        let controls = String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar(UInt8($0)) }))
        for text in ["quote \" and \\ backslash", "a/b </script> http://x.y/z", controls, "\u{7F} \u{85} \u{2028} \u{2029} \u{FEFF}",
                     "emoji 😀👨‍👩‍👧 é 中文", "", "\\u0041 \\n", "\r\n\t"] {
            let location = SourceLocation(file: text, line: -1, column: 0)
            let images = [
                ArticleImage(source: text, location: location),
                ArticleImage(source: text, url: "https://example.com/\(text)", location: location),
            ]
            let article = article(text, images: images, references: [Reference(number: 1, text: text, url: text)])
            XCTAssertEqual(String(decoding: BuildWriter.articleJSON(article), as: UTF8.self),
                           String(decoding: try encoded(article), as: UTF8.self), text.debugDescription)
        }
    }

    /// The content is scanned eight bytes at a time: a byte to escape at any place in a word, next
    /// to another, or in the tail shorter than a word is escaped as the encoder escapes it.
    func testBytesToEscapeAtEveryPlaceInAWordAreEscapedAsTheEncoderEscapesThem() throws {
        for special in ["\"", "\\", "\n", "\u{1F}", "\u{0}"] {
            for offset in 0..<17 {
                for text in [String(repeating: "a", count: offset) + special + "中文 text",
                             String(repeating: "é", count: offset) + special + special + String(repeating: " ", count: offset)] {
                    let article = article(text)
                    XCTAssertEqual(String(decoding: BuildWriter.articleJSON(article), as: UTF8.self),
                                   String(decoding: try encoded(article), as: UTF8.self), text.debugDescription)
                }
            }
        }
    }

    func testEmptyListsAndAbsentFieldsAreWrittenAsTheEncoderWritesThem() throws {
        let article = article("x")
        let json = String(decoding: BuildWriter.articleJSON(article), as: UTF8.self)
        XCTAssertTrue(json.contains("\"images\" : [\n\n  ],"), json)
        XCTAssertEqual(BuildWriter.articleJSON(article), try encoded(article))
    }
}
