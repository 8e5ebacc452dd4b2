import Foundation
import WXHTML
import WXSupport

/// Raw HTML written in a post passes through here before it reaches the article: only tags WeChat
/// keeps, only harmless attributes. Anything that could run code or that the platform strips
/// (`script`, `style`, `iframe`, `form`, `on*` handlers, `javascript:` URLs) is removed with a
/// warning at its line, so the editor learns why it vanished.
struct Sanitizer: Sendable {
    /// The markup WeChat's editor keeps and renders the same on every phone.
    static let allowedTags: Set<String> = [
        "section", "p", "span", "strong", "em", "del", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "ul", "ol", "li", "pre", "code", "img", "figure", "figcaption", "sup", "sub", "table",
        "thead", "tbody", "tr", "th", "td", "a",
    ]

    /// Common tags with an allowed equivalent.
    static let renamedTags: [String: String] = [
        "div": "section", "b": "strong", "i": "em", "s": "del", "strike": "del", "tfoot": "tbody",
        "article": "section", "header": "section", "footer": "section", "main": "section", "aside": "section",
        "center": "section", "kbd": "code", "samp": "code", "tt": "code", "ins": "span", "u": "span", "mark": "span",
        "small": "span", "big": "span", "font": "span", "cite": "em", "q": "span", "abbr": "span", "dfn": "em",
        "var": "em",
    ]

    /// Removed together with everything inside them.
    static let droppedTags: Set<String> = [
        "script", "style", "iframe", "form", "object", "embed", "applet", "frame", "frameset", "noscript",
        "template", "link", "meta", "base", "input", "button", "textarea", "select", "option", "svg", "math",
        "video", "audio", "canvas", "title", "head", "noembed", "noframes", "xmp", "dialog",
    ]

    static let globalAttributes: Set<String> = ["style", "title"]
    static let tagAttributes: [String: Set<String>] = [
        "a": ["href"],
        "img": ["src", "alt", "width", "height"],
        "ol": ["start"],
        "td": ["colspan", "rowspan", "align"],
        "th": ["colspan", "rowspan", "align"],
    ]

    /// What to do with one element.
    enum Decision: Equatable {
        case keep(tag: String)
        /// Drop the tag, keep its children.
        case unwrap
        /// Drop the tag and its children.
        case drop
    }

    static func decision(for tag: String) -> Decision {
        if allowedTags.contains(tag) { return .keep(tag: tag) }
        if let renamed = renamedTags[tag] { return .keep(tag: renamed) }
        if droppedTags.contains(tag) { return .drop }
        return .unwrap
    }

    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    mutating func sanitize(_ nodes: [HTMLNode], fallback: SourceLocation) -> [HTMLNode] {
        var out: [HTMLNode] = []
        for node in nodes { out += sanitize(node, fallback: fallback) }
        return out
    }

    mutating func sanitize(_ node: HTMLNode, fallback: SourceLocation) -> [HTMLNode] {
        switch node {
        case .text:
            return [node]
        case .comment:
            // `<!--more-->` and every other comment: editors' notes, never for readers.
            return []
        case .element(var element):
            let location = element.location ?? fallback
            switch Self.decision(for: element.tag) {
            case .drop:
                warn(at: location, "removed <\(element.tag)> and its content: WeChat articles cannot contain it",
                    fix: element.tag == "style" ? "put styles in the theme (templates/theme.css)" : nil)
                return []
            case .unwrap:
                warn(at: location, "removed the <\(element.tag)> tag (kept its content): it is not in the WeChat allow-list")
                return sanitize(element.children, fallback: location)
            case .keep(let tag):
                element.tag = tag
                element.attributes = sanitize(element.attributes, tag: tag, at: location)
                element.children = HTMLElement.voidTags.contains(tag) ? [] : sanitize(element.children, fallback: location)
                if element.location == nil { element.location = fallback }
                return [.element(element)]
            }
        }
    }

    /// Keeps only allow-listed attributes; warns about the dangerous ones it removes.
    mutating func sanitize(_ attributes: [HTMLAttribute], tag: String, at location: SourceLocation) -> [HTMLAttribute] {
        var kept: [HTMLAttribute] = []
        for attribute in attributes {
            let name = attribute.name
            if name.hasPrefix("on") {
                warn(at: location, "removed the event handler \(name)=\"…\" on <\(tag)>: scripts never run in WeChat articles")
                continue
            }
            guard Self.globalAttributes.contains(name) || Self.tagAttributes[tag]?.contains(name) == true else { continue }
            if name == "href" || name == "src", Self.isScriptURL(attribute.value) {
                warn(at: location, "removed a \(Self.scheme(of: attribute.value)): URL from <\(tag) \(name)>")
                continue
            }
            if name == "style" {
                // Declaration by declaration, as the browser reads them (CSS escapes decoded).
                let filtered = CSSSafety.filter(styleAttribute: attribute.value)
                for (declaration, reason) in filtered.dropped {
                    warn(at: location, "removed `\(declaration.description.prefix(80))` from a style on <\(tag)>: \(reason)")
                }
                if let style = filtered.attribute { kept.append(HTMLAttribute(name, style)) }
                continue
            }
            kept.append(attribute)
        }
        return kept
    }

    private mutating func warn(at location: SourceLocation, _ message: String, fix: String? = nil) {
        diagnostics.append(.warning(at: location, message, fix: fix, rule: "render/sanitize"))
    }

    /// `javascript` for ` JavaScript:alert(1)`: the scheme as the browser reads it, for messages.
    static func scheme(of value: String) -> String {
        var compact = ""
        for scalar in value.unicodeScalars where scalar.value > 0x20 { compact.unicodeScalars.append(scalar) }
        return String(compact.lowercased().prefix { $0 != ":" }.prefix(20))
    }

    /// `javascript:`, `vbscript:` and `data:` (an SVG or HTML document can run script), ignoring
    /// case, spaces and control characters the way browsers do.
    static func isScriptURL(_ value: String) -> Bool {
        var compact = ""
        for scalar in value.unicodeScalars where scalar.value > 0x20 { compact.unicodeScalars.append(scalar) }
        let lower = compact.lowercased()
        return lower.hasPrefix("javascript:") || lower.hasPrefix("vbscript:") || lower.hasPrefix("data:")
    }
}
