/// 1.5.2: a fixed height with `overflow: hidden` whose estimated content is taller, or a fixed
/// height below one line of its text: the text is cut off or drawn over what follows.
struct ClippedHeight: LayoutCheck {
    static let rule = StructureRule("wechat/1.5.2", .error, reportKey: "height-nodisplay", violateRules: "容器固定高度小于内容高度，超出部分不可见")

    func check(_ box: LaidOutElement, _ findings: inout StructureFindings) {
        guard box.hasText, !box.visit.insideSVG, let value = box.declarations.value(of: "height"), let length = CSSLength(value), !length.isZero,
              let height = box.explicitHeight, height > 0 else { return }
        let overflow = (box.declarations.value(of: "overflow-y") ?? box.declarations.value(of: "overflow") ?? "visible").lowercased()
        guard !(overflow.contains("auto") || overflow.contains("scroll")) else { return }
        let oneLine = box.style.fontSize ?? findings.options.assumedFontSize
        let clipped = overflow.contains("hidden") || overflow.contains("clip")
        guard (clipped && box.contentHeight > height + 1) || height < oneLine else { return }
        findings.report(Self.rule, order: box.order, at: box.location, element: box.element,
            "<\(box.tag)> has a fixed height: \(value)\(clipped ? " with overflow: \(overflow)" : "") but its content needs about \(formatNumber(box.contentHeight.rounded()))px; text beyond \(formatNumber(height))px is \(clipped ? "cut off" : "drawn over what follows")",
            fix: "Remove the fixed height (or use min-height), or let it scroll with overflow: auto.")
    }
}

extension StructureRule {
    public static let clippedHeight = ClippedHeight.rule
}
