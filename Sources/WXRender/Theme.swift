import Foundation
import WXContent
import WXHTML
import WXStructure
import WXSupport
import WXTemplate

/// The look of every article: `theme.css` is inlined into each element, `article.html` wraps the
/// body, and `partials/*.html` are available to it. A site's `templates/` folder overrides the
/// built-in theme file by file, so a site can change only the CSS, or only the footer.
public struct Theme: Sendable {
    // What the page shapes (`shapes`) are made from is set only here, when the theme is loaded:
    // a change later would leave those shapes stale.
    public private(set) var stylesheet: Stylesheet
    private(set) var article: Template
    private(set) var partials: [String: Template]

    /// The theme files in use and where each came from (`templates/theme.css` or
    /// `(built-in)/theme.css`), for messages and `wxpub init`.
    public var sources: [String: String]

    /// Declarations removed from the theme because WeChat would not keep them (`CSSSafety`), each
    /// a warning at its line in the theme file.
    public var warnings: [Diagnostic] = []

    /// The colours the theme writes (`color`, `background…`), for the dark-mode check of posts
    /// to report only the author's own; computed once.
    public var colours: Set<String> = []

    /// Every declaration with its selector and line, for the structure and dark-mode checks.
    public var declarations: [ThemeDeclaration] {
        stylesheet.rules.flatMap { rule in
            rule.declarations.map { d in
                ThemeDeclaration(
                    selector: rule.selectors.map(\.text).joined(separator: ", "), property: d.property, value: d.value,
                    important: d.important, location: d.location ?? rule.location)
            }
        }
    }

    /// The theme's CSS compiled for the renderer's elements, shared by every post of the run.
    public private(set) var styleTable: StyleTable

    /// The rendered template's parsed pages, shared by every post of the run.
    let pages = TemplatePages()

    /// The file the template's elements are located in (partials' included).
    var templateFile: String { sources["article.html"] ?? "article.html" }

    /// The template's shapes, shared by every post of the run (`TemplateShape`); made from the
    /// template, partials and style table the theme was made with.
    let shapes = TemplateShapes()

    /// False when a theme file holds a placeholder delimiter: every post takes the ordinary path.
    var shapeable = true

    /// The template's elements above `{{{body}}}` (root first), the context the body is styled in.
    var bodyPrefix: [StyleTable.Key] = []

    /// The built-in theme's files by theme-relative name (`theme.css`, `article.html`,
    /// `partials/footer.html`…), for `wxpub init` to scaffold a site with.
    public static var builtInFiles: [String: String] { DefaultTheme.files }

    /// The built-in theme, as in the repo's `templates/`.
    public static func builtIn() throws(DiagnosticError) -> Theme {
        try make(files: DefaultTheme.files.mapValues { ($0, "(built-in)") })
    }

    /// A built-in theme as it ships (`wxpub themes` previews each).
    public static func builtIn(_ theme: BuiltInTheme) throws(DiagnosticError) -> Theme {
        try make(files: theme.files.mapValues { ($0, "(built-in \(theme.name))") })
    }

