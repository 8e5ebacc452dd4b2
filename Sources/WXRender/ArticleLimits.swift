import Foundation
import WXSupport

/// The platform's limits on an article (see `wechat-api.md` §2.3, §2.4, §3.2), checked before any
/// network call. Lengths are counted in characters (`String.count`: one per 字, one per emoji).
public enum ArticleLimits {
    /// `title` ≤ 32 字.
    public static let titleCharacters = 32
    /// `author` ≤ 16 字.
    public static let authorCharacters = 16
    /// `digest` ≤ 128 字 (the scraped doc); a newer reading says 120, so above 120 warns.
    public static let digestCharacters = 128
    public static let digestWarningCharacters = 120
    /// Without a digest WeChat shows the first 54 characters of the text; wxpub does the same.
    public static let defaultDigestCharacters = 54
    /// `content` "必须少于2万字符，小于1M": strictly below both.
    public static let contentCharacters = 20_000
    public static let contentBytes = 1_048_576
    /// `content_source_url` ≤ 1 KB (UTF-8 bytes).
    public static let sourceURLBytes = 1024
    /// `uploadimg`: jpg/png "< 1 MB", so at most 1 MB − 1 byte.
    public static let bodyImageBytes = 1_048_576
    public static let bodyImageFormats: Set<ImageInfo.Format> = [.jpeg, .png]
    /// Permanent image material (the cover): 10 MB, bmp/png/jpeg/gif.
    public static let coverBytes = 10 * 1_048_576
    public static let coverFormats: Set<ImageInfo.Format> = [.jpeg, .png, .gif, .bmp]
}

/// Measures one compiled article against `ArticleLimits`; each finding names the measured value
/// and the limit.
struct ArticleChecks {
    var diagnostics: [Diagnostic] = []

    /// `fromHeading`: the title was taken from the body's opening `#`, so the fix points at front matter.
    mutating func title(_ title: String?, at location: SourceLocation, fromHeading: Bool = false) {
        guard let title, !title.trimming(.whitespacesAndNewlines).isEmpty else {
            diagnostics.append(.error(
                at: location, "the post has no title; WeChat requires one",
                fix: "add `title:` to the front matter", rule: "limit/title"))
            return
        }
        let count = title.count
        if count > ArticleLimits.titleCharacters {
            diagnostics.append(.error(
                at: location, "title is \(count) characters; WeChat allows at most \(ArticleLimits.titleCharacters)",
                fix: fromHeading
                    ? "this title comes from the opening `#` heading; add a `title:` of at most \(ArticleLimits.titleCharacters) characters to the front matter (the heading can stay)"
                    : "shorten the title by \(count - ArticleLimits.titleCharacters) characters", rule: "limit/title"))
        }
    }

    mutating func author(_ author: String, at location: SourceLocation) {
        let count = author.count
        if count > ArticleLimits.authorCharacters {
            diagnostics.append(.error(
                at: location, "author is \(count) characters; WeChat allows at most \(ArticleLimits.authorCharacters)",
                rule: "limit/author"))
        }
    }

    mutating func digest(_ digest: String, at location: SourceLocation) {
        let count = digest.count
        if count > ArticleLimits.digestCharacters {
            diagnostics.append(.error(
                at: location, "digest is \(count) characters; WeChat allows at most \(ArticleLimits.digestCharacters)",
                rule: "limit/digest"))
        } else if count > ArticleLimits.digestWarningCharacters {
            diagnostics.append(.warning(
                at: location,
                "digest is \(count) characters; newer WeChat documentation limits it to \(ArticleLimits.digestWarningCharacters)",
                fix: "keep the digest at \(ArticleLimits.digestWarningCharacters) characters or fewer to be safe", rule: "limit/digest"))
        }
    }

    /// `textCharacters`: the visible characters of text in it, so the message can say how much
    /// of the HTML is text and how much text to cut.
    mutating func content(_ content: String, textCharacters: Int? = nil, at location: SourceLocation) {
        self.content(ArticleContent(content), textCharacters: textCharacters, at: location)
    }

