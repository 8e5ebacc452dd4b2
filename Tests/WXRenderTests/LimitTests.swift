import WXSupport
import XCTest

@testable import WXRender

/// Every platform limit at exactly the limit (accepted) and one over (rejected).
final class LimitTests: XCTestCase {
    let here = SourceLocation(file: "content/posts/post.md", line: 2, column: 8)

    func findings(_ check: (inout ArticleChecks) -> Void) -> [String] {
        var checks = ArticleChecks()
        check(&checks)
        return checks.diagnostics.map { "\($0.severity.rawValue) \($0.location): \($0.message)" }
    }

    func testTitleOf32CharactersIsAccepted() {
        XCTAssertEqual(findings { $0.title(String(repeating: "字", count: 32), at: here) }, [])
    }

    func testTitleOf33CharactersIsRejectedWithMeasureAndLimit() {
        XCTAssertEqual(
            findings { $0.title(String(repeating: "字", count: 33), at: here) },
            ["error content/posts/post.md:2:8: title is 33 characters; WeChat allows at most 32"])
    }

    func testMissingOrBlankTitleIsAnError() {
        XCTAssertEqual(findings { $0.title(nil, at: here) }.count, 1)
        XCTAssertEqual(findings { $0.title("  ", at: here) }.count, 1)
    }

    func testEmojiCountAsOneCharacterEach() {
        XCTAssertEqual(findings { $0.title(String(repeating: "👨‍👩‍👧", count: 32), at: here) }, [])
    }

    func testAuthorBoundary() {
        XCTAssertEqual(findings { $0.author(String(repeating: "a", count: 16), at: here) }, [])
        XCTAssertEqual(
            findings { $0.author(String(repeating: "a", count: 17), at: here) },
            ["error content/posts/post.md:2:8: author is 17 characters; WeChat allows at most 16"])
    }

    func testDigestWarnsAbove120AndFailsAbove128() {
        XCTAssertEqual(findings { $0.digest(String(repeating: "摘", count: 120), at: here) }, [])
        XCTAssertEqual(
            findings { $0.digest(String(repeating: "摘", count: 121), at: here) },
            ["warning content/posts/post.md:2:8: digest is 121 characters; newer WeChat documentation limits it to 120"])
        XCTAssertEqual(findings { $0.digest(String(repeating: "摘", count: 128), at: here) }.map { $0.prefix(7) }, ["warning"])
        XCTAssertEqual(
            findings { $0.digest(String(repeating: "摘", count: 129), at: here) },
            ["error content/posts/post.md:2:8: digest is 129 characters; WeChat allows at most 128"])
    }

    func testContentMustBeFewerThan20000Characters() {
        XCTAssertEqual(findings { $0.content(String(repeating: "文", count: 19_999), at: here) }, [])
        XCTAssertEqual(
            findings { $0.content(String(repeating: "文", count: 20_000), at: here) },
            ["error content/posts/post.md:2:8: the compiled article is 20000 characters of HTML; WeChat requires fewer than 20000"])
    }

    func testContentMustBeSmallerThan1MB() {
        // 4-byte scalars: few characters, many bytes.
        let under = String(repeating: "𠀀", count: 262_143) + "abc"
        XCTAssertEqual(under.utf8.count, 1_048_575)
        let findingsUnder = findings { $0.content(under, at: here) }
        XCTAssertFalse(findingsUnder.contains { $0.contains("bytes") })
        let exactly = under + "d"
        XCTAssertTrue(findings { $0.content(exactly, at: here) }.contains {
            $0.contains("the compiled article is 1048576 bytes; WeChat requires less than 1 MB (1048576 bytes)")
        })
    }

    func testSourceURLMustBeHTTPAndAtMost1KB() {
        let base = "https://example.com/"
        let ok = base + String(repeating: "a", count: 1024 - base.utf8.count)
        XCTAssertEqual(findings { $0.sourceURL(ok, at: here) }, [])
        XCTAssertEqual(
            findings { $0.sourceURL(ok + "a", at: here) },
            ["error content/posts/post.md:2:8: source_url is 1025 bytes; WeChat allows at most 1024"])
        XCTAssertEqual(findings { $0.sourceURL("ftp://example.com/x", at: here) }.count, 1)
        XCTAssertEqual(findings { $0.sourceURL("example.com", at: here) }.count, 1)
    }

    func image(_ format: ImageInfo.Format, bytes: Int) -> ArticleImage {
        ArticleImage(source: "a", path: "img/a", sha256: "0", bytes: bytes, format: format, location: here)
    }

    func testBodyImagesMustBeSmallerThan1MB() {
        XCTAssertEqual(findings { $0.bodyImage(image(.png, bytes: 1_048_575)) }, [])
        XCTAssertEqual(
            findings { $0.bodyImage(image(.jpeg, bytes: 1_048_576)) },
            ["error content/posts/post.md:2:8: img/a is 1048576 bytes; images in the article body must be smaller than 1 MB (1048576 bytes)"])
    }

    func testBodyImagesMustBeJPEGOrPNG() {
        XCTAssertEqual(
            findings { $0.bodyImage(image(.gif, bytes: 10)) },
            ["error content/posts/post.md:2:8: img/a is GIF; images in the article body must be JPEG or PNG"])
    }

    func testCoverMayBeUpTo10MB() {
        XCTAssertEqual(findings { $0.cover(image(.bmp, bytes: 10 * 1_048_576)) }, [])
        XCTAssertEqual(
            findings { $0.cover(image(.gif, bytes: 10 * 1_048_576 + 1)) },
            ["error content/posts/post.md:2:8: cover img/a is 10485761 bytes; WeChat allows at most 10 MB (10485760 bytes)"])
    }

    func testCoverMustNotBeWebP() {
        XCTAssertEqual(findings { $0.cover(image(.webp, bytes: 10)) }.count, 1)
    }

    func testRemoteImagesAreNotMeasuredBeforePublish() {
        XCTAssertEqual(findings { $0.bodyImage(ArticleImage(source: "https://x/a.gif", url: "https://x/a.gif", location: here)) }, [])
    }
}
