import WXHTML
import WXSupport

extension MarkdownRenderer {
    /// Renders a run of inline nodes. Inline raw HTML arrives from cmark as separate tokens
    /// (`<span style="…">`, text, `</span>`), so open tags start an element that collects what
    /// follows until its end tag.
    mutating func inlines(_ nodes: [MarkdownNode]) -> [HTMLNode] {
        var builder = InlineBuilder()
        for (index, node) in nodes.enumerated() {
            switch node.kind {
            case .htmlInline(let html):
                htmlInline(node, html: html, into: &builder)
            case .softBreak:
                let before = index > 0 ? nodes[index - 1].lastScalar : nil
                let after = index + 1 < nodes.count ? nodes[index + 1].firstScalar : nil
                if let before, let after, CJKSpacing.isCJK(before), CJKSpacing.isCJK(after) { continue }
                builder.append(.text(" "))
            default:
                for rendered in inline(node) { builder.append(rendered) }
            }
        }
        return builder.finish { adoptRawElement($0) }
    }

    mutating func inline(_ node: MarkdownNode) -> [HTMLNode] {
        if let flat = flattenIfTooDeep(node) { return flat }
        depth += 1
        defer { depth -= 1 }
        switch node.kind {
        case .text(let literal): return [text(literal)]
        case .code(let literal): return [inlineCode(node, literal: literal)]
        case .emphasis: return [emphasis(node, strong: false)]
        case .strong: return [emphasis(node, strong: true)]
        case .link(let url, _): return link(node, url: url)
        case .image(let url, let title): return inlineImage(node, url: url, title: title)
        case .lineBreak: return [lineBreak(node)]
        case .softBreak: return [.text(" ")]
        case .htmlInline(let html):
            var builder = InlineBuilder()
            htmlInline(node, html: html, into: &builder)
            return builder.finish { adoptRawElement($0) }
        default: return blocks(node.children)
        }
    }
}

/// Collects inline output while raw HTML tags are open.
struct InlineBuilder {
    struct Frame {
        var element: HTMLElement
        /// Children are discarded (inside a removed `<script>`…).
        var discard: Bool
        /// The tag itself is dropped and its children go to the parent.
        var transparent: Bool
        var name: String
    }

    private var root: [HTMLNode] = []
    private var stack: [Frame] = []

    mutating func append(_ node: HTMLNode) {
        if stack.isEmpty {
            root.append(node)
        } else if stack[stack.count - 1].discard {
            return
        } else {
            stack[stack.count - 1].element.children.append(node)
        }
    }

    mutating func open(_ frame: Frame) { stack.append(frame) }

    var openNames: [String] { stack.map(\.name) }

    /// Closes the innermost open element called `name` (and any opened after it). Returns false
    /// when no such element is open.
    mutating func close(_ name: String, finishing: (HTMLElement) -> [HTMLNode]) -> Bool {
        guard stack.contains(where: { $0.name == name }) else { return false }
        while let frame = stack.popLast() {
            if !frame.discard {
                if frame.transparent {
                    for child in frame.element.children { append(child) }
                } else {
                    for node in finishing(frame.element) { append(node) }
                }
            }
            if frame.name == name { break }
        }
        return true
    }

    mutating func finish(finishing: (HTMLElement) -> [HTMLNode]) -> [HTMLNode] {
        while let name = stack.last?.name { _ = close(name, finishing: finishing) }
        return root
    }
}

extension MarkdownNode {
    var firstScalar: Unicode.Scalar? {
        switch kind {
        case .text(let s), .code(let s): return s.unicodeScalars.first
        default: return children.first?.firstScalar
        }
    }

    var lastScalar: Unicode.Scalar? {
        switch kind {
        case .text(let s), .code(let s): return s.unicodeScalars.last
        default: return children.last?.lastScalar
        }
    }
}
