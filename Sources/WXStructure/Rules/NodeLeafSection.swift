/// 2.3: a `<section nodeleaf>` (an official component's box) holding a block element or text.
struct NodeLeafSection: LayoutCheck {
    static let rule = StructureRule("wechat/2.3", .error, reportKey: "section-nodeleaf", violateRules: "section[nodeleaf]节点内包含非指定组件")

    func check(_ box: LaidOutElement, _ findings: inout StructureFindings) {
        guard box.tag == "section", box.element[attribute: "nodeleaf"] != nil else { return }
        for child in box.element.children {
            switch child {
            case .element(let element) where blockInLeaf.contains(element.tag):
                findings.report(Self.rule, order: box.order, at: element.location ?? box.location, element: box.element,
                    "<section nodeleaf> holds a <\(element.tag)>; only images and official components may go inside",
                    fix: "Move the <\(element.tag)> out of the nodeleaf section.")
                return
            case .text(let text) where TextMetrics.hasVisibleText(text):
                findings.report(Self.rule, order: box.order, at: box.location, element: box.element,
                    "<section nodeleaf> holds text; only images and official components may go inside",
                    fix: "Move the text out of the nodeleaf section.")
                return
            default:
                continue
            }
        }
    }
}

extension StructureRule {
    public static let nodeLeafSection = NodeLeafSection.rule
}
