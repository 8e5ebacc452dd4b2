/// 3: any `font-family` overrides WeChat's default stack, which iOS and Android render alike.
/// Reported once per distinct value, with a count of the elements that repeat it.
struct FontFamily: DeclarationCheck, StylesheetCheck {
    static let rule = StructureRule("wechat/3", .warning, reportKey: nil, violateRules: "设置了font-family")

    var properties: [String]? { ["font-family"] }
    var themeProperties: [String]? { ["font-family"] }

    func check(_ declaration: StyleDeclaration, of element: ElementVisit, _ findings: inout StructureFindings) {
        findings.reportOnce(Self.rule, key: "font-family:" + declaration.value.lowercased(), order: element.order, at: element.location, element: element.element,
            "font-family: \(declaration.value) overrides WeChat's default font stack; iOS and Android render it inconsistently",
            fix: "Remove font-family and let the platform's default stack apply.",
            repeats: { " (and \($0) more element\($0 == 1 ? "" : "s") with the same declaration)" })
    }

    func check(_ theme: ThemeDeclarationVisit, _ findings: inout ThemeFindings) {
        findings.report(Self.rule, theme.declaration, "font-family: \(theme.declaration.value) overrides WeChat's default font stack; iOS and Android render it inconsistently",
            fix: "Remove font-family from the theme; the platform's default stack is the only one that renders the same everywhere.")
    }
}

extension StructureRule {
    public static let fontFamily = FontFamily.rule
}
