/// 2.2: a `<span leaf>` (the editor's text node) holding a block element loses the structure.
struct LeafSpan: LayoutCheck {
    static let rule = StructureRule("wechat/2.2", .error, reportKey: "span-leaf", violateRules: "span[leaf]节点内包含块级元素")

    func check(_ box: LaidOutElement, _ findings: inout StructureFindings) {
        guard box.tag == "span", box.element[attribute: "leaf"] != nil,
              let block = box.element.firstDescendant(where: { blockInLeaf.contains($0.tag) }) else { return }
        findings.report(Self.rule, order: box.order, at: block.location ?? box.location, element: box.element,
            "<span leaf> holds a block element <\(block.tag)>; the editor removes the structure",
            fix: "Put only text and inline elements (span, strong, img…) inside <span leaf>; move the <\(block.tag)> outside it.")
    }
}

/// Block elements that may not sit in the editor's leaf nodes (table parts are allowed).
let blockInLeaf: Set<String> = blockTags.subtracting(["td", "th", "tr", "tbody", "thead", "tfoot", "caption", "colgroup"])

extension StructureRule {
    public static let leafSpan = LeafSpan.rule
}
