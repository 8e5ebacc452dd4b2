import WXHTML
import WXSupport

extension MarkdownRenderer {
    /// A raw HTML block (the seed post's `<p>…</p>`): parsed, sanitized, and given the same link
    /// and image treatment as Markdown. `<!--more-->` and other comments disappear.
    mutating func htmlBlock(_ node: MarkdownNode, html: String) -> [HTMLNode] {
        let start = location(node)
        let parsed = HTMLParser.parseFragment(html, file: start.file, line: start.line, column: start.column)
        diagnostics += parsed.warnings
        let clean = sanitizer.sanitize(parsed.nodes, fallback: start)
        // Line breaks between block tags are not content.
        return adoptRaw(clean).filter {
            if case .text(let text) = $0 { return !text.allSatisfy(\.isWhitespace) }
            return true
        }
    }

    /// One inline raw HTML token: an open tag, an end tag, a void tag or a comment.
    mutating func htmlInline(_ node: MarkdownNode, html: String, into builder: inout InlineBuilder) {
        let start = location(node)
        if html.hasPrefix("<!") || html.hasPrefix("<?") { return }
        if html.hasPrefix("</") {
            let name = String(html.dropFirst(2).prefix { $0.isLetter || $0.isNumber }).lowercased()
            _ = builder.close(name) { adoptRawElement($0) }
            return
        }
        let parsed = HTMLParser.parseFragment(html, file: start.file, line: start.line, column: start.column)
        guard case .element(var element)? = parsed.nodes.first(where: { if case .element = $0 { return true } else { return false } }) else {
            for node in adoptRaw(sanitizer.sanitize(parsed.nodes, fallback: start)) { builder.append(node) }
            return
        }
        let name = element.tag
        element.children = []
        element.location = element.location ?? start
        let decision = Sanitizer.decision(for: name)
        let clean = sanitizer.sanitize(.element(element), fallback: start)
        if HTMLElement.voidTags.contains(name) || html.hasSuffix("/>") {
            for node in adoptRaw(clean) { builder.append(node) }
            return
        }
        switch decision {
        case .drop:
            builder.open(.init(element: element, discard: true, transparent: false, name: name))
        case .unwrap:
            builder.open(.init(element: element, discard: false, transparent: true, name: name))
        case .keep:
            if case .element(let kept)? = clean.first {
                builder.open(.init(element: kept, discard: false, transparent: false, name: name))
            }
        }
    }

    /// Applies link and image handling to sanitized raw HTML, all the way down.
    mutating func adoptRaw(_ nodes: [HTMLNode]) -> [HTMLNode] {
        var out: [HTMLNode] = []
        for node in nodes {
            guard case .element(var element) = node else {
                out.append(node)
                continue
            }
            element.children = adoptRaw(element.children)
            out += adoptRawElement(element)
        }
        return out
    }

    /// Link and image handling for one raw element whose children are already done.
    mutating func adoptRawElement(_ element: HTMLElement) -> [HTMLNode] {
        let at = element.location ?? sourceMap.bodyStart
        switch element.tag {
        case "a":
            let text = HTMLText.plain(element.children)
            return linkTarget(element[attribute: "href"] ?? "", text: text, children: element.children, at: at, keeping: element)
        case "img":
            var img = element
            switch images.bodyImage(element[attribute: "src"] ?? "", at: at) {
            case .success(let image):
                img[attribute: "src"] = image.source
                if img[attribute: "class"] == nil { img.attributes.insert(HTMLAttribute("class", "image"), at: 0) }
                return [.element(img)]
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                return []
            }
        default:
            return [.element(element)]
        }
    }
}
