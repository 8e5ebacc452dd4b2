import WXHTML

extension MarkdownRenderer {
    /// `<p>`; a paragraph holding nothing but one image becomes a `<figure>` instead, because a
    /// figure may not sit inside a paragraph.
    mutating func paragraph(_ node: MarkdownNode) -> [HTMLNode] {
        let meaningful = node.children.filter {
            if case .text(let s) = $0.kind { return !s.allSatisfy(\.isWhitespace) }
            return $0.kind != .softBreak
        }
        if meaningful.count == 1, case .image(let url, let title) = meaningful[0].kind {
            return figure(meaningful[0], url: url, title: title)
        }
        return [element("p", inlines(node.children), at: node)]
    }
}