    mutating func content(_ content: ArticleContent, textCharacters: Int? = nil, at location: SourceLocation) {
        // Characters never outnumber scalars (UTF-8 lead bytes): count those first, cheaply.
        let scalars = content.withUTF8 { UTF8Scalars.count($0, in: 0..<$0.count) }
        let characters = scalars < ArticleLimits.contentCharacters ? 0 : content.string.count
        if characters >= ArticleLimits.contentCharacters {
            let over = characters - ArticleLimits.contentCharacters + 1
            var message = "the compiled article is \(characters) characters of HTML"
            var fix = "add `split: h2` (or h3) to the front matter to send it as a series cut at those headings, or use fewer images and styled blocks"
            if let text = textCharacters, text > 0 {
                let perText = Double(characters) / Double(text)
                let cut = Int((Double(over) / perText).rounded(.up))
                message += " (\(text) of them text, \(characters - text) markup and spaces)"
                fix = "cut about \(cut) characters of text (\(over) characters of HTML at this post's "
                    + "\(String(format: "%.1f", perText)) characters of HTML per character of text), or add `split: h2` (or h3) to the front matter to send it as a series cut at those headings"
            }
            diagnostics.append(.error(
                at: location, message + "; WeChat requires fewer than \(ArticleLimits.contentCharacters)", fix: fix, rule: "limit/content"))
        }
        let bytes = content.utf8Count
        if bytes >= ArticleLimits.contentBytes {
            diagnostics.append(.error(
                at: location, "the compiled article is \(bytes) bytes; WeChat requires less than 1 MB (\(ArticleLimits.contentBytes) bytes)",
                rule: "limit/content"))
        }
    }

    mutating func sourceURL(_ url: String, at location: SourceLocation) {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"),
            let host = URLComponents(string: url)?.host, !host.isEmpty
        else {
            diagnostics.append(.error(
                at: location, "source_url \(url.prefix(80)) is not an http(s) URL; WeChat's 阅读原文 needs a public web address",
                rule: "limit/source_url"))
            return
        }
        let bytes = url.utf8.count
        if bytes > ArticleLimits.sourceURLBytes {
            diagnostics.append(.error(
                at: location, "source_url is \(bytes) bytes; WeChat allows at most \(ArticleLimits.sourceURLBytes)",
                rule: "limit/source_url"))
        }
    }

    mutating func bodyImage(_ image: ArticleImage) {
        guard let format = image.format, let bytes = image.bytes, let path = image.path else { return }
        if !ArticleLimits.bodyImageFormats.contains(format) {
            diagnostics.append(.error(
                at: image.location, "\(path) is \(format.rawValue.uppercased()); images in the article body must be JPEG or PNG",
                fix: "convert it to PNG or JPEG", rule: "limit/image"))
        }
        if bytes >= ArticleLimits.bodyImageBytes {
            diagnostics.append(.error(
                at: image.location,
                "\(path) is \(bytes) bytes; images in the article body must be smaller than 1 MB (\(ArticleLimits.bodyImageBytes) bytes)",
                fix: "compress or resize the image", rule: "limit/image"))
        }
    }

    mutating func cover(_ image: ArticleImage) {
        guard let format = image.format, let bytes = image.bytes, let path = image.path else { return }
        if !ArticleLimits.coverFormats.contains(format) {
            diagnostics.append(.error(
                at: image.location, "cover \(path) is \(format.rawValue.uppercased()); WeChat covers must be JPEG, PNG, GIF or BMP",
                rule: "limit/cover"))
        }
        if bytes > ArticleLimits.coverBytes {
            diagnostics.append(.error(
                at: image.location, "cover \(path) is \(bytes) bytes; WeChat allows at most 10 MB (\(ArticleLimits.coverBytes) bytes)",
                fix: "compress or resize the cover", rule: "limit/cover"))
        }
    }
}
