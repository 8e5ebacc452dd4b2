/// 4.1.2: a gradient background behind text is flattened to one colour in Dark Mode, and the text
/// may become unreadable. `data-ignore-dm="text-bg-gradient"` exempts the element.
struct GradientBehindText: LayoutCheck, StylesheetCheck {
    static let rule = StructureRule("wechat/4.1.2", .warning, reportKey: "darkmode-no-gradient", violateRules: "文字背景尽量不要使用渐变")

    var themeProperties: [String]? { ["background", "background-image"] }

    func check(_ box: LaidOutElement, _ findings: inout StructureFindings) {
        guard box.hasText, !box.visit.insideSVG, case .colors(let colors)? = box.background, colors.count > 1,
              !box.ignoresDarkMode("text-bg-gradient") else { return }
        let gradient = box.declarations.last { $0.value.lowercased().contains("gradient(") }.map { "\($0.property): \($0.value)" } ?? "gradient"
        findings.report(Self.rule, order: box.order, at: box.location, element: box.element,
            "text sits on a gradient background (\(gradient)); Dark Mode flattens it to one colour and the text may become unreadable",
            fix: "Use a solid background-color behind text, or add data-ignore-dm=\"text-bg-gradient\" after checking Dark Mode.")
    }

    func check(_ theme: ThemeDeclarationVisit, _ findings: inout ThemeFindings) {
        guard theme.value.contains("gradient(") else { return }
        findings.report(Self.rule, theme.declaration, "a gradient background behind text is flattened to one colour in Dark Mode",
            fix: "Use a solid background-color behind text.")
    }
}

extension StructureRule {
    public static let gradientBehindText = GradientBehindText.rule
}
