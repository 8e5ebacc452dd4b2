import WXHTML

extension MarkdownRenderer {
    /// `` `code` `` → `<code class="code-inline">`.
    func inlineCode(_ node: MarkdownNode, literal: String) -> HTMLNode {
        element("code", class: "code-inline", [.text(literal)], at: node)
    }
}