    /// The site's `templates/` files over the built-in theme it names (`theme:`, default `default`).
    public static func load(site: SiteConfig) throws(DiagnosticError) -> Theme {
        let base = try BuiltInTheme.chosen(site.theme)
        var files = base.files.mapValues { ($0, base.name == BuiltInTheme.defaultName ? "(built-in)" : "(built-in \(base.name))") }
        let folder = site.root.appendingPathComponent(site.templatesDirectory)
        var problems: [Diagnostic] = []
        for name in siteFiles(in: folder) {
            let url = folder.appendingPathComponent(name)
            let display = (site.templatesDirectory as NSString).appendingPathComponent(name)
            let start = SourceLocation(file: display, line: 1, column: 1)
            // The image rule for theme files: a link out of the site is never read.
            guard SiteContainment.verdict(for: url, root: site.root) != .outside else {
                problems.append(.error(
                    at: start, "\(display) is a symbolic link to a file outside the site; wxpub reads only theme files inside the site",
                    fix: "replace the link with a copy of the file, or delete it to use the built-in \(name)", rule: "theme/outside-site"))
                continue
            }
            do {
                files[name] = (try String(contentsOf: url, encoding: .utf8), site.templatesDirectory)
            } catch {
                problems.append(.error(at: start, "cannot read the theme file: \(error.localizedDescription)", rule: "theme/file"))
            }
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return try make(files: files)
    }

    /// `theme.css`, `article.html` and `partials/*.html` in the site's folder.
    private static func siteFiles(in folder: URL) -> [String] {
        var names: [String] = []
        let manager = FileManager.default
        for name in ["theme.css", "article.html"] where manager.fileExists(atPath: folder.appendingPathComponent(name).path) {
            names.append(name)
        }
        let partials = folder.appendingPathComponent("partials")
        if let entries = try? manager.contentsOfDirectory(atPath: partials.path) {
            for entry in entries.sorted() where entry.hasSuffix(".html") { names.append("partials/" + entry) }
        }
        return names
    }

    /// `files`: theme-relative name → (text, folder shown in messages).
    static func make(files: [String: (String, String)]) throws(DiagnosticError) -> Theme {
        var diagnostics: [Diagnostic] = []
        func display(_ name: String) -> String {
            (files[name]!.1 as NSString).appendingPathComponent(name)
        }
        var stylesheet: Stylesheet?
        do {
            stylesheet = try Stylesheet.parse(files["theme.css"]!.0, file: display("theme.css"))
        } catch {
            diagnostics += error.diagnostics
        }
        var article: Template?
        var partials: [String: Template] = [:]
        for name in files.keys.sorted() where name.hasSuffix(".html") {
            do {
                let template = try Template.parse(files[name]!.0, name: display(name))
                if name == "article.html" {
                    article = template
                } else if name.hasPrefix("partials/") {
                    partials[String(name.dropFirst("partials/".count).dropLast(".html".count))] = template
                }
            } catch {
                diagnostics += error.diagnostics
            }
        }
        guard diagnostics.isEmpty, var stylesheet, let article else { throw DiagnosticError(diagnostics) }
        let warnings = filterUnsafeDeclarations(&stylesheet)
        var theme = Theme(
            stylesheet: stylesheet, article: article, partials: partials,
            sources: Dictionary(uniqueKeysWithValues: files.keys.map { ($0, display($0)) }),
            styleTable: StyleTable(stylesheet: stylesheet))
        let empty = ArticleTemplateValues(
            title: "", author: "", digest: "", account: "", referencesTitle: "", references: [], slug: "", frontMatter: [:])
        if let page = try? theme.page(empty) { theme.bodyPrefix = Self.markerAncestors(page) ?? [] }
        theme.warnings = warnings
        theme.shapeable = !files.contains { $0.key.hasSuffix(".html") && TemplateShape.hasDelimiter($0.value.0) }
        theme.colours = StructureChecker.themeColours(theme.declarations)
        return theme
    }

    /// Removes the declarations `CSSSafety` refuses; one warning each, at its line.
    private static func filterUnsafeDeclarations(_ stylesheet: inout Stylesheet) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for index in stylesheet.rules.indices {
            let ruleLocation = stylesheet.rules[index].location
            stylesheet.rules[index].declarations.removeAll { declaration in
                guard let reason = CSSSafety.reasonToDrop(declaration) else { return false }
                warnings.append(.warning(
                    at: declaration.location ?? ruleLocation,
                    "removed `\(declaration.description.prefix(80))` from the theme: \(reason)",
                    fix: "delete the declaration from the theme", rule: "theme/unsafe-css"))
                return true
            }
        }
        return warnings
    }

    /// The template rendered and parsed, layout white space and comments removed.
    private func page(_ values: ArticleTemplateValues) throws(DiagnosticError) -> [HTMLNode] {
        let wrapped = try article.render(values.templateValue(bodyMarker: Self.bodyMarker), partials: partials)
        // Most templates render the same for every post (or for many): parse each distinct page once.
        if let known = pages.nodes(for: wrapped) { return known }
        let nodes = Self.trimLayoutWhitespace(HTMLParser.parseFragment(wrapped, file: sources["article.html"] ?? "article.html").nodes)
        pages.remember(nodes, for: wrapped)
        return nodes
    }

