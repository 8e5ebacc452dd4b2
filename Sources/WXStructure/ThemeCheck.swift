import WXSupport

/// One declaration of the theme stylesheet and where it was written, so findings point at the
/// theme's `file:line:col`. Built by the caller from its CSS parser's rules; the structure pass
/// does not depend on that parser.
public struct ThemeDeclaration: Sendable, Equatable {
    /// The rule's selector text as written (`p`, `.note img`), used to recognise image rules.
    public var selector: String
    public var property: String
    public var value: String
    public var important: Bool
    public var location: SourceLocation

    public init(selector: String, property: String, value: String, important: Bool = false, location: SourceLocation) {
        self.selector = selector
        self.property = property.lowercased()
        self.value = value
        self.important = important
        self.location = location
    }
}

extension StructureChecker {
    /// Findings about the theme itself, located in the theme file. Rules that depend on the
    /// article (text inside, lines of text) are warnings here: the theme alone cannot show them.
    public func checkStylesheet(_ declarations: [ThemeDeclaration]) -> [Diagnostic] {
        var findings = ThemeFindings(options: options)
        for declaration in declarations {
            let visit = ThemeDeclarationVisit(
                declaration: declaration, value: declaration.value.trimming(.whitespaces).lowercased(),
                targetsImage: lastCompound(declaration.selector).hasPrefix("img"))
            for rule in StructureRules.stylesheetChecks[declaration.property] ?? [] { rule.check(visit, &findings) }
            for rule in StructureRules.everyStylesheetChecks { rule.check(visit, &findings) }
        }
        return findings.diagnostics
    }

    private func lastCompound(_ selector: String) -> String {
        let lastSelector = selector.split(separator: ",").last.map(String.init) ?? selector
        return lastSelector.split(whereSeparator: { $0 == " " || $0 == ">" || $0 == "+" || $0 == "~" }).last.map { $0.lowercased() } ?? ""
    }
}
