import WXHTML

/// 1.4: content that does not adapt to the phone's width — a fixed `width`/`min-width` beyond the
/// column, text pushed past half the column by left offsets, tables with fixed column widths.
/// `data-ignore-width` exempts an element and its subtree.
struct Width: DeclarationCheck, LayoutCheck, StylesheetCheck {
    static let rule = StructureRule("wechat/1.4", .error, reportKey: "width", violateRules: "页面width设置错误，内容未随屏幕宽度自适应或水平溢出")

    var properties: [String]? { ["width", "min-width"] }
    var themeProperties: [String]? { ["width", "min-width"] }

    /// Cell widths are reported once, for the whole table.
    private static let cellTags: Set<String> = ["td", "th", "col", "colgroup"]

    /// The fixed width in px of a `width`/`min-width` declaration wider than the column, on an
    /// element the rule applies to; nil when it fits or is exempt.
    static func overflow(_ declaration: StyleDeclaration, of element: ElementVisit, columnWidth: Double) -> Double? {
        guard !element.ignoresWidth, !element.insideSVG, !mediaTags.contains(element.tag), !cellTags.contains(element.tag),
              let px = CSSLength(declaration.value.lowercased())?.pixels(fontSize: nil, percentBase: nil), px > columnWidth
        else { return nil }
        return px
    }

    func check(_ declaration: StyleDeclaration, of element: ElementVisit, _ findings: inout StructureFindings) {
        let columnWidth = findings.options.columnWidth
        guard let px = Self.overflow(declaration, of: element, columnWidth: columnWidth) else { return }
        findings.report(Self.rule, order: element.order, at: element.location, element: element.element,
            "<\(element.tag)> has a fixed \(declaration.property): \(declaration.value) (\(formatNumber(px))px), wider than the \(formatNumber(columnWidth))px phone column; it overflows on phones and stays left-aligned on wider screens",
            fix: "Use a percentage or max-width: 100% instead of a px width, or mark an intended layout with data-ignore-width.")
    }

    func check(_ box: LaidOutElement, _ findings: inout StructureFindings) {
        let options = findings.options
        if box.hasText, !box.visit.insideSVG, !box.style.ignoreWidth, box.parent.leftOffset <= options.maximumLeftOffset,
           box.style.leftOffset > options.maximumLeftOffset, box.ownLeftOffset > 0 {
            findings.report(Self.rule, order: box.order, at: box.location, element: box.element,
                "<\(box.tag)> holding text is pushed \(formatNumber(box.style.leftOffset))px from the left edge (\(formatNumber(box.ownLeftOffset))px of it set here); on a \(formatNumber(options.columnWidth))px phone the text runs off the right side",
                fix: "Use a small margin/padding (a few px or %) instead of a large left offset, or mark an intended layout with data-ignore-width.")
        }
        if box.tag == "table", !box.style.ignoreWidth { checkColumns(box, &findings) }
    }

    private func checkColumns(_ box: LaidOutElement, _ findings: inout StructureFindings) {
        guard let row = firstRow(box.element) else { return }
        var widths: [Double] = []
        var cells = 0
        for case .element(let cell) in row.children where cell.tag == "td" || cell.tag == "th" {
            cells += 1
            let style = cell[attribute: "style"].map(InlineStyle.parse) ?? []
            if let px = style.value(of: "width").flatMap(CSSLength.init)?.pixels(fontSize: nil, percentBase: nil) {
                widths.append(px)
            } else if let attribute = cell[attribute: "width"] ?? cell[attribute: "data-colwidth"], !attribute.hasSuffix("%"),
                      let px = Double(attribute.trimming(.whitespaces)) {
                widths.append(px)
            }
        }
        guard cells > 0, !widths.isEmpty else { return }
        let columnWidth = findings.options.columnWidth
        let total = widths.reduce(0, +)
        let list = widths.map { formatNumber($0) + "px" }.joined(separator: " + ")
        findings.report(Self.rule, order: box.order, at: box.location, element: box.element,
            "\(widths.count) of \(cells) table columns have fixed widths (\(list)\(widths.count > 1 ? " = \(formatNumber(total))px" : "")); the table cannot adapt to the screen\(total > columnWidth ? " and overflows a \(formatNumber(columnWidth))px phone" : "")",
            fix: "Remove the column widths (or use percentages) so the table fits the column.")
    }

    private func firstRow(_ element: HTMLElement) -> HTMLElement? {
        for case .element(let child) in element.children {
            if child.tag == "tr" { return child }
            if ["thead", "tbody", "tfoot"].contains(child.tag), let row = firstRow(child) { return row }
        }
        return nil
    }

    func check(_ theme: ThemeDeclarationVisit, _ findings: inout ThemeFindings) {
        let columnWidth = findings.options.columnWidth
        guard !theme.targetsImage, let px = CSSLength(theme.value)?.pixels(fontSize: nil, percentBase: nil), px > columnWidth else { return }
        findings.report(Self.rule, theme.declaration, "\(theme.declaration.property): \(theme.declaration.value) is wider than the \(formatNumber(columnWidth))px phone column",
            fix: "Use a percentage or max-width: 100%.")
    }
}

extension StructureRule {
    public static let width = Width.rule
}
