/// 1.5.1: `height: 0` on an element holding text hides the text on phones (outside SVG and SVG
/// interactive containers, `data-role="absolute-layout"` / `data-mode="svg"`, which use it on purpose).
struct ZeroHeight: LayoutCheck, StylesheetCheck {
    static let rule = StructureRule("wechat/1.5.1", .error, reportKey: "height", violateRules: "页面height设置错误，导致有元素不可见")

    var themeProperties: [String]? { ["height"] }

    func check(_ box: LaidOutElement, _ findings: inout StructureFindings) {
        guard box.hasText, !box.visit.insideSVG, let value = box.declarations.value(of: "height"), let length = CSSLength(value), length.isZero,
              !box.style.svgInteractive, !box.parent.svgInteractive else { return }
        findings.report(Self.rule, order: box.order, at: box.location, element: box.element,
            "<\(box.tag)> has height: \(value) but holds text; on phones the text is not shown",
            fix: "Remove height: 0 (let the content set the height).")
    }

    /// In the theme it is a warning: whether the element holds text depends on the article.
    func check(_ theme: ThemeDeclarationVisit, _ findings: inout ThemeFindings) {
        guard CSSLength(theme.value)?.isZero == true else { return }
        findings.report(Self.rule, theme.declaration, "height: 0 hides any text inside on phones", fix: "Remove height: 0.", severity: .warning)
    }
}

extension StructureRule {
    public static let zeroHeight = ZeroHeight.rule
}
