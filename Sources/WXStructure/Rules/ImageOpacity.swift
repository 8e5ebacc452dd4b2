/// 1.1: an `<img>` with `opacity: 0` shows whatever is layered behind it (an SVG background
/// copy) and can no longer be replaced in the editor.
struct ImageOpacity: DeclarationCheck, StylesheetCheck {
    static let rule = StructureRule("wechat/1.1", .error, reportKey: "opacity", violateRules: "图片opacity设置为0，发布后无法在后台修改图片")

    var properties: [String]? { ["opacity"] }
    var themeProperties: [String]? { ["opacity"] }

    func check(_ declaration: StyleDeclaration, of element: ElementVisit, _ findings: inout StructureFindings) {
        guard element.tag == "img", let length = CSSLength(declaration.value.lowercased()), length.isZero else { return }
        findings.report(Self.rule, order: element.order, at: element.location, element: element.element,
            "<img> has opacity: \(declaration.value); the reader sees whatever is layered behind it, and the image can no longer be replaced in the WeChat editor",
            fix: "Remove opacity: 0 and show the image itself instead of an SVG background copy.")
    }

    func check(_ theme: ThemeDeclarationVisit, _ findings: inout ThemeFindings) {
        guard theme.targetsImage, CSSLength(theme.value)?.isZero == true else { return }
        findings.report(Self.rule, theme.declaration, "images get opacity: 0; they cannot be replaced in the WeChat editor", fix: "Remove opacity: 0 from image rules.")
    }
}

extension StructureRule {
    public static let imageOpacity = ImageOpacity.rule
}
