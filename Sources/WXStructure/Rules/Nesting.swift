/// 2.1: more than `maximumNesting` same-tag elements in a row, each wrapping a single child; the
/// editor collapses the redundant levels. Counted regardless of style (the spec's badcase
/// `LBlADJfjh0YNIp82pVDKMw` is flagged with different styles); the walker collects the chains.
struct Nesting: DocumentCheck {
    static let rule = StructureRule("wechat/2.1", .error, reportKey: "nestNodes", violateRules: "同标签同样式的单子节点嵌套超过10层")

    func finish(_ walk: FinishedWalk, _ findings: inout StructureFindings) {
        let limit = findings.options.maximumNesting
        for chain in walk.nestingChains where chain.length > limit {
            findings.report(Self.rule, order: chain.order, at: chain.location, element: chain.element,
                "\(chain.length) nested <\(chain.tag)> elements\(chain.sameStyle ? " with the same inline style" : "") each wrap a single child (the limit is \(limit)); the editor collapses the redundant levels",
                fix: "Remove the redundant wrappers: keep one <\(chain.tag)> and merge the styles it needs.")
        }
    }
}

extension StructureRule {
    public static let nesting = Nesting.rule
}
