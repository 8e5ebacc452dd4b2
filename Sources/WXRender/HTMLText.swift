import WXHTML

/// The text of a DOM, as a reader would see it (for link texts, digests and content checks).
enum HTMLText {
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
            }
        }
    }
}
