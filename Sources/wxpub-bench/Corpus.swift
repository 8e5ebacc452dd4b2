import Foundation

/// A deterministic pseudo-random sequence (SplitMix64): the same seed writes the same corpus on
/// every machine, so figures from different runs are about the same bytes.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func inRange(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}

/// One front matter value, written both as YAML (for the post) and as JSON (for the baseline).
enum FrontMatterValue {
    case string(String)
    case list([String])
    case empty
}

/// A synthetic site on disk: `wxpub.yml`, `content/posts/*.md`, `content/images/*.png`.
struct Corpus {
    var root: URL
    /// Site-relative paths of the posts, sorted as `Site.postPaths()` sorts them.
    var postPaths: [String]
    /// Bytes of all post files (front matter included): the figure MB/s is computed from.
    var markdownBytes: Int
    /// Each post's front matter as an equivalent JSON document, in post order.
    var frontMatterJSON: [Data]

    static let imageCount = 8

    /// Writes `posts` posts under `root` (created, or emptied first). Post `i` is the same in
    /// every corpus, so the 200-post corpus is the first 200 posts of the 1,000-post one.
    /// `mode` becomes `defaults: mode:` (e.g. `draft` for the publish benchmark). `imageScale`
    /// multiplies the images' sides: 1 gives 1–11 KB icons, 8 gives 74–864 KB photo-sized files.
    static func write(posts: Int, to root: URL, mode: String? = nil, imageScale: Int = 1) throws -> Corpus {
        let manager = FileManager.default
        try? manager.removeItem(at: root)
        let postsDir = root.appendingPathComponent("content/posts")
        let imagesDir = root.appendingPathComponent("content/images")
        try manager.createDirectory(at: postsDir, withIntermediateDirectories: true)
        try manager.createDirectory(at: imagesDir, withIntermediateDirectories: true)

        var config = """
            # Synthetic benchmark site written by wxpub-bench.
            account:
              name: 基准测试
              type: subscription
              appid: wx0bench0000000001
            timezone: Asia/Shanghai
            defaults:
              author: 基准测试
              groups: [all]
              comments: open
              cover: content/images/cover.png

            """
        if let mode { config += "  mode: \(mode)\n" }
        config += """
            aliases:
              title: [title, title1]
              digest: [digest, description]

            """
        try Data(config.utf8).write(to: root.appendingPathComponent("wxpub.yml"))

        try TinyPNG.gradient(width: 90 * imageScale, height: 50 * imageScale, from: (20, 120, 200), to: (240, 240, 250))
            .write(to: imagesDir.appendingPathComponent("cover.png"))
        for k in 0..<imageCount {
            let shade = UInt8(30 * k)
            try TinyPNG.gradient(
                width: (24 + 8 * k) * imageScale, height: (16 + 4 * k) * imageScale, from: (shade, 80, 255 - shade), to: (250, shade, 90))
                .write(to: imagesDir.appendingPathComponent("img-\(k).png"))
        }

        var paths: [String] = []
        var bytes = 0
        var json: [Data] = []
        for i in 0..<posts {
            var rng = SplitMix64(seed: 0x5EED_0000 + UInt64(i))
            let frontMatter = PostWriter.frontMatter(index: i, rng: &rng)
            let body = PostWriter.body(rng: &rng)
            let text = "---\n" + yaml(frontMatter) + "---\n\n" + body
            let name = String(format: "%04d-%02d-%02d-post-%05d.md", 2013 + i % 13, 1 + i % 12, 1 + i % 28, i)
            let data = Data(text.utf8)
            try data.write(to: postsDir.appendingPathComponent(name))
            paths.append("content/posts/" + name)
            bytes += data.count
            json.append(try jsonDocument(frontMatter))
        }
        paths.sort()
        return Corpus(root: root, postPaths: paths, markdownBytes: bytes, frontMatterJSON: json)
    }

    static func yaml(_ fields: [(String, FrontMatterValue)]) -> String {
        var out = ""
        for (key, value) in fields {
            switch value {
            case .string(let s): out += "\(key): \(s)\n"
            case .empty: out += "\(key): \n"
            case .list(let items): out += "\(key): [\(items.joined(separator: ", "))]\n"
            }
        }
        return out
    }

