/// 1.2: a fully transparent `caret-color` hides the cursor in the WeChat editor.
struct CaretColor: DeclarationCheck, StylesheetCheck {
    static let rule = StructureRule("wechat/1.2", .error, reportKey: "caret-color", violateRules: "caret-color设置为透明，编辑器中光标不可见")

    var properties: [String]? { ["caret-color"] }
    var themeProperties: [String]? { ["caret-color"] }

    func check(_ declaration: StyleDeclaration, of element: ElementVisit, _ findings: inout StructureFindings) {
        guard let color = CSSColor(declaration.value.lowercased()), color.alpha == 0 else { return }
        findings.report(Self.rule, order: element.order, at: element.location, element: element.element,
            "caret-color: \(declaration.value) is fully transparent; the cursor disappears in the WeChat editor",
            fix: "Remove caret-color (or use a visible colour).")
    }

    func check(_ theme: ThemeDeclarationVisit, _ findings: inout ThemeFindings) {
        guard let color = CSSColor(theme.value), color.alpha == 0 else { return }
        findings.report(Self.rule, theme.declaration, "caret-color: \(theme.declaration.value) hides the cursor in the WeChat editor", fix: "Remove caret-color.")
    }
}

extension StructureRule {
    public static let caretColor = CaretColor.rule
}
