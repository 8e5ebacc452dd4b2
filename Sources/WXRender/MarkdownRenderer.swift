import Foundation
import WXHTML
import WXSupport

/// Walks the Markdown tree and builds the article body as an `HTMLNode` DOM of WeChat-safe tags.
/// Elements carry theme classes (`code-block`, `ref`…) that the theme's CSS styles and the
/// inliner then replaces with inline styles. Each node kind renders itself in its own file under
/// `Nodes/`; this file only dispatches and holds what they share.
struct MarkdownRenderer {
    let sourceMap: SourceMap
    let cjkSpacing: Bool
    /// `code: { line_numbers: true }` (the one-pass writer reads it).
    var codeLineNumbers = false
    var references = ReferenceList()
    var images: ImageResolver
    var sanitizer: Sanitizer
    var diagnostics: [Diagnostic] = []
    /// How deep the current node is nested; past `maxDepth` the rest is kept as plain text, so a
    /// pathological post (`>>>>>…` thousands deep) can neither exhaust the stack nor produce the
    /// redundant nesting WeChat's editor flattens (structure rule 2.1).
    var depth = 0
    private var reportedDepth = false
    static let maxDepth = 64

    init(sourceMap: SourceMap, images: ImageResolver, cjkSpacing: Bool) {
        self.sourceMap = sourceMap
        self.images = images
        self.cjkSpacing = cjkSpacing
        sanitizer = Sanitizer(file: sourceMap.file)
    }

    /// The body of the article, plus everything learned on the way (references, images, findings).
    mutating func render(_ document: MarkdownNode) -> [HTMLNode] {
        let nodes = blocks(document.children)
        diagnostics += sanitizer.diagnostics
        return cjkSpacing ? CJKSpacing.apply(to: nodes) : nodes
    }

    mutating func blocks(_ nodes: [MarkdownNode]) -> [HTMLNode] {
        var out: [HTMLNode] = []
        for node in nodes { out += block(node) }
        return out
    }

    mutating func block(_ node: MarkdownNode) -> [HTMLNode] {
        if let flat = flattenIfTooDeep(node) { return flat }
        depth += 1
        defer { depth -= 1 }
        switch node.kind {
        case .paragraph: return paragraph(node)
        case .heading(let level): return [heading(node, level: level)]
        case .blockQuote: return [blockQuote(node)]
        case .list(let ordered, let start, let tight): return [list(node, ordered: ordered, start: start, tight: tight)]
        case .item: return [listItem(node, tight: false)]
        case .codeBlock(let info, let literal): return [codeBlock(node, info: info, literal: literal)]
        case .htmlBlock(let html): return htmlBlock(node, html: html)
        case .thematicBreak: return [thematicBreak(node)]
        default: return inlines([node])
        }
    }

    /// Plain text in place of nesting deeper than `maxDepth`, with one warning per post.
    mutating func flattenIfTooDeep(_ node: MarkdownNode) -> [HTMLNode]? {
        guard depth >= Self.maxDepth else { return nil }
        if !reportedDepth {
            reportedDepth = true
            diagnostics.append(.warning(
                at: location(node), "nesting deeper than \(Self.maxDepth) levels is kept as plain text",
                fix: "flatten the nested quotes, lists or emphasis", rule: "render/nesting"))
        }
        return [.text(node.plainText)]
    }

    func location(_ node: MarkdownNode) -> SourceLocation { sourceMap.location(of: node) }

    /// An element made by the renderer, located at the Markdown that made it.
    func element(_ tag: String, class className: String? = nil, _ children: [HTMLNode] = [], at node: MarkdownNode, attributes: [HTMLAttribute] = []) -> HTMLNode {
        var all = attributes
        if let className { all.insert(HTMLAttribute("class", className), at: 0) }
        return .element(HTMLElement(tag, attributes: all, children: children, location: location(node)))
    }
}
