import WXHTML

extension MarkdownRenderer {
    /// `*em*` → `<em>`, `**strong**` → `<strong>`.
    mutating func emphasis(_ node: MarkdownNode, strong: Bool) -> HTMLNode {
        element(strong ? "strong" : "em", inlines(node.children), at: node)
    }
}
