import Foundation
import WXContent
import WXRender
import WXSupport
import XCTest

@testable import WXPublish

/// A throwaway site written from an inline description (`path → contents`) into a temp folder,
/// with real image bytes, loaded and compiled the way `wxpub publish` does.
final class TestSite: @unchecked Sendable {
    let root: URL

    init(_ files: [String: String], images: [String: Data] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("wxpub-publish-\(UUID().uuidString)")
        for (path, text) in files { try write(path, Data(text.utf8)) }
        for (path, data) in images { try write(path, data) }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func write(_ path: String, _ text: String) throws { try write(path, Data(text.utf8)) }

    func config(environment: [String: String] = [:]) throws -> SiteConfig {
        try SiteConfig.load(root: root, environment: environment)
    }

    /// Every post that compiles cleanly, and the errors of those that do not (the CLI prints
    /// these and publishes the rest).
    func compile() throws -> (posts: [CompiledPost], errors: [Diagnostic]) {
        // As the CLI does, through SiteCompiler: `split:` turns a post over the limit into the parts of a series.
        let compiler = try SiteCompiler(config: try config())
        var posts: [CompiledPost] = []
        var errors: [Diagnostic] = []
        try compiler.run(compiler.postPaths) { item in
            for compiled in item.articles {
                if let article = compiled.result.article, !compiled.result.hasErrors {
                    posts.append(CompiledPost(post: compiled.post, article: article))
                }
            }
            errors += item.diagnostics.filter { $0.severity == .error }
        }
        return (posts, errors)
    }

    /// `wxpub.yml` for a test account; `extra` lines are added at the top level (`bundle: never`, `send_time: "20:00"`).
    static func config(type: String = "service", groups: [String] = ["listeners: 听众交流会", "starred: 2"], extra: [String] = []) -> String {
        """
        \(extra.map { $0 + "\n" }.joined())account:
          name: 测试号
          type: \(type)
          appid: wx5a4db0c0ffee0001
        timezone: Asia/Shanghai
        groups:
        \(groups.map { "  " + $0 }.joined(separator: "\n"))
        defaults:
          author: 测试作者
          groups: [all]
          cover: content/images/cover.png

        """
    }

    /// A post: front matter fields in order, then the body. Unless the fields name a cover, the
    /// post uses the site's shared cover explicitly (a post's first body image would otherwise be
    /// its cover), so tests can count one cover upload for the whole site.
    static func post(_ fields: [(String, String)], body: String) -> String {
        var fields = fields
        if !fields.contains(where: { $0.0 == "cover" }) { fields.append(("cover", "/content/images/cover.png")) }
        return "---\n" + fields.map { "\($0.0): \($0.1)" }.joined(separator: "\n") + "\n---\n\n" + body + "\n"
    }
}

/// Real, decodable image bytes, different for each seed.
enum TestImage {
    /// A `size`×`size` RGB PNG filled with a colour derived from `seed` (one stored deflate block).
    static func png(seed: Int, size: Int = 4) -> Data {
        let colour: [UInt8] = [
            UInt8(truncatingIfNeeded: seed &* 37), UInt8(truncatingIfNeeded: seed &* 91 &+ 7), UInt8(truncatingIfNeeded: seed &* 13 &+ 200),
        ]
        var raw: [UInt8] = []
        for _ in 0..<size {
            raw.append(0)  // filter: none
            for _ in 0..<size { raw += colour }
        }
        var zlib: [UInt8] = [0x78, 0x01, 0x01]  // zlib header, then one final stored block
        let length = UInt16(raw.count)
        zlib += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
        zlib += raw
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in raw {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        zlib += be32((b << 16) | a)
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        out += chunk("IHDR", be32(UInt32(size)) + be32(UInt32(size)) + [8, 2, 0, 0, 0])
        out += chunk("IDAT", zlib)
        out += chunk("IEND", [])
        return Data(out)
    }

    /// A real 2×2 baseline JPEG (made with Pillow) with a COM segment naming `seed`, so each seed
    /// gives different bytes of a valid file.
    static func jpeg(seed: Int) -> Data {
        var bytes = [UInt8](Data(base64Encoded: jpegBase64)!)
        let comment = Array("wxpub test image \(seed)".utf8)
        let length = UInt16(comment.count + 2)
        bytes.insert(contentsOf: [0xFF, 0xFE, UInt8(length >> 8), UInt8(length & 0xFF)] + comment, at: 2)
        return Data(bytes)
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return be32(UInt32(data.count)) + body + be32(crc32(body))
    }

    private static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static let jpegBase64 = "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAACAAIDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDHooorhPqD/9k="
}
