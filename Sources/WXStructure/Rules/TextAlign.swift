/// 1.6: `text-align: start`/`end` is aligned differently on different phones.
struct TextAlign: DeclarationCheck, StylesheetCheck {
    static let rule = StructureRule("wechat/1.6", .error, reportKey: "text-align", violateRules: "text-align设置为start或end，不同终端对齐方式不一致")

    var properties: [String]? { ["text-align"] }
    var themeProperties: [String]? { ["text-align"] }

    /// `left` for `start`, `right` for `end`; nil for the values that are fine.
    private func replacement(_ value: String) -> String? {
        value == "start" ? "left" : value == "end" ? "right" : nil
    }

    func check(_ declaration: StyleDeclaration, of element: ElementVisit, _ findings: inout StructureFindings) {
        let value = declaration.value.lowercased()
        guard let replacement = replacement(value) else { return }
        findings.report(Self.rule, order: element.order, at: element.location, element: element.element,
            "text-align: \(value) is aligned differently on different phones (left on some, centred on iOS 18+)",
            fix: "Use text-align: \(replacement) (or center/justify).")
    }

    func check(_ theme: ThemeDeclarationVisit, _ findings: inout ThemeFindings) {
        guard let replacement = replacement(theme.value) else { return }
        findings.report(Self.rule, theme.declaration, "text-align: \(theme.value) is aligned differently on different phones", fix: "Use text-align: \(replacement).")
    }
}

extension StructureRule {
    public static let textAlign = TextAlign.rule
}
