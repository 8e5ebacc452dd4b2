/// 4.5.2: `!important` overrides the platform's common styles and fights the Dark Mode
/// conversion. Reported once per property, with a count of the other declarations.
struct Important: DeclarationCheck, StylesheetCheck {
    static let rule = StructureRule("wechat/4.5.2", .warning, reportKey: nil, violateRules: "使用了!important")

    var properties: [String]? { nil }
    var themeProperties: [String]? { nil }

    func check(_ declaration: StyleDeclaration, of element: ElementVisit, _ findings: inout StructureFindings) {
        guard declaration.important else { return }
        // As before the rules had files of their own: a `width`/`min-width` that rule 1.4 lets
        // pass is not reported here either (the old declaration switch skipped the rest of the
        // loop for it). Kept so findings stay identical; whether to report it is a separate change.
        if declaration.property == "width" || declaration.property == "min-width",
           Width.overflow(declaration, of: element, columnWidth: findings.options.columnWidth) == nil { return }
        findings.reportOnce(Self.rule, key: "important:" + declaration.property, order: element.order, at: element.location, element: element.element,
            "\(declaration.property): \(declaration.value) !important overrides the platform's common styles and fights the Dark Mode conversion",
            fix: "Drop !important from inline styles.",
            repeats: { " (and \($0) more !important declaration\($0 == 1 ? "" : "s") of this property)" })
    }

    func check(_ theme: ThemeDeclarationVisit, _ findings: inout ThemeFindings) {
        guard theme.declaration.important else { return }
        findings.report(Self.rule, theme.declaration,
            "\(theme.declaration.property): \(theme.declaration.value) !important is inlined into every matching element and fights the Dark Mode conversion",
            fix: "Drop !important; the theme's specificity and order already decide.")
    }
}

extension StructureRule {
    public static let important = Important.rule
}
