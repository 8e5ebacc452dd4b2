/// Every structure rule, registered once. At one element, findings come in this order within
/// each kind of check (declarations, the element, its layout); a new rule is a file in this
/// folder with its `StructureRule` and checks, plus one line here.
enum StructureRules {
    static let all: [any RuleDefinition] = [
        ImageOpacity(),
        CaretColor(),
        LineHeight(),
        ZeroHeight(),
        ClippedHeight(),
        Width(),
        GradientBehindText(),
        TextAlign(),
        AnimateBegin(),
        PreText(),
        Nesting(),
        LeafSpan(),
        NodeLeafSection(),
        FontFamily(),
        LowContrast(),
        Important(),
        EmphasisMarker(),
    ]

    private static let declarationRules = all.compactMap { $0 as? any DeclarationCheck }
    private static let stylesheetRules = all.compactMap { $0 as? any StylesheetCheck }

    /// Declaration checks by the property they read, and those that read every declaration.
    static let declarationChecks = byProperty(declarationRules, \.properties)
    static let everyDeclarationChecks = declarationRules.filter { $0.properties == nil }
    static let elementChecks = all.compactMap { $0 as? any ElementCheck }
    static let layoutChecks = all.compactMap { $0 as? any LayoutCheck }
    static let documentChecks = all.compactMap { $0 as? any DocumentCheck }
    static let stylesheetChecks = byProperty(stylesheetRules, \.themeProperties)
    static let everyStylesheetChecks = stylesheetRules.filter { $0.themeProperties == nil }

    private static func byProperty<Check>(_ checks: [Check], _ properties: (Check) -> [String]?) -> [String: [Check]] {
        var result: [String: [Check]] = [:]
        for check in checks {
            for property in properties(check) ?? [] { result[property, default: []].append(check) }
        }
        return result
    }
}
