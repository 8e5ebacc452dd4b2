import Foundation
import WXContent
import WXHTML
import WXSupport
import XCTest

@testable import WXRender

/// A throwaway site in a temp folder, seeded from `Fixtures/site` (tiny real PNG/JPEG/GIF/BMP files).
struct TestSite {
    let root: URL

    static var fixtures: URL { Bundle.module.url(forResource: "Fixtures", withExtension: nil)! }

    init(files: [String: Data] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("wxpub-render-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("site"), to: root)
        for (path, data) in files { try write(data, to: path) }
    }

    func write(_ data: Data, to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    func config(cjkSpacing: Bool = false, defaultCover: String? = nil, author: String? = nil) -> SiteConfig {
        SiteConfig(
            root: root, accountName: "测试号", defaults: SiteConfig.PostDefaults(author: author, cover: defaultCover),
            cjkSpacing: cjkSpacing)
    }

    /// A post at `content/posts/post.md` whose body starts on line `bodyStartLine`.
    func post(
        _ body: String, path: String = "content/posts/post.md", title: String? = "标题", author: String? = nil,
        digest: String? = nil, cover: String? = nil, sourceURL: String? = nil, comments: Post.Comments = .closed,
        bodyStartLine: Int = 5
    ) -> Post {
        func located(_ value: String?, line: Int, column: Int = 8) -> Located<String>? {
            value.map { Located($0, at: SourceLocation(file: path, line: line, column: column)) }
        }
        return Post(
            path: path, fileURL: root.appendingPathComponent(path), slug: "post", title: located(title, line: 2),
            author: located(author, line: 3), digest: located(digest, line: 4, column: 9),
            cover: located(cover, line: 3, column: 8), sourceURL: located(sourceURL, line: 4, column: 13),
            comments: comments, body: body, bodyStartLine: bodyStartLine)
    }

    /// Bytes of a file that sniffs as `format` and is exactly `size` bytes long.
    static func image(_ format: ImageInfo.Format, size: Int) -> Data {
        var header: [UInt8]
        switch format {
        case .png: header = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + [0, 0, 0, 8, 0, 0, 0, 8]
        case .jpeg: header = [0xFF, 0xD8, 0xFF, 0xE0]
        case .gif: header = Array("GIF89a".utf8) + [8, 0, 8, 0]
        case .bmp: header = [0x42, 0x4D] + [UInt8](repeating: 0, count: 24)
        case .webp: header = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8X".utf8) + [UInt8](repeating: 0, count: 14)
        }
        var data = Data(header)
        data.append(Data(count: size - header.count))
        return data
    }
}

/// Renders just the body DOM (before template and theme) and serializes it.
func renderBody(_ post: Post, site: SiteConfig) -> (html: String, body: RenderedBody) {
    let body = RenderedBody(post: post, site: site)
    return (HTMLSerializer.serialize(body.nodes), body)
}

extension TestSite {
    /// Compiles every `Fixtures/golden/<case>.md` (at least ten, in name order) as the golden
    /// snapshots are made: the case as the one post of a scratch site with `files` added, CJK
    /// spacing on for `cjk-spacing…` cases, the green default cover. `body` gets each case's name
    /// and what it compiled to.
    static func compileGoldenCases(
        files: [String: Data] = [:], file: StaticString = #filePath, line: UInt = #line,
        _ body: (_ name: String, _ result: CompileResult) throws -> Void
    ) throws {
        let folder = fixtures.appendingPathComponent("golden")
        let cases = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
        XCTAssertGreaterThanOrEqual(cases.count, 10, file: file, line: line)
        for caseFile in cases {
            let name = String(caseFile.dropLast(3))
            let markdown = try String(contentsOf: folder.appendingPathComponent(caseFile), encoding: .utf8)
            let site = try TestSite(files: files.merging(["content/posts/\(caseFile)": Data(markdown.utf8)]) { a, _ in a })
            defer { site.remove() }
            let post = site.post(markdown, path: "content/posts/\(caseFile)", title: name, bodyStartLine: 1)
            let compiler = try ArticleCompiler(site: site.config(cjkSpacing: name.hasPrefix("cjk-spacing"), defaultCover: "images/green.jpg"))
            try body(name, compiler.compile(post))
        }
    }
}
