import WXHTML

extension MarkdownRenderer {
    /// `<h1>`…`<h6>`, styled by the theme's type selectors.
    mutating func heading(_ node: MarkdownNode, level: Int) -> HTMLNode {
        element("h\(min(max(level, 1), 6))", inlines(node.children), at: node)
    }
}
