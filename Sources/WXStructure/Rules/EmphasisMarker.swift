/// Markdown `**`/`__` that CommonMark leaves literal (`**注意：**后文`). Checked on the source by
/// the Markdown pass (WXRender's `EmphasisMarkers`), which has the markers' exact columns.
struct EmphasisMarker: RuleDefinition {
    static let rule = StructureRule("markdown/emphasis", .warning, reportKey: nil, violateRules: "Markdown强调标记未生效")
}

extension StructureRule {
    public static let emphasisMarker = EmphasisMarker.rule
}
