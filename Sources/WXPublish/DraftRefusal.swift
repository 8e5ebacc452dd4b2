import Foundation
import WXAPI

/// draft/add refusals that depend on what the posts hold. WeChat names no article: 45166
/// `invalid content` says only that some content was refused, 88000 only that comments cannot be
/// opened. The HTML that was sent is at hand here, so the error is rewritten to name the posts
/// and the likely cause in each.
enum DraftRefusal {
    /// Tags WeChat's editor does not keep; content holding them is refused.
    static let refusedTags = ["iframe", "form", "input", "embed", "object", "frame", "frameset", "applet", "textarea", "button", "select"]

    /// `error` with its reason naming the posts (`path`, article) and what in them is the likely
    /// cause; other errors are returned unchanged.
    static func explain(_ error: WeChatAPIError, posts: [(path: String, article: DraftArticle)]) -> WeChatAPIError {
        var error = error
        switch error.errcode {
        case 45166?:
            let findings = posts.compactMap { post -> String? in
                let causes = likelyCauses(post.article.content)
                return causes.isEmpty ? nil : "\(post.path): \(causes.joined(separator: "; "))"
            }
            if findings.isEmpty {
                error.reason = "WeChat refused the content of \(posts.map(\.path).joined(separator: ", ")) (45166 invalid content) without saying why; no script, outside image or refused tag was found in it"
                error.fix = "look for markup WeChat's editor does not keep in the article's HTML (wxpub build writes it to build/<slug>/article.json), e.g. from a template partial"
            } else {
                error.reason = "WeChat refused the article content (45166 invalid content); the likely cause: " + findings.joined(separator: " | ")
                error.fix = "remove them from the post or from the template or partial that adds them, then run wxpub publish again; images must be local files or URLs wxpub can download and upload"
            }
        case 88000?:
            let open = posts.filter { $0.article.needOpenComment }.map(\.path)
            error.reason = "the account has no comment feature (88000 without comment privilege), but comments are open on \(open.isEmpty ? "the articles" : open.joined(separator: ", "))"
            error.fix = "set `comments: closed` in the front matter of \(open.count == 1 ? "that post" : "those posts"), or `defaults: comments: closed` in wxpub.yml, then run wxpub publish again"
        default:
            break
        }
        return error
    }

    /// What in the HTML WeChat is known to refuse or strip: scripts, images not served by WeChat,
    /// tags its editor does not keep.
    static func likelyCauses(_ html: String) -> [String] {
        let lower = html.lowercased()
        var causes: [String] = []
        if lower.contains("<script") { causes.append("a <script> element") }
        let outside = outsideImages(html)
        if !outside.isEmpty {
            causes.append("an image not uploaded to WeChat (\(outside.prefix(3).joined(separator: ", "))\(outside.count > 3 ? ", …" : ""))")
        }
        let tags = refusedTags.filter { tag in
            lower.range(of: "<\(tag)[\\s>/]", options: .regularExpression) != nil
        }
        if !tags.isEmpty { causes.append("the tag\(tags.count == 1 ? "" : "s") \(tags.map { "<\($0)>" }.joined(separator: ", ")), which WeChat's editor does not keep") }
        return causes
    }

    /// `src` values of `<img>` tags that are not WeChat image URLs (mmbiz.qpic.cn, or a sandbox's `/mmbiz/`).
    static func outsideImages(_ html: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: #"<img\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)"#, options: [.caseInsensitive]) else { return [] }
        let range = NSRange(html.startIndex..., in: html)
        return regex.matches(in: html, range: range).compactMap { match -> String? in
            guard let r = Range(match.range(at: 1), in: html) else { return nil }
            let src = String(html[r])
            guard let url = URL(string: src), let host = url.host?.lowercased() else { return src }
            if host.hasSuffix("qpic.cn") { return nil }
            if (host == "127.0.0.1" || host == "localhost") && url.path.hasPrefix("/mmbiz/") { return nil }
            return src
        }
    }
}