    static func keys(_ elements: [HTMLElement]) -> [StyleTable.Key] {
        elements.map { StyleTable.Key($0.tag, $0[attribute: "class"]) }
    }

    private static func markerAncestors(_ nodes: [HTMLNode], above: [HTMLElement] = []) -> [StyleTable.Key]? {
        for case .element(let element) in nodes {
            if element[attribute: bodyMarkerAttribute] != nil { return keys(above) }
            if let found = markerAncestors(element.children, above: above + [element]) { return found }
        }
        return nil
    }

    /// The article: the template's elements styled from the style table (and their own `style`),
    /// `body` written where `{{{body}}}` stands. Returns the HTML, the template as styled nodes
    /// (the body marker element still in place, for the structure rules), the locations of every
    /// element in document order, and the context the body was actually written in.
    /// `bodySize`: about how much `body` writes (the page is allocated at its size).
    func write(
        values: ArticleTemplateValues, bodySize: BodySize = BodySize(), body: (inout HTMLWriter, [StyleTable.Key]) -> Void
    ) throws(DiagnosticError) -> WrittenArticle {
        if let shaped = writeShaped(values: values, bodySize: bodySize, body: body) { return shaped }
        return try writeParsed(values: values, body: body)
    }

    /// `write` through the template's shape: nil when this post's values or the shape cannot be
    /// filled in exactly (the ordinary path then decides, errors included). `body` gets a writer
    /// holding the page so far and may only append to its bytes and locations.
    func writeShaped(
        values: ArticleTemplateValues, bodySize: BodySize = BodySize(), body: (inout HTMLWriter, [StyleTable.Key]) -> Void
    ) -> WrittenArticle? {
        guard shapeable else { return nil }
        var key = TemplateShapeKeyBuilder()
        values.build(bodyMarker: Self.bodyMarker, ordered: true, into: &key)
        let held = key.held
        guard key.clean, !held.isEmpty else { return nil }
        // Rendering depends on nothing but the values: the values with placeholders name the shape
        // (their key stands for them; they are made only to render a shape not seen before), and
        // so does the page they render.
        let render = { () -> String? in
            var again: [String] = []
            var clean = true
            let value = values.templateValue(bodyMarker: Self.bodyMarker, ordered: true) { TemplateShape.hold($0, &again, clean: &clean) }
            return try? article.render(value, partials: partials)
        }
        let shape = shapes.shape(for: key.key, render: render) { rendered in
            let nodes = Self.trimLayoutWhitespace(HTMLParser.parseFragment(rendered, file: sources["article.html"] ?? "article.html").nodes)
            return TemplateShape.make(rendered: rendered, nodes: nodes, count: held.count, table: styleTable)
        }
        guard let shape, !shape.bodyKeys.isEmpty, shape.accepts(held) else { return nil }
        return shape.write(held, bodySize: bodySize, body: body, table: styleTable)
    }

    /// `write` by rendering, parsing and styling this post's page.
    func writeParsed(
        values: ArticleTemplateValues, body: (inout HTMLWriter, [StyleTable.Key]) -> Void
    ) throws(DiagnosticError) -> WrittenArticle {
        let nodes = try page(values)
        var writer = HTMLWriter(table: styleTable, prefix: [])
        var prefix: [StyleTable.Key]?
        let styled = writer.write(dom: nodes, ancestors: [], inherited: StyleTable.rootInherited) { w, above in
            let keys = Self.keys(above)
            if prefix == nil { prefix = keys }
            body(&w, keys)
        }
        guard prefix != nil else {
            throw DiagnosticError(.error(
                at: SourceLocation(file: sources["article.html"] ?? "article.html", line: 1, column: 1),
                "the article template never writes the post: {{{body}}} is missing", fix: "add {{{body}}} where the post belongs",
                rule: "theme/template"))
        }
        return WrittenArticle(
            bytes: writer.bytes, template: styled, locations: writer.locations, styles: writer.styles,
            bodyPrefix: prefix)
    }

    /// The template's styled nodes with the marker replaced by `body` (raw HTML fragments).
    static func splice(template: [HTMLNode], body: [HTMLNode]) -> [HTMLNode] {
        var found = false
        return splice(template, body: body, found: &found)
    }

