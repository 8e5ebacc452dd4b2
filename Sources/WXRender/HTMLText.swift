import WXHTML

/// The text of a DOM, as a reader would see it (for link texts, digests and content checks).
enum HTMLText {
    /// Elements that end a run of text (so a heading and the next paragraph do not run together).
    static let blockTags: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "section", "figure", "figcaption", "tr", "td", "th",
        "pre", "ul", "ol", "table",
    ]

    static func plain(_ nodes: [HTMLNode]) -> String {
        var out = ""
        append(nodes, to: &out)
        return out
    }

    private static func append(_ nodes: [HTMLNode], to out: inout String) {
        for node in nodes {
            switch node {
            case .text(let s): out += s
            case .comment: break
            case .element(let e):
                if e.tag == "br" { out += " " } else { append(e.children, to: &out) }
                if blockTags.contains(e.tag) { out += " " }
            }
        }
    }
}