    /// The same fields as a JSON object, keys in the same order.
    static func jsonDocument(_ fields: [(String, FrontMatterValue)]) throws -> Data {
        func quoted(_ s: String) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: s, options: [.fragmentsAllowed]), as: UTF8.self)
        }
        var parts: [String] = []
        for (key, value) in fields {
            let rendered: String
            switch value {
            case .string(let s): rendered = try quoted(s)
            case .empty: rendered = "null"
            case .list(let items): rendered = "[" + (try items.map(quoted)).joined(separator: ",") + "]"
            }
            parts.append("\(try quoted(key)):\(rendered)")
        }
        return Data(("{" + parts.joined(separator: ",") + "}").utf8)
    }
}

/// The text of one post: Jekyll-era Chinese posts like the seed (`title1`, `<p>` blocks, `>`
/// quotes without a space, `1.标题` lines, `----------` rules) mixed with modern Markdown
/// (lists, fenced code, emphasis, links, local images) in Chinese and English.
enum PostWriter {
    static let chinese = [
        "微信公众平台", "订阅号", "服务号", "高级接口", "群发消息", "自定义菜单", "素材管理", "草稿箱", "图文消息",
        "用户管理", "网页授权", "模板消息", "客服接口", "语音识别", "二维码", "地理位置", "开发者", "第三方平台",
        "每天可以群发一条", "每月只能群发四条", "接口调用频率", "访问令牌", "消息加解密", "数据统计", "支付接入",
        "主要功能和权限如下", "顾名思义", "最明显的改变", "意味着", "根据以上特点可以看出", "相关的问题", "直接出现在",
        "文件夹当中", "用户手机", "聊天列表", "认证", "开放", "改版", "后台管理界面", "最受关注的是",
    ]
    static let english = [
        "WeChat", "API", "access_token", "Markdown", "CommonMark", "draft", "broadcast", "media_id", "JSON", "HTTPS",
        "the", "server", "client", "upload", "quota", "token", "callback", "template", "message", "article", "cover",
        "image", "Swift", "Linux", "sandbox", "retry", "idempotent", "openid", "tag", "group", "schedule", "journal",
    ]
    static let punctuation = ["，", "。", "：", "；", "、", "！", "？"]
    static let links = [
        ("CommonMark 规范", "https://spec.commonmark.org/0.30/"),
        ("微信公众平台文档", "https://developers.weixin.qq.com/doc/offiaccount/Getting_Started/Overview.html"),
        ("草稿箱接口", "https://developers.weixin.qq.com/doc/offiaccount/Draft_Box/Add_draft.html"),
        ("群发接口", "https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html"),
        ("Swift.org", "https://www.swift.org/"),
        ("libcmark", "https://github.com/commonmark/cmark"),
        ("Jekyll", "https://jekyllrb.com/docs/front-matter/"),
        ("YAML 1.1", "https://yaml.org/spec/1.1/"),
        ("素材管理", "https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/New_temporary_materials.html"),
        ("the RFC", "https://www.rfc-editor.org/rfc/rfc9110"),
        ("UTF-8", "https://en.wikipedia.org/wiki/UTF-8"),
        ("示例项目", "https://example.com/wxpub/demo"),
    ]

    static func phrase(_ rng: inout SplitMix64, words: Int) -> String {
        var out = ""
        var lastEnglish = false
        for _ in 0..<words {
            if rng.chance(30) {
                let word = rng.pick(english)
                out += (out.isEmpty ? "" : " ") + word
                lastEnglish = true
            } else {
                out += (lastEnglish ? " " : "") + rng.pick(chinese)
                lastEnglish = false
            }
        }
        return out
    }

