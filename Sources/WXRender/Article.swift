import Foundation
import WXHTML
import WXSupport

/// A post compiled into the WeChat article object (`draft/add`'s ARTICLE), plus what publish needs
/// to finish it: the images to upload and the cover. Encodes with the platform's own field names,
/// so `article.json` reads like the request body.
///
/// `content`'s `<img src>` values are the images' `source` keys (site-relative path or remote
/// URL) until publish uploads them and calls `content(replacingImageSources:)` with the returned
/// mmbiz URLs.
public struct Article: Sendable, Codable, Equatable {
    public var title: String
    public var author: String
    public var digest: String
    /// HTML with every style inline; no class, id, `<style>`, `<script>` or external `<a>`.
    public var content: String {
        get { storedContent.string }
        set {
            storedContent = ArticleContent(newValue)
            // The compile's record of the styles describes the content as written, not a changed one.
            writtenStyles = nil
        }
    }
    /// `content` as the compile wrote it (bytes, made into a string only when asked).
    private(set) var storedContent: ArticleContent
    /// 阅读原文, or the empty string.
    public var contentSourceURL: String
    public var needOpenComment: Bool
    public var onlyFansCanComment: Bool
    /// Becomes `thumb_media_id` once uploaded as a permanent image material.
    public var cover: ArticleImage
    /// Body images in order of first use, each once.
    public var images: [ArticleImage]
    public var references: [Reference]
    /// How the compile wrote `content`'s `style` values, for the preview page's dark-mode table;
    /// nil for an article read back or made otherwise, and dropped when `content` changes. Not
    /// encoded, and not compared: it only restates `content`.
    var writtenStyles: WrittenStyles?

    public init(
        title: String, author: String, digest: String, content: String, contentSourceURL: String,
        needOpenComment: Bool, onlyFansCanComment: Bool, cover: ArticleImage, images: [ArticleImage],
        references: [Reference]
    ) {
        self.title = title
        self.author = author
        self.digest = digest
        storedContent = ArticleContent(content)
        self.contentSourceURL = contentSourceURL
        self.needOpenComment = needOpenComment
        self.onlyFansCanComment = onlyFansCanComment
        self.cover = cover
        self.images = images
        self.references = references
    }

    enum CodingKeys: String, CodingKey {
        case title, author, digest, content
        case contentSourceURL = "content_source_url"
        case needOpenComment = "need_open_comment"
        case onlyFansCanComment = "only_fans_can_comment"
        case cover, images, references
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decode(String.self, forKey: .title)
        author = try c.decode(String.self, forKey: .author)
        digest = try c.decode(String.self, forKey: .digest)
        storedContent = ArticleContent(try c.decode(String.self, forKey: .content))
        contentSourceURL = try c.decode(String.self, forKey: .contentSourceURL)
        needOpenComment = try c.decode(Int.self, forKey: .needOpenComment) != 0
        onlyFansCanComment = try c.decode(Int.self, forKey: .onlyFansCanComment) != 0
        cover = try c.decode(ArticleImage.self, forKey: .cover)
        images = try c.decode([ArticleImage].self, forKey: .images)
        references = try c.decodeIfPresent([Reference].self, forKey: .references) ?? []
    }