    /// Wraps the body in `article.html` and inlines the theme: the article's DOM (body elements
    /// keep their post locations) and its serialized `content`.
    func render(body: [HTMLNode], values: ArticleTemplateValues) throws(DiagnosticError) -> (document: [HTMLNode], html: String) {
        let wrapped = try article.render(values.templateValue(bodyMarker: Self.bodyMarker), partials: partials)
        let page = HTMLParser.parseFragment(wrapped, file: sources["article.html"] ?? "article.html").nodes
        var found = false
        let spliced = Self.splice(Self.trimLayoutWhitespace(page), body: body, found: &found)
        guard found else {
            throw DiagnosticError(.error(
                at: SourceLocation(file: sources["article.html"] ?? "article.html", line: 1, column: 1),
                "the article template never writes the post: {{{body}}} is missing", fix: "add {{{body}}} where the post belongs",
                rule: "theme/template"))
        }
        let document = stylesheet.inline(into: spliced)
        return (document, HTMLSerializer.serialize(document))
    }

    static let bodyMarkerAttribute = "data-wxpub-body"
    static let bodyMarker = "<section \(bodyMarkerAttribute)=\"\"></section>"

    /// Replaces the marker element with the body's nodes.
    private static func splice(_ nodes: [HTMLNode], body: [HTMLNode], found: inout Bool) -> [HTMLNode] {
        var out: [HTMLNode] = []
        for node in nodes {
            guard case .element(var element) = node else {
                out.append(node)
                continue
            }
            if element[attribute: bodyMarkerAttribute] != nil {
                found = true
                out += body
                continue
            }
            element.children = splice(element.children, body: body, found: &found)
            out.append(.element(element))
        }
        return out
    }

    /// Template line breaks between block elements are layout, not text.
    private static let blockContainers: Set<String> = [
        "section", "blockquote", "ul", "ol", "table", "thead", "tbody", "tr", "figure",
    ]

    private static func trimLayoutWhitespace(_ nodes: [HTMLNode], inBlock: Bool = true) -> [HTMLNode] {
        nodes.compactMap { node in
            switch node {
            case .text(let text) where inBlock && text.allSatisfy(\.isWhitespace): return nil
            case .comment: return nil
            case .element(var element):
                element.children = trimLayoutWhitespace(element.children, inBlock: blockContainers.contains(element.tag))
                return .element(element)
            default: return node
            }
        }
    }
}

/// The article as `Theme.write` wrote it: the HTML, the template as styled nodes (the body marker
/// element still in place, for the structure rules), the locations of every element in document
/// order, and the context the body was actually written in.
struct WrittenArticle {
    /// The HTML's UTF-8 as written (valid: see `ArticleContent`).
    var bytes: [UInt8]
    var html: String { String(decoding: bytes, as: UTF8.self) }
    var locations: [SourceLocation?]
    /// The `style` values written, with their nesting (the preview page's dark-mode table).
    var styles: StyleEvents
    var bodyPrefix: [StyleTable.Key]?
    /// The template's nodes when they were made; else the shape and values that make them.
    private var nodes: [HTMLNode]?
    private var shaped: (shape: TemplateShape, held: [String])?

    init(bytes: [UInt8], template: [HTMLNode], locations: [SourceLocation?], styles: StyleEvents, bodyPrefix: [StyleTable.Key]?) {
        self.bytes = bytes
        self.nodes = template
        self.locations = locations
        self.styles = styles
        self.bodyPrefix = bodyPrefix
    }

    init(bytes: [UInt8], shaped: (shape: TemplateShape, held: [String]), locations: [SourceLocation?], styles: StyleEvents, bodyPrefix: [StyleTable.Key]?) {
        self.bytes = bytes
        self.shaped = shaped
        self.locations = locations
        self.styles = styles
        self.bodyPrefix = bodyPrefix
    }

    /// The template as styled nodes: filled in from the shape when asked (only the structure
    /// checks ask, and not when the shape is known to find nothing).
    var template: [HTMLNode] { nodes ?? shaped.map { $0.shape.filled($0.held) } ?? [] }

