import WXSupport

/// A theme that ships inside wxpub, chosen with `theme: NAME` in wxpub.yml. Every built-in theme
/// has the same template and partials (the default's); they differ in `theme.css`. A site's own
/// `templates/` files still override the chosen theme file by file.
public struct BuiltInTheme: Sendable {
    public var name: String
    /// One line for `wxpub themes`.
    public var summary: String
    /// Theme-relative name (`theme.css`, `article.html`, `partials/footer.html`…) → text.
    public var files: [String: String]

    public static let defaultName = "default"

    /// Every built-in theme, the default first.
    public static let all: [BuiltInTheme] = [
        BuiltInTheme(name: defaultName, summary: "clean and neutral: grey rules, blue links, light code blocks", files: DefaultTheme.files),
        BuiltInTheme(name: "magazine", summary: "a warm long read: roomy lines, centred terracotta headings, pull quotes, centred captions",
                     files: DefaultTheme.files.merging(["theme.css": MagazineTheme.css]) { $1 }),
        BuiltInTheme(name: "tech", summary: "technical: dark code blocks, red inline code, compact tables, blue headings",
                     files: DefaultTheme.files.merging(["theme.css": TechTheme.css]) { $1 }),
    ]

    public static func named(_ name: String) -> BuiltInTheme? { all.first { $0.name == name } }

    /// The theme a site's `theme:` names (the default when absent), or an error at that line
    /// naming the built-in themes.
    public static func chosen(_ choice: Located<String>?) throws(DiagnosticError) -> BuiltInTheme {
        guard let choice else { return all[0] }
        if let theme = named(choice.value) { return theme }
        let close = Suggestion.closest(to: choice.value, among: all.map(\.name))
        throw DiagnosticError(.error(
            at: choice.location, "unknown theme `\(choice.value)`" + (close.map { " (did you mean `\($0)`?)" } ?? ""),
            fix: "use one of the built-in themes: " + all.map(\.name).joined(separator: ", ") + " (`wxpub themes` lists them)",
            rule: "theme/name"))
    }
}
