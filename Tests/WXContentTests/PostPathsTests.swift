import Foundation
import XCTest
@testable import WXContent

/// `Site.postPaths()` lists the content folder with `readdir`; Foundation's enumerator with
/// `.skipsHiddenFiles` (what it used before) is the reference for which names are posts.
final class PostPathsTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("wxpub-paths-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: root)
    }

    private func file(_ path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("---\ntitle: t\n---\n".utf8).write(to: url)
    }

    /// The old listing, as the reference.
    private func enumeratorPaths(_ config: SiteConfig) -> [String] {
        let base = config.root.appendingPathComponent(config.contentDirectory)
        let rootPath = config.root.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles]) else { return [] }
        var paths: [String] = []
        for case let url as URL in enumerator where ["md", "markdown"].contains(url.pathExtension.lowercased()) {
            let full = url.standardizedFileURL.path
            if full.hasPrefix(rootPath + "/") { paths.append(String(full.dropFirst(rootPath.count + 1))) }
        }
        return paths.sorted()
    }

    func testTheListingIsTheEnumeratorsOnATreeWithHiddenNestedLinkedAndOddNames() throws {
        for path in [
            "content/posts/2026-01-01-a.md", "content/posts/b.markdown", "content/posts/C.MD", "content/posts/d.Markdown",
            "content/posts/notes.txt", "content/posts/e.md.bak", "content/posts/f.", "content/posts/md",
            "content/posts/.hidden.md", "content/.drafts/g.md", "content/posts/深/层/文章 一.md", "content/posts/_partial.md",
            "content/x/y/z/deep.md", "content/posts/a.b.c.md", "outside/o.md",
        ] { try file(path) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content/folder.md"), withIntermediateDirectories: true)
        try file("content/folder.md/inner.md")
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("content/linked"), withDestinationURL: root.appendingPathComponent("outside"))
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("content/link.md"), withDestinationURL: root.appendingPathComponent("outside/o.md"))
        let config = SiteConfig(root: root)
        let listed = Site(config: config).postPaths()
        XCTAssertEqual(listed, enumeratorPaths(config))
        XCTAssertEqual(listed, [
            "content/folder.md", "content/folder.md/inner.md", "content/link.md", "content/posts/2026-01-01-a.md",
            "content/posts/C.MD", "content/posts/_partial.md", "content/posts/a.b.c.md", "content/posts/b.markdown",
            "content/posts/d.Markdown", "content/posts/深/层/文章 一.md", "content/x/y/z/deep.md",
        ])
    }

    func testAContentFolderGivenWithDotsIsListedFromTheSiteRoot() throws {
        try file("content/posts/a.md")
        let config = SiteConfig(root: root, contentDirectory: "./content/../content")
        XCTAssertEqual(Site(config: config).postPaths(), ["content/posts/a.md"])
        XCTAssertEqual(Site(config: config).postPaths(), enumeratorPaths(config))
    }

    func testAMissingContentFolderHasNoPosts() {
        XCTAssertEqual(Site(config: SiteConfig(root: root, contentDirectory: "nowhere")).postPaths(), [])
    }
}