    /// True when the template by itself gives no structure finding under `checker`, known
    /// without filling it in (`TemplateShape.findsNothing`); false when not known.
    func templateFindsNothing(_ checker: StructureChecker) -> Bool {
        guard let shaped else { return false }
        return shaped.shape.findsNothing(checker, held: shaped.held)
    }

    /// The template as `checker` sees it, with where its locations moved to in this page; known
    /// once per shape (`TemplateShape.structure`), nil when not known.
    func structureTemplate(_ checker: StructureChecker) -> (template: StructureTemplate, location: (SourceLocation) -> SourceLocation)? {
        guard let shaped, let template = shaped.shape.structure(checker, held: shaped.held) else { return nil }
        return (template, { shaped.shape.location($0, held: shaped.held) })
    }
}

/// Everything `article.html` and its partials can show.
struct ArticleTemplateValues: Sendable {
    var title: String
    var author: String
    var digest: String
    var account: String
    var referencesTitle: String
    var references: [Reference]
    var slug: String
    var frontMatter: [String: YAMLNode]
}

extension ArticleTemplateValues {
    /// `{{title}}`, `{{author}}`, `{{digest}}`, `{{account}}`, `{{slug}}`, `{{{body}}}`,
    /// `{{references_title}}`, `{{#has_references}}`, `{{#references}}{{number}} {{text}} {{label}} {{url}}{{/references}}`
    /// (`label` is the text, or empty when the text is the URL itself),
    /// and every front matter key under `{{page.KEY}}`.
    func templateValue(bodyMarker: String) -> TemplateValue {
        templateValue(bodyMarker: bodyMarker, ordered: false) { .string($0) }
    }

    /// The values with each string (but the body marker) made by `string`, called in a fixed order
    /// when `ordered` (front matter keys sorted: a dictionary's order differs between instances).
    func templateValue(bodyMarker: String, ordered: Bool, string: (String) -> TemplateValue) -> TemplateValue {
        withoutActuallyEscaping(string) { string in
            var builder = TemplateValueMaker(make: string)
            return build(bodyMarker: bodyMarker, ordered: ordered, into: &builder)
        }
    }

    /// The values as `builder` makes them: the one walk behind `templateValue` and the template
    /// shape's key (`TemplateShapeKey`), so both see the strings in the same order.
    func build<Builder: TemplateValueBuilder>(bodyMarker: String, ordered: Bool, into builder: inout Builder) -> Builder.Value {
        var page: [(key: String, value: Builder.Value)] = []
        page.reserveCapacity(frontMatter.count)
        if ordered && frontMatter.count > 1 {
            for key in frontMatter.keys.sorted() { page.append((key, Self.value(frontMatter[key]!, into: &builder))) }
        } else {
            for (key, node) in frontMatter { page.append((key, Self.value(node, into: &builder))) }
        }
        let pageValue = builder.dictionary(page)
        var items: [Builder.Value] = []
        items.reserveCapacity(references.count)
        let strings = (title: builder.string(title), author: builder.string(author), digest: builder.string(digest),
                       account: builder.string(account), slug: builder.string(slug), body: builder.literal(bodyMarker),
                       referencesTitle: builder.string(referencesTitle), hasReferences: builder.bool(!references.isEmpty))
        for reference in references {
            let entries: [(key: String, value: Builder.Value)] = [
                ("number", builder.number(Double(reference.number))), ("text", builder.string(reference.text)),
                ("url", builder.string(reference.url)),
                // An autolink's text is its URL: say it once.
                ("label", builder.string(reference.text == reference.url ? "" : reference.text)),
            ]
            items.append(builder.dictionary(entries))
        }
        let list = builder.list(items)
        let top: [(key: String, value: Builder.Value)] = [
            ("title", strings.title), ("author", strings.author), ("digest", strings.digest), ("account", strings.account),
            ("slug", strings.slug), ("body", strings.body), ("references_title", strings.referencesTitle),
            ("has_references", strings.hasReferences), ("references", list), ("page", pageValue),
        ]
        return builder.dictionary(top)
    }

