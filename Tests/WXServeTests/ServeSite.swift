import Foundation
import WXHTTP
import WXServe
import WXTestSupport
import XCTest

/// A small site written into a temporary folder from an inline description: one post in each
/// state the index shows, the example site's cover image, and a journal that records one send.
enum ServeSite {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let files: [String: String] = [
        "wxpub.yml": """
            account:
              name: 测试号
              type: subscription
              appid: wxserve000000001
              secret_env: WXPUB_APPSECRET
            timezone: Asia/Shanghai
            bundle: never
            defaults:
              author: 编辑部
              groups: [all]
              cover: content/images/cover.png

            """,
        "content/posts/2026-11-01-due.md": "---\ntitle: 今天发送\n---\n\n正文第一段。\n",
        "content/posts/2026-11-02-over-quota.md": "---\ntitle: 超出配额\n---\n\n正文。\n",
        "content/posts/2026-11-03-draft.md": "---\ntitle: 草稿\ndraft: true\n---\n\n还没写完。\n",
        "content/posts/2026-11-04-later.md": "---\ntitle: 以后再发\npublish_at: 2099-01-01 08:00\n---\n\n正文。\n",
        "content/posts/2026-11-05-broken.md": "---\ntitle: [broken\n---\n\n正文。\n",
        "content/posts/2026-11-06-sent.md": "---\ntitle: 已经发过\n---\n\n正文。\n",
        ".wxpub/journal.json": """
            {"version": 1, "entries": {"k1": {"clientmsgid": "k1", "mode": "broadcast", "account": "wxserve000000001@api.weixin.qq.com",
            "group": "all", "audience": "all", "window": "2026-11-06", "posts": ["sent"], "titles": ["已经发过"], "article_hashes": ["x"],
            "step": "sent", "msg_id": "1000000042", "created_at": "2026-11-06T08:00:00+08:00", "updated_at": "2026-11-06T08:00:00+08:00"}}}

            """,
        ".git/config": "[core]\n\tbare = false\n",
    ]

    /// Writes the site; returns its root.
    static func make(extra: [String: String] = [:]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("wxpub-serve-\(UUID().uuidString)")
        for (path, text) in files.merging(extra, uniquingKeysWith: { $1 }) {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let images = root.appendingPathComponent("content/images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repository.appendingPathComponent("content/images/cover.png"), to: images.appendingPathComponent("cover.png"))
        return root
    }

    /// Rewrites a file so its size or time stamp differs (the watcher compares both).
    static func write(_ text: String, to path: String, in root: URL) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}

/// One HTTP exchange over a raw socket: status, headers (lower-cased names) and body.
struct Exchange {
    var status: Int
    var headers: [String: String]
    var body: String

    init(port: Int, _ method: String = "GET", _ path: String, headers extra: [String: String] = [:]) throws {
        let socket = try RawSocket(port: port)
        var request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, value) in extra { request += "\(name): \(value)\r\n" }
        socket.write(request + "\r\n")
        let text = socket.readAll()
        guard let end = text.range(of: "\r\n\r\n") else { throw CocoaError(.fileReadCorruptFile) }
        let lines = text[..<end.lowerBound].split(separator: "\r\n")
        status = Int(lines.first?.split(separator: " ")[1] ?? "") ?? 0
        var parsed: [String: String] = [:]
        for line in lines.dropFirst() {
            if let colon = line.firstIndex(of: ":") {
                parsed[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        headers = parsed
        body = String(text[end.upperBound...])
    }
}

import WXContent

enum WXContentLoader {
    static func load(_ root: URL) throws -> SiteConfig { try SiteConfig.load(root: root, environment: [:]) }
}
