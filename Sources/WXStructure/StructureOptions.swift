/// What the structure pass assumes about the phone it cannot see. Defaults follow the spec:
/// a 375 px column, chains of at most 10 wrappers, a 3:1 contrast floor.
public struct StructureOptions: Sendable, Equatable {
    /// The narrowest phone column the spec measures against (iPhone SE/8 width).
    public var columnWidth: Double = 375
    /// Accumulated left offsets (margin/padding/left) beyond this push text off a phone screen.
    public var maximumLeftOffset: Double = 187.5
    /// Same-tag, same-style single-child wrappers allowed in a row (spec 2.1).
    public var maximumNesting: Int = 10
    /// WCAG contrast ratio below which text/background pairs are reported (spec 4.1.1).
    public var minimumContrast: Double = 3
    /// Used only to estimate how many lines a text wraps to when no font size is given.
    public var assumedFontSize: Double = 16
    /// The article's page colours when no inline style sets them (WeChat's light mode).
    public var pageBackground: CSSColor = .white
    public var defaultTextColor: CSSColor = CSSColor(red: 0, green: 0, blue: 0, alpha: 0.9)
    /// Rules to skip entirely.
    public var disabledRules: Set<StructureRule> = []

    public init() {}
}
