import Foundation
import XCTest
import WXSupport

@testable import WXContent

/// A post read from disk as bytes is split and checked exactly as its text would be: the same
/// front matter and body, the same BOM and line-ending handling, and a located error for bytes
/// that are not UTF-8 or a block that is never closed.
final class PostFileBytesTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("wxpub-bytes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content/posts"), withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    private func load(_ bytes: [UInt8], name: String = "2024-05-01-post.md") throws -> PostLoader.Result {
        try Data(bytes).write(to: root.appendingPathComponent("content/posts/\(name)"))
        return PostLoader(site: SiteConfig(root: root)).load(path: "content/posts/\(name)")
    }

    private func messages(_ result: PostLoader.Result) -> [String] {
        result.diagnostics.map { "\($0.location): \($0.message)" }
    }

    func testBytesSplitAsTheirTextSplits() throws {
        for text in ["---\ntitle: 标题\n---\n正文\n", "+++\ntitle = \"标题\"\n+++\n正文", "# 标题\n\n正文\n", "", "---\n---\n", "---\r\na: 1\r\n---\r\nx\ry\r\n"] {
            let fromText = try FrontMatter.split(text)
            XCTAssertEqual(try FrontMatter.split(utf8: Array(text.utf8)), fromText, text)
        }
    }

    func testAByteOrderMarkIsDroppedAsDecodingAndSplittingTextDropIt() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let split = try XCTUnwrap(try FrontMatter.split(utf8: bom + bom + Array("---\na: 1\n---\nb".utf8)))
        XCTAssertEqual(split.body, "b")
        let third = try XCTUnwrap(try FrontMatter.split(utf8: bom + bom + bom + Array("---\na: 1\n---\nb".utf8)))
        XCTAssertFalse(third.isPresent)
        XCTAssertEqual(third.body, "\u{FEFF}---\na: 1\n---\nb")
    }

    func testNoBytesAreAPostWithNoFrontMatterAndAnEmptyBody() throws {
        XCTAssertEqual(try FrontMatter.split(utf8: []), try FrontMatter.split(""))
        XCTAssertEqual(try FrontMatter.split(utf8: [0xEF, 0xBB, 0xBF]), try FrontMatter.split(""))
    }

    func testBytesThatAreNotUTF8AnywhereAreNil() throws {
        XCTAssertNil(try FrontMatter.split(utf8: Array("---\na: ".utf8) + [0xC0, 0x80] + Array("\n---\nbody".utf8)))
        XCTAssertNil(try FrontMatter.split(utf8: Array("---\na: 1\n---\nbody ".utf8) + [0xED, 0xA0, 0x80]))
        XCTAssertNil(try FrontMatter.split(utf8: Array("---\na: 1\nbody ".utf8) + [0xFF]))
    }

    func testAPostThatIsNotUTF8IsAnErrorAtItsFirstLine() throws {
        let result = try load(Array("---\ntitle: x\n---\n".utf8) + [0xC3, 0x28])
        XCTAssertNil(result.post)
        XCTAssertEqual(messages(result), ["content/posts/2024-05-01-post.md:1:1: content/posts/2024-05-01-post.md is not UTF-8 text"])
    }

    func testAnUnclosedBlockIsAnErrorAtItsOpeningFence() throws {
        let result = try load(Array("\u{FEFF}---\r\ntitle: x\r\n".utf8))
        XCTAssertEqual(messages(result), ["content/posts/2024-05-01-post.md:1:1: the front matter opened with `---` on line 1 is never closed"])
    }

    func testALoadedPostHasTheBodyAndSlugOfItsText() throws {
        let result = try load(Array("---\r\ntitle: 标题\r\nauthor: 编辑部\r\n---\r\n正文\r\n".utf8), name: "2024-05-01-hello.markdown")
        XCTAssertEqual(messages(result), [])
        XCTAssertEqual(result.post?.title?.value, "标题")
        XCTAssertEqual(result.post?.author?.value, "编辑部")
        XCTAssertEqual(result.post?.slug, "hello")
        XCTAssertEqual(result.post?.body, "正文\n")
        XCTAssertEqual(result.post?.bodyStartLine, 5)
    }

    func testAFolderInPlaceOfAPostCannotBeRead() throws {
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content/posts/folder.md"), withIntermediateDirectories: true)
        let result = PostLoader(site: SiteConfig(root: root)).load(path: "content/posts/folder.md")
        XCTAssertEqual(messages(result), ["content/posts/folder.md:1:1: cannot read content/posts/folder.md"])
    }

    func testTheFileNameOfAPathDropsItsMarkdownExtension() {
        XCTAssertEqual(PostLoader.fileName(path: "content/posts/2024-05-01-a.md"), "2024-05-01-a")
        XCTAssertEqual(PostLoader.fileName(path: "a.b.markdown"), "a.b")
        XCTAssertEqual(PostLoader.fileName(path: "content/posts/notes.txt"), "notes")
        XCTAssertEqual(PostLoader.fileName(path: "content/.md"), ".md")
    }
}
