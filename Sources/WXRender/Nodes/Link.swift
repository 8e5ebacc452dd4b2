import Foundation
import WXHTML
import WXSupport

extension MarkdownRenderer {
    /// WeChat strips external `<a href>`, so an external link becomes its text plus a superscript
    /// `[n]` pointing into the references list. Links to other WeChat articles
    /// (`mp.weixin.qq.com`) are allowed and stay links.
    mutating func link(_ node: MarkdownNode, url: String) -> [HTMLNode] {
        let children = inlines(node.children)
        return linkTarget(url, text: node.plainText, children: children, at: location(node), keeping: nil)
    }

    /// Shared by Markdown links and raw `<a>`: `keeping` is the raw element to keep when the link
    /// may stay a link.
    mutating func linkTarget(_ url: String, text: String, children: [HTMLNode], at location: SourceLocation, keeping: HTMLElement?) -> [HTMLNode] {
        let trimmed = url.trimming(.whitespaces)
        switch LinkKind(trimmed) {
        case .wechat:
            var anchor = keeping ?? HTMLElement("a", children: children, location: location)
            anchor.children = children
            anchor[attribute: "href"] = trimmed
            return [.element(anchor)]
        case .external:
            let number = references.number(for: trimmed, text: text)
            let sup = HTMLElement("sup", attributes: [HTMLAttribute("class", "ref")], children: [.text("[\(number)]")], location: location)
            return children + [.element(sup)]
        case .script:
            diagnostics.append(.warning(at: location, "removed a javascript: link (kept its text)", rule: "render/sanitize"))
            return children
        case .fragment:
            return children
        case .local:
            diagnostics.append(.warning(
                at: location, "link to \(trimmed.prefix(80)) is not a web address, so readers cannot follow it in WeChat; kept its text",
                fix: "link to the published page with an http(s) URL", rule: "render/link"))
            return children
        }
    }
}

/// What a link points at, as far as WeChat is concerned.
enum LinkKind: Equatable {
    /// `mp.weixin.qq.com`: may stay an `<a>`.
    case wechat
    /// Any other web or mail address: becomes a numbered reference.
    case external
    case script
    /// `#section`: nowhere to go in an article.
    case fragment
    /// A relative path: meaningless once published.
    case local

    /// An ASCII `http(s)://` address read on its bytes (nearly every link): the same answer as
    /// the general path without lower-casing a copy or walking Characters. Nil for anything else.
    private static func ascii(_ url: String) -> LinkKind? {
        var url = url
        return url.withUTF8 { bytes -> LinkKind? in
            func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte | 0x20 : byte }
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var start = 0
            for (offset, expected) in "http".utf8.enumerated() {
                guard offset < bytes.count, lower(bytes[offset]) == expected else { return nil }
            }
            start = 4
            if start < bytes.count, lower(bytes[start]) == UInt8(ascii: "s") { start += 1 }
            guard start + 3 <= bytes.count, bytes[start] == UInt8(ascii: ":"), bytes[start + 1] == UInt8(ascii: "/"),
                bytes[start + 2] == UInt8(ascii: "/")
            else { return nil }
            start += 3
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "/"), bytes[end] != UInt8(ascii: "?"), bytes[end] != UInt8(ascii: "#") {
                end += 1
            }
            if let at = bytes[start..<end].lastIndex(of: UInt8(ascii: "@")) { start = at + 1 }
            let hostEnd = bytes[start..<end].firstIndex(of: UInt8(ascii: ":")) ?? end
            let wechat = "mp.weixin.qq.com".utf8
            guard hostEnd - start == wechat.count else { return .external }
            return zip(bytes[start..<hostEnd], wechat).allSatisfy { lower($0) == $1 } ? .wechat : .external
        }
    }

    /// The host of a lower-cased `http(s)://` address: after the scheme and any `user@`, up to
    /// the port, path, query or fragment. (URLComponents was 2 % of a build for this one field.)
    static func host(ofWebAddress lower: String) -> Substring {
        guard let schemeEnd = lower.range(of: "://")?.upperBound else { return "" }
        var authority = lower[schemeEnd...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        return authority.prefix { $0 != ":" }
    }

    init(_ url: String) {
        if let kind = Self.ascii(url) {
            self = kind
            return
        }
        let lower = url.lowercased()
        if Sanitizer.isScriptURL(lower) {
            self = .script
        } else if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            self = Self.host(ofWebAddress: lower) == "mp.weixin.qq.com" ? .wechat : .external
        } else if lower.hasPrefix("mailto:") || lower.hasPrefix("ftp://") || lower.hasPrefix("tel:") {
            self = .external
        } else if lower.isEmpty || lower.hasPrefix("#") {
            self = .fragment
        } else {
            self = .local
        }
    }
}
