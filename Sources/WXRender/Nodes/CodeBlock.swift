import WXHTML
import WXSupport

extension MarkdownRenderer {
    /// A fenced or indented code block, built to survive WeChat on phones:
    ///
    ///     <section class="code-block">
    ///       <section class="code-lang">swift</section>
    ///       <section class="code-scroll"><code class="code-body">let&nbsp;x<br>…</code></section>
    ///     </section>
    ///
    /// WeChat collapses runs of spaces and drops newlines in some containers, so every space and
    /// tab (expanded to 4-column stops) becomes U+00A0 and every line ends in `<br>`; the theme
    /// adds `white-space: pre` and `overflow-x: auto` so long lines scroll instead of wrapping.
    /// No `<pre>`: the platform's structure rule 1.8 flags `<pre>`, and a `section` does the job.
    func codeBlock(_ node: MarkdownNode, info: String, literal: String) -> HTMLNode {
        var children: [HTMLNode] = []
        let language = info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" }).first.map(String.init) ?? ""
        if !language.isEmpty { children.append(element("section", class: "code-lang", [.text(language)], at: node)) }
        let code = element("code", class: "code-body", CodeLines.nodes(literal, breakAt: location(node)), at: node)
        children.append(element("section", class: "code-scroll", [code], at: node))
        return element("section", class: "code-block", children, at: node)
    }
}

/// Code text as WeChat-proof nodes: text with non-breaking spaces, `<br>` between lines.
enum CodeLines {
    static let tabWidth = 4

    static func nodes(_ literal: String, breakAt location: SourceLocation?) -> [HTMLNode] {
        var lines: [String] = []
        var line = ""
        var column = 0
        for scalar in literal.unicodeScalars {
            switch scalar {
            case "\n":
                lines.append(line)
                line = ""
                column = 0
            case "\r":
                continue
            case "\t":
                let spaces = tabWidth - column % tabWidth
                line.unicodeScalars.append(contentsOf: repeatElement("\u{A0}", count: spaces))
                column += spaces
            case " ":
                line.unicodeScalars.append("\u{A0}")
                column += 1
            default:
                line.unicodeScalars.append(scalar)
                column += 1
            }
        }
        if !line.isEmpty { lines.append(line) }
        var out: [HTMLNode] = []
        for (index, text) in lines.enumerated() {
            if index > 0 { out.append(.element(HTMLElement("br", location: location))) }
            if !text.isEmpty { out.append(.text(text)) }
        }
        return out
    }
}