    /// `String(format: "%0<width>d", n)` without Foundation's formatter (it was half the cost of
    /// a post's template values): zero-padded to `width` characters, the sign counted in them.
    static func padded(_ n: Int, _ width: Int) -> String {
        let digits = String(n.magnitude)
        let sign = n < 0 ? "-" : ""
        let zeros = max(0, width - sign.count - digits.count)
        return sign + String(repeating: "0", count: zeros) + digits
    }

    static func value(_ node: YAMLNode) -> TemplateValue {
        value(node, string: { .string($0) })
    }

    static func value(_ node: YAMLNode, string: (String) -> TemplateValue) -> TemplateValue {
        withoutActuallyEscaping(string) { string in
            var builder = TemplateValueMaker(make: string)
            return value(node, into: &builder)
        }
    }

    static func value<Builder: TemplateValueBuilder>(_ node: YAMLNode, into builder: inout Builder) -> Builder.Value {
        switch node.value {
        case .null: return builder.null()
        case .bool(let b): return builder.bool(b)
        case .int(let i): return builder.number(Double(i))
        case .float(let f): return builder.number(f)
        case .string(let s): return builder.string(s)
        case .date(let y, let m, let d): return builder.string(padded(y, 4) + "-" + padded(m, 2) + "-" + padded(d, 2))
        case .dateTime(let t):
            return builder.string(
                padded(t.year, 4) + "-" + padded(t.month, 2) + "-" + padded(t.day, 2) + " " + padded(t.hour, 2) + ":"
                    + padded(t.minute, 2) + ":" + padded(t.second, 2))
        case .sequence(let items):
            var values: [Builder.Value] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(value(item, into: &builder)) }
            return builder.list(values)
        case .mapping(let entries):
            var out: [(key: String, value: Builder.Value)] = []
            for entry in entries {
                if case .string(let key) = entry.key.value { out.append((key, value(entry.value, into: &builder))) }
            }
            return builder.dictionary(out)
        }
    }
}

/// What the walk over a post's template values (`ArticleTemplateValues.build`) makes of each
/// value; called in the walk's order, children before their list or dictionary.
protocol TemplateValueBuilder {
    associatedtype Value
    /// A post's string (`TemplateShape` may hold it out).
    mutating func string(_ text: String) -> Value
    /// A string that is the same for every post (the body marker).
    mutating func literal(_ text: String) -> Value
    mutating func number(_ number: Double) -> Value
    mutating func bool(_ value: Bool) -> Value
    mutating func null() -> Value
    mutating func list(_ items: [Value]) -> Value
    /// Entries in order; a later entry with the same key replaces an earlier one.
    mutating func dictionary(_ entries: [(key: String, value: Value)]) -> Value
}

/// Makes the `TemplateValue` the template renders, each post string made by `make`.
struct TemplateValueMaker: TemplateValueBuilder {
    let make: (String) -> TemplateValue

    mutating func string(_ text: String) -> TemplateValue { make(text) }
    mutating func literal(_ text: String) -> TemplateValue { .string(text) }
    mutating func number(_ number: Double) -> TemplateValue { .number(number) }
    mutating func bool(_ value: Bool) -> TemplateValue { .bool(value) }
    mutating func null() -> TemplateValue { .null }
    mutating func list(_ items: [TemplateValue]) -> TemplateValue { .list(items) }
    mutating func dictionary(_ entries: [(key: String, value: TemplateValue)]) -> TemplateValue {
        var out: [String: TemplateValue] = [:]
        out.reserveCapacity(entries.count)
        for entry in entries { out[entry.key] = entry.value }
        return .dictionary(out)
    }
}

/// Parsed template pages by their rendered text (the parse depends on nothing else), at most
/// `limit` of them: a template that shows per-post values renders a new page for each post.
final class TemplatePages: @unchecked Sendable {
    private let lock = NSLock()
    private var parsed: [String: [HTMLNode]] = [:]
    private let limit = 16

    func nodes(for text: String) -> [HTMLNode]? {
        lock.lock()
        defer { lock.unlock() }
        return parsed[text]
    }

    func remember(_ nodes: [HTMLNode], for text: String) {
        lock.lock()
        defer { lock.unlock() }
        if parsed.count < limit { parsed[text] = nodes }
    }
}
