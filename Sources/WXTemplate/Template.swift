import WXSupport

/// A parsed Mustache template in the subset wxpub supports: variables (`{{x}}` escaped,
/// `{{{x}}}` and `{{&x}}` raw), dotted names, the implicit iterator `{{.}}`, sections, inverted
/// sections, comments and partials, with the spec's standalone-line rules. It passes the official
/// spec files for those features. Set-delimiter tags are rejected with an error at their
/// `name:line:col`; lambdas cannot occur because `TemplateValue` holds data only.
public struct Template: Sendable {
    /// The name used in messages, usually the template's path (`templates/article.html`).
    public let name: String
    let nodes: [TemplateNode]

    /// Parses `source`; every error names `name:line:col` and is thrown as a `DiagnosticError`
    /// (rule `theme/template`).
    public static func parse(_ source: String, name: String) throws(DiagnosticError) -> Template {
        var parser = TemplateParser(source, name: name)
        return Template(name: name, nodes: try parser.parse())
    }

    /// Renders with `context` as the bottom of the context stack. Fails (with the tag's location)
    /// when a variable names a list or dictionary, or when partials recurse without end.
    public func render(_ context: TemplateValue, partials: some PartialResolver) throws(DiagnosticError) -> String {
        var renderer = TemplateRenderer(partials: partials)
        var stack = [context]
        try renderer.render(nodes, stack: &stack, indent: "", depth: 0)
        return renderer.output
    }

    /// Renders without partials.
    public func render(_ context: TemplateValue) throws(DiagnosticError) -> String {
        try render(context, partials: NoPartials())
    }
}

/// A name as written: `.` is the implicit iterator (no parts); `a.b` looks up `a`, then `b` in it.
struct TemplateName: Sendable {
    var text: String
    var parts: [String]
}

indirect enum TemplateNode: Sendable {
    case text(String)
    case variable(TemplateName, escaped: Bool, location: SourceLocation)
    case section(TemplateName, inverted: Bool, children: [TemplateNode], location: SourceLocation)
    /// `indent` is set for a standalone partial tag: its indentation, prepended to each line.
    case partial(String, indent: String?, location: SourceLocation)
}
