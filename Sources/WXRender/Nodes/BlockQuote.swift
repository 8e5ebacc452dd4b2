import WXHTML

extension MarkdownRenderer {
    /// `<blockquote>`; nested quotes nest, and the theme styles `blockquote blockquote`.
    mutating func blockQuote(_ node: MarkdownNode) -> HTMLNode {
        element("blockquote", blocks(node.children), at: node)
    }
}
