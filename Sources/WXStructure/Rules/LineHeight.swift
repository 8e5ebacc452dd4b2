/// 1.3: `line-height` below the font size on text that wraps to more than one line makes the
/// lines overlap. Reported once per declaration, at its element (where the fix goes); the walker
/// counts the overlapping lines under each declaration.
struct LineHeight: LayoutCheck, StylesheetCheck {
    static let rule = StructureRule("wechat/1.3", .error, reportKey: "line-height", violateRules: "line-height小于字体大小，多行文字重叠")

    var themeProperties: [String]? { ["line-height"] }

    func check(_ box: LaidOutElement, _ findings: inout StructureFindings) {
        guard let overlap = box.lineHeightOverlap, overlap.lines > 1, let text = box.declarations.value(of: "line-height") else { return }
        let fontText = overlap.fontSize.map { "\(formatNumber($0))px" } ?? "the font size"
        findings.report(Self.rule, order: box.order, at: box.location, element: box.element,
            "line-height: \(text) is below \(fontText) on text that wraps to about \(overlap.lines) lines; the lines overlap",
            fix: "Use line-height of at least 1 (e.g. 1.6) on elements with text; keep line-height: 0 only around images.")
    }

    /// In the theme it is a warning: whether text wraps depends on the article.
    func check(_ theme: ThemeDeclarationVisit, _ findings: inout ThemeFindings) {
        switch CSSLength(theme.value) {
        case .number(let n)? where n < 1:
            findings.report(Self.rule, theme.declaration, "line-height: \(theme.declaration.value) is below the font size; text that wraps overlaps",
                fix: "Use a line-height of at least 1 (e.g. 1.6).", severity: .warning)
        case let length? where length.isZero:
            findings.report(Self.rule, theme.declaration, "line-height: 0 makes wrapped lines overlap", fix: "Use a line-height of at least 1 (e.g. 1.6).", severity: .warning)
        default:
            break
        }
    }
}

extension StructureRule {
    public static let lineHeight = LineHeight.rule
}
