import WXHTML

/// 1.8: `<pre>` around prose does not wrap, so phones cut the text off. Prose is told from code
/// by the text: no `<code>` inside, mostly letters or CJK, little code punctuation.
struct PreText: LayoutCheck {
    static let rule = StructureRule("wechat/1.8", .error, reportKey: "pre", violateRules: "使用pre标签包裹正文，移动端文字不换行")

    func check(_ box: LaidOutElement, _ findings: inout StructureFindings) {
        guard box.tag == "pre", box.element.firstDescendant(where: { $0.tag == "code" }) == nil else { return }
        var letters = 0
        var codePunctuation = 0
        var total = 0
        for scalar in box.element.textContent.unicodeScalars where !TextMetrics.isSpace(scalar) {
            total += 1
            if TextMetrics.isCJK(scalar) || scalar.properties.isAlphabetic { letters += 1 }
            if "{}[]();=<>/\\|&$#_*+`^~".unicodeScalars.contains(scalar) { codePunctuation += 1 }
        }
        guard total > 0 else { return }
        let looksLikeCode = Double(codePunctuation) / Double(total) > 0.04 || Double(letters) / Double(total) < 0.6
        guard !looksLikeCode else { return }
        findings.report(Self.rule, order: box.order, at: box.location, element: box.element,
            "<pre> wraps ordinary text (\(total) characters, no code); pre does not wrap lines, so phones cut the text off",
            fix: "Use <p> or <section> for prose; keep <pre> for code.")
    }
}

extension StructureRule {
    public static let preText = PreText.rule
}
