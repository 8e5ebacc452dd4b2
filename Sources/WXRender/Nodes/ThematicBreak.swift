import WXHTML

extension MarkdownRenderer {
    /// `<hr>` (`---`, `***`, `----------`).
    func thematicBreak(_ node: MarkdownNode) -> HTMLNode {
        element("hr", at: node)
    }
}
