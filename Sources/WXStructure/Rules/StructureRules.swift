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

    /// Declaration checks by the property they read, and those that read every declaration.
    static let declarationChecks: [String: [any DeclarationCheck]] = checks(all.compactMap { $0 as? any DeclarationCheck }, \.properties)
    static let everyDeclarationChecks: [any DeclarationCheck] = all.compactMap { ($0 as? any DeclarationCheck)?.properties == nil ? $0 as? any DeclarationCheck : nil }
    static let elementChecks: [any ElementCheck] = all.compactMap { $0 as? any ElementCheck }
    static let layoutChecks: [any LayoutCheck] = all.compactMap { $0 as? any LayoutCheck }
    static let documentChecks: [any DocumentCheck] = all.compactMap { $0 as? any DocumentCheck }
    static let stylesheetChecks: [String: [any StylesheetCheck]] = checks(all.compactMap { $0 as? any StylesheetCheck }, \.themeProperties)
    static let everyStylesheetChecks: [any StylesheetCheck] = all.compactMap { ($0 as? any StylesheetCheck)?.themeProperties == nil ? $0 as? any StylesheetCheck : nil }

    private static func checks<Check>(_ checks: [Check], _ properties: (Check) -> [String]?) -> [String: [Check]] {
        var result: [String: [Check]] = [:]
        for check in checks {
            for property in properties(check) ?? [] { result[property, default: []].append(check) }
        }
        return result
    }
}
