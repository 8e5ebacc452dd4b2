import WXHTML

extension MarkdownRenderer {
    /// Plain text (CJK–Latin spacing, when on, runs over the whole body afterwards). Soft breaks become a space (Chinese lines
    /// joined with a space would read oddly, so a soft break between two CJK characters is dropped);
    /// hard breaks become `<br>`.
    func text(_ literal: String) -> HTMLNode {
        .text(literal)
    }

    func lineBreak(_ node: MarkdownNode) -> HTMLNode {
        element("br", at: node)
    }
}