    /// A sentence with inline Markdown: emphasis, inline code, links (the pool is small, so links
    /// repeat within and across posts).
    static func sentence(_ rng: inout SplitMix64, inline: Bool) -> String {
        var parts: [String] = []
        for _ in 0..<rng.inRange(2...4) {
            var part = phrase(&rng, words: rng.inRange(2...6))
            if inline {
                switch rng.below(12) {
                case 0: part = "**\(part)**"
                case 1: part = "*\(part)*"
                case 2: part = "`\(rng.pick(english))()`"
                case 3, 4:
                    let (text, url) = rng.pick(links)
                    part += " [\(text)](\(url))"
                default: break
                }
            }
            parts.append(part)
        }
        return parts.joined(separator: rng.pick(punctuation)) + "。"
    }

    static func paragraph(_ rng: inout SplitMix64, inline: Bool = true) -> String {
        (0..<rng.inRange(2...4)).map { _ in sentence(&rng, inline: inline) }.joined()
    }

    static func frontMatter(index i: Int, rng: inout SplitMix64) -> [(String, FrontMatterValue)] {
        let title = String(phrase(&rng, words: 3).prefix(24)) + " \(i)"
        let description = String(phrase(&rng, words: 6).prefix(60))
        let date = String(format: "%04d-%02d-%02d %02d:%02d", 2013 + i % 13, 1 + i % 12, 1 + i % 28, i % 24, (i * 7) % 60)
        if i % 2 == 0 {
            // Jekyll-era, like the seed post.
            return [
                ("layout", .string("post")), ("category", .string(rng.pick(["微信", "开发", "产品"]))), ("tags", .empty),
                ("title1", .string(title)), ("keywords", .string((0..<4).map { _ in rng.pick(chinese) }.joined(separator: " "))),
                ("description", .string(description)),
            ]
        }
        var fields: [(String, FrontMatterValue)] = [
            ("title", .string(title)), ("author", .string(rng.pick(["乐思享", "Alice", "编辑部"]))),
            ("digest", .string(description)), ("publish_at", .string(date)),
            ("tags", .list((0..<rng.inRange(1...4)).map { _ in rng.pick(english) })), ("groups", .list(["all"])),
        ]
        if i % 3 == 0 { fields.append(("cover", .string("../images/img-\(i % Corpus.imageCount).png"))) }
        if i % 5 == 0 { fields.append(("source_url", .string("https://example.com/posts/\(i)"))) }
        return fields
    }

    static func body(rng: inout SplitMix64) -> String {
        var blocks: [String] = []
        for _ in 0..<rng.inRange(14...20) {
            switch rng.below(20) {
            case 0, 1:
                blocks.append(String(repeating: "#", count: rng.inRange(2...3)) + " " + phrase(&rng, words: 3))
            case 2, 3, 4, 5:
                blocks.append(paragraph(&rng))
            case 6, 7:
                blocks.append("<p>" + paragraph(&rng, inline: false) + "</p>")
            case 8, 9:
                // The seed's quotes: `>text` lines each followed by a blank line.
                blocks.append((0..<rng.inRange(2...3)).map { _ in ">" + sentence(&rng, inline: true) }.joined(separator: "\n\n"))
            case 10, 11:
                let ordered = rng.chance(50)
                var items: [String] = []
                for n in 1...rng.inRange(3...5) {
                    items.append((ordered ? "\(n). " : "- ") + sentence(&rng, inline: true))
                    if rng.chance(20) { items.append("   - " + phrase(&rng, words: 3)) }
                }
                blocks.append(items.joined(separator: "\n"))
            case 12:
                let language = rng.pick(["swift", "python", "json", ""])
                let lines = (0..<rng.inRange(3...7)).map { n in
                    "let value\(n) = client.\(rng.pick(english))(\"\(rng.pick(english))\")  // \(rng.pick(chinese))"
                }
                blocks.append("```\(language)\n" + lines.joined(separator: "\n") + "\n```")
            case 13:
                blocks.append("![\(rng.pick(chinese))](../images/img-\(rng.below(Corpus.imageCount)).png)")
            case 14:
                blocks.append("----------")
            case 15:
                blocks.append("\(rng.inRange(1...9)).\(rng.pick(chinese))")
            default:
                blocks.append(paragraph(&rng))
            }
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }
}
