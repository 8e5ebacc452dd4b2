import WXHTML

extension MarkdownRenderer {
    /// `<ul>` / `<ol start>`. Items of a tight list hold their text directly (no `<p>`), as
    /// CommonMark's own renderer does, so WeChat does not add paragraph gaps between them.
    mutating func list(_ node: MarkdownNode, ordered: Bool, start: Int, tight: Bool) -> HTMLNode {
        let items = node.children.map { listItem($0, tight: tight) }
        var attributes: [HTMLAttribute] = []
        if ordered && start != 1 { attributes.append(HTMLAttribute("start", String(start))) }
        return element(ordered ? "ol" : "ul", items, at: node, attributes: attributes)
    }

    mutating func listItem(_ node: MarkdownNode, tight: Bool) -> HTMLNode {
        var children: [HTMLNode] = []
        for child in node.children {
            if tight, child.kind == .paragraph {
                children += inlines(child.children)
            } else {
                children += block(child)
            }
        }
        return element("li", children, at: node)
    }
}
