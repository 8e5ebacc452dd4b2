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
        var result: [Diagnostic] = []
        func add(_ rule: StructureRule, _ declaration: ThemeDeclaration, _ message: String, fix: String, severity: Diagnostic.Severity? = nil) {
            guard !options.disabledRules.contains(rule) else { return }
            result.append(Diagnostic(severity ?? rule.severity, at: declaration.location,
                                     "theme rule `\(declaration.selector)`: " + message, fix: fix, rule: rule.rawValue))
        }
        for declaration in declarations {
            let value = declaration.value.trimmingWhitespace().lowercased()
            let targetsImage = lastCompound(declaration.selector).hasPrefix("img")
            switch declaration.property {
            case "font-family":
                add(.fontFamily, declaration, "font-family: \(declaration.value) overrides WeChat's default font stack; iOS and Android render it inconsistently",
                    fix: "Remove font-family from the theme; the platform's default stack is the only one that renders the same everywhere.")
            case "text-align" where value == "start" || value == "end":
                add(.textAlign, declaration, "text-align: \(value) is aligned differently on different phones",
                    fix: "Use text-align: \(value == "start" ? "left" : "right").")
            case "caret-color":
                if let color = CSSColor(value), color.alpha == 0 {
                    add(.caretColor, declaration, "caret-color: \(declaration.value) hides the cursor in the WeChat editor", fix: "Remove caret-color.")
                }
            case "opacity" where targetsImage:
                if CSSLength(value)?.isZero == true {
                    add(.imageOpacity, declaration, "images get opacity: 0; they cannot be replaced in the WeChat editor", fix: "Remove opacity: 0 from image rules.")
                }
            case "width", "min-width":
                if !targetsImage, let px = CSSLength(value)?.pixels(fontSize: nil, percentBase: nil), px > options.columnWidth {
                    add(.width, declaration, "\(declaration.property): \(declaration.value) is wider than the \(formatNumber(options.columnWidth))px phone column",
                        fix: "Use a percentage or max-width: 100%.")
                }
            case "line-height":
                switch CSSLength(value) {
                case .number(let n)? where n < 1:
                    add(.lineHeight, declaration, "line-height: \(declaration.value) is below the font size; text that wraps overlaps",
                        fix: "Use a line-height of at least 1 (e.g. 1.6).", severity: .warning)
                case let length? where length.isZero:
                    add(.lineHeight, declaration, "line-height: 0 makes wrapped lines overlap", fix: "Use a line-height of at least 1 (e.g. 1.6).", severity: .warning)
                default:
                    break
                }
            case "height":
                if CSSLength(value)?.isZero == true {
                    add(.zeroHeight, declaration, "height: 0 hides any text inside on phones", fix: "Remove height: 0.", severity: .warning)
                }
            case "background", "background-image":
                if value.contains("gradient(") {
                    add(.gradientBehindText, declaration, "a gradient background behind text is flattened to one colour in Dark Mode",
                        fix: "Use a solid background-color behind text.")
                }
            default:
                break
            }
            if declaration.important {
                add(.important, declaration, "\(declaration.property): \(declaration.value) !important is inlined into every matching element and fights the Dark Mode conversion",
                    fix: "Drop !important; the theme's specificity and order already decide.")
            }
        }
        return result
    }

    private func lastCompound(_ selector: String) -> String {
        let lastSelector = selector.split(separator: ",").last.map(String.init) ?? selector
        return lastSelector.split(whereSeparator: { $0 == " " || $0 == ">" || $0 == "+" || $0 == "~" }).last.map { $0.lowercased() } ?? ""
    }
}