    /// The platform sends comment flags as 0/1 integers.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title)
        try c.encode(author, forKey: .author)
        try c.encode(digest, forKey: .digest)
        try c.encode(content, forKey: .content)
        try c.encode(contentSourceURL, forKey: .contentSourceURL)
        try c.encode(needOpenComment ? 1 : 0, forKey: .needOpenComment)
        try c.encode(onlyFansCanComment ? 1 : 0, forKey: .onlyFansCanComment)
        try c.encode(cover, forKey: .cover)
        try c.encode(images, forKey: .images)
        try c.encode(references, forKey: .references)
    }

    /// The compile's article, its content the bytes it wrote (`ArticleContent`).
    init(
        title: String, author: String, digest: String, written content: ArticleContent, contentSourceURL: String,
        needOpenComment: Bool, onlyFansCanComment: Bool, cover: ArticleImage, images: [ArticleImage], references: [Reference]
    ) {
        self.init(
            title: title, author: author, digest: digest, content: "", contentSourceURL: contentSourceURL,
            needOpenComment: needOpenComment, onlyFansCanComment: onlyFansCanComment, cover: cover, images: images, references: references)
        storedContent = content
    }

    /// Calls `body` with the content's UTF-8, without making a string of bytes the compile wrote.
    public func withContentUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try storedContent.withUTF8(body)
    }

    /// The content with each `<img src>` found in `sources` (keyed by `ArticleImage.source`)
    /// replaced, e.g. by the URL `uploadimg` returned. Sources not in the map stay as they are.
    public func content(replacingImageSources sources: [String: String]) -> String {
        String(decoding: withContentUTF8 { ImageSourceRewriter.rewrittenBytes($0, sources) }, as: UTF8.self)
    }
}

/// Rewrites `src` inside `<img …>` tags only. Text never contains a raw `<` (the serializer
/// escapes it), so a scan for `<img` finds tags and nothing else.
enum ImageSourceRewriter {
    /// The rewritten HTML's UTF-8.
    static func rewrittenBytes(_ html: UnsafeBufferPointer<UInt8>, _ sources: [String: String]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(html.count + 256)
        rewrite(html, sources, into: &out)
        return out
    }

    /// Appends the rewritten HTML to `out` (the preview page: no copy of the content on the way).
    /// The text between two replaced values is copied in one piece.
    static func rewrite(_ bytes: UnsafeBufferPointer<UInt8>, _ sources: [String: String], into out: inout [UInt8]) {
        guard !sources.isEmpty else {
            out.append(contentsOf: bytes)
            return
        }
        var copied = 0
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<"), matches(bytes, at: i, tag) else {
                i = nextOpening(in: bytes, after: i)
                continue
            }
            // Find `src="` in the tag, then swap the value.
            var end = i
            while end < bytes.count, bytes[end] != UInt8(ascii: ">") {
                if matches(bytes, at: end, attribute) { break }
                end += 1
            }
            i = end
            guard i < bytes.count, bytes[i] != UInt8(ascii: ">") else { continue }
            let valueStart = i + attribute.count
            var valueEnd = valueStart
            while valueEnd < bytes.count, bytes[valueEnd] != UInt8(ascii: "\"") { valueEnd += 1 }
            let escaped = String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd]), as: UTF8.self)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<i]))
            out.append(contentsOf: attribute)
            if let replacement = sources[unescapeAttribute(escaped)] {
                out.append(contentsOf: escapeAttribute(replacement).utf8)
            } else {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd]))
            }
            copied = valueEnd
            i = valueEnd
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
    }

    /// The index of the next `<` after `index` (memchr: most of the HTML is text and other tags).
    private static func nextOpening(in buffer: UnsafeBufferPointer<UInt8>, after index: Int) -> Int {
        guard index + 1 < buffer.count, let found = memchr(buffer.baseAddress! + index + 1, 0x3C, buffer.count - index - 1) else {
            return buffer.count
        }
        return buffer.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    private static let tag = Array("<img".utf8)
    private static let attribute = Array(" src=\"".utf8)

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ pattern: [UInt8]) -> Bool {
        guard index + pattern.count <= bytes.count else { return false }
        for k in 0..<pattern.count {
            var b = bytes[index + k]
            if b >= 0x41 && b <= 0x5A { b += 0x20 }
            if b != pattern[k] { return false }
        }
        return true
    }

    static func escapeAttribute(_ value: String) -> String { HTMLSerializer.escape(value, attribute: true) }

    static func unescapeAttribute(_ value: String) -> String {
        guard value.contains("&") else { return value }
        return value.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&nbsp;", with: "\u{A0}")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
