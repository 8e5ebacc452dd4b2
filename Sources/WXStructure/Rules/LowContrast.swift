/// 4.1.1: text on an explicitly set background (gradient stops included, alpha composited) below
/// the WCAG contrast floor; Dark Mode will change these colours. One finding per pair of colour
/// declarations; `data-ignore-dm="low-contrast"` exempts the element. The same rule also judges
/// colours as Dark Mode shows them: `checkDarkMode(_:)` on the theme (DarkModeCheck.swift) and
/// `checkDarkMode(document:…)` on the author's raw HTML (DarkModeDocumentCheck.swift).
struct LowContrast: LayoutCheck {
    static let rule = StructureRule("wechat/4.1.1", .warning, reportKey: "darkmode-low-contrast", violateRules: "文字与背景色对比度太低")

    func check(_ box: LaidOutElement, _ findings: inout StructureFindings) {
        let style = box.style
        guard !box.visit.insideSVG, box.tag != "svg", style.backdropOrigin != nil, style.fontSize != 0,
              let backdrop = style.backdrop, !backdrop.isEmpty, style.color.alpha > 0, !box.ignoresDarkMode("low-contrast"),
              box.element.children.contains(where: { if case .text(let t) = $0 { return TextMetrics.hasVisibleText(t) } else { return false } })
        else { return }
        let options = findings.options
        var worst = Double.infinity
        var worstBackground = backdrop[0]
        for background in backdrop {
            let opaque = background.over(options.pageBackground)
            let ratio = CSSColor.contrastRatio(style.color.over(opaque), opaque)
            if ratio < worst {
                worst = ratio
                worstBackground = opaque
            }
        }
        guard worst < options.minimumContrast, findings.firstTime(Self.rule, [style.colorOrigin ?? -1, style.backdropOrigin ?? -1]) else { return }
        findings.report(Self.rule, order: box.order, at: box.location, element: box.element,
            "text colour \(style.color) on background \(worstBackground) has a contrast ratio of \(formatNumber((worst * 100).rounded() / 100)):1 (below \(formatNumber(options.minimumContrast)):1); Dark Mode will change these colours",
            fix: "Pick a text or background colour with a contrast ratio of at least \(formatNumber(options.minimumContrast)):1, or add data-ignore-dm=\"low-contrast\" after checking Dark Mode.")
    }
}

extension StructureRule {
    public static let lowContrast = LowContrast.rule
}
