import Foundation
import WXContent
import WXHTML
import WXStructure
import WXSupport

/// What compiling one post produced. `article` is nil exactly when `diagnostics` holds an error,
/// so nothing with a known problem reaches the network.
public struct CompileResult: Sendable {
    public var article: Article?
    /// The styled HTML, whenever rendering got that far (even with errors), so the structure
    /// checks can still look at it. Made from the written bytes when asked (`ArticleContent`).
    public var content: String? {
        get { writtenContent?.string }
        set { writtenContent = newValue.map(ArticleContent.init) }
    }
    var writtenContent: ArticleContent?
    /// `content`'s length in UTF-8 bytes, without making the string.
    public var contentUTF8Count: Int? { writtenContent?.utf8Count }
    /// `content` as a tree; elements from the post keep their `file:line:col` for the structure
    /// checks to point at.
    public var document: [HTMLNode]? {
        if let documentNodes { return documentNodes }
        guard let content, let elementLocations else { return nil }
        return Self.locate(HTMLParser.parseFragment(content, file: "content").nodes, elementLocations)
    }
    public var diagnostics: [Diagnostic]
    /// Where the title, digest and cover came from (`wxpub check -v`).
    public var provenance = ArticleProvenance()
    /// The DOM when it was built anyway; otherwise `document` parses `content` on demand and
    /// puts back each element's location from these (document order).
    var documentNodes: [HTMLNode]?
    var elementLocations: [SourceLocation?]?

    init(
        article: Article?, content: ArticleContent?, document: [HTMLNode]?, diagnostics: [Diagnostic], elementLocations: [SourceLocation?]? = nil
    ) {
        self.article = article
        self.writtenContent = content
        self.documentNodes = document
        self.diagnostics = diagnostics
        self.elementLocations = elementLocations
    }

    private static func locate(_ nodes: [HTMLNode], _ locations: [SourceLocation?]) -> [HTMLNode] {
        var index = 0
        func walk(_ nodes: [HTMLNode]) -> [HTMLNode] {
            nodes.map { node in
                guard case .element(var element) = node else { return node }
                if index < locations.count { element.location = locations[index] }
                index += 1
                element.children = walk(element.children)
                return .element(element)
            }
        }
        return walk(nodes)
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Compiles posts into WeChat articles: Markdown → DOM → template → inline theme → checks.
/// Pure apart from reading the site's image files; safe to use from several threads.
public struct ArticleCompiler: Sendable {
    public let site: SiteConfig
    public let theme: Theme

    /// Loads the site's theme (falling back to the built-in one file by file).
    /// Throws `DiagnosticError` naming the theme file and line when the theme is broken.
    public init(site: SiteConfig) throws(DiagnosticError) {
        self.init(site: site, theme: try Theme.load(site: site))
    }

    public init(site: SiteConfig, theme: Theme) {
        self.site = site
        self.theme = theme
        siteRootPath = site.root.path
    }

    /// `site.root.path`, read once (URL's `path` is no cheap getter).
    let siteRootPath: String

    /// Image facts shared by every post this compiler compiles.
    let imageDigests = ImageDigestCache()

    /// The structure rules applied to every article.
    public var structure = StructureChecker()

    /// Findings about the theme itself (e.g. a `font-family`, rule 3), reported once per run
    /// rather than once per post; they point at the theme file's line.
    public var themeDiagnostics: [Diagnostic] {
        theme.warnings + structure.checkStylesheet(themeDeclarations) + ThemeRefusals.check(theme.stylesheet)
            + structure.checkDarkMode(themeDeclarations)
    }

    /// The colours the theme writes: the dark-mode check of a post reports only the author's own.
    var themeColours: Set<String> { theme.colours }

    private var themeDeclarations: [ThemeDeclaration] { theme.declarations }

    /// The notes section's title (`footnotes_title`, default 注释).
    var footnotesTitle: String { site.footnotesTitle }

    public func compile(_ post: Post) -> CompileResult {
        let markdown = MarkdownParser.parse(post.body, options: MarkdownOptions(cjkFriendly: site.cjkFriendly))
        return compile(post, document: markdown.root, markdown: markdown)
    }

    /// Compiles a post whose Markdown is already a tree (tests build trees by hand); `markdown`,
    /// when given, is the pass that made it, whose findings (footnote labels, emphasis markers
    /// left literal) are reported with the body's source map.
    func compile(_ post: Post, document: MarkdownNode, markdown: MarkdownDocument? = nil) -> CompileResult {
        var body = WrittenBody(
            post: post, document: document, source: markdown?.source, site: site, siteRootPath: siteRootPath, theme: theme, prefix: theme.bodyPrefix, digests: imageDigests,
            footnotesTitle: footnotesTitle)
        var diagnostics: [Diagnostic] = []
        if let markdown {
            diagnostics += markdown.findings.map { $0.diagnostic(body.sourceMap) }
            if !structure.options.disabledRules.contains(.emphasisMarker) {
                diagnostics += EmphasisMarkers.report(markdown.delimiterRuns, sourceMap: body.sourceMap, cjkFriendly: site.cjkFriendly)
            }
        }
        diagnostics += body.diagnostics
        var checks = ArticleChecks()

        let title = post.title?.value ?? ""
        let titleLocation = post.title?.location ?? post.headerLocation
        checks.title(post.title?.value, at: titleLocation, fromHeading: post.titleSource == .heading)

        let author = post.author?.value ?? site.defaults.author ?? ""
        checks.author(author, at: post.author?.location ?? site.defaults.locations["author"] ?? configLocation)

        let digest: String
        if let given = post.digest {
            digest = given.value
            checks.digest(digest, at: given.location)
        } else {
            digest = String(body.plain.text.prefix(ArticleLimits.defaultDigestCharacters))
        }

        let sourceURL = post.sourceURL?.value.trimming(.whitespaces) ?? ""
        if let located = post.sourceURL, !sourceURL.isEmpty { checks.sourceURL(sourceURL, at: located.location) }

        for image in body.images.images { checks.bodyImage(image) }
        let cover = resolveCover(post, images: &body.images, diagnostics: &diagnostics)
        if let cover { checks.cover(cover) }

        var content: ArticleContent?
        var locations: [SourceLocation?]?
        var styles: StyleEvents?
        let values = ArticleTemplateValues(
            title: title, author: author, digest: digest, account: site.accountName,
            referencesTitle: site.referencesTitle, references: body.references, slug: post.slug,
            frontMatter: post.frontMatter)
        do {
            var written = try theme.write(values: values, bodySize: BodySize(bytes: body.bytes.count, elements: body.locations.count)) { writer, _ in
                writer.styles.append(body.styles, shiftedBy: writer.bytes.count)
                writer.bytes += body.bytes
                writer.locations += body.locations
            }
            if let actual = written.bodyPrefix, actual != theme.bodyPrefix {
                // The template puts the body somewhere else for this post: style it there.
                let again = WrittenBody(
                    post: post, document: document, source: markdown?.source, site: site, siteRootPath: siteRootPath, theme: theme, prefix: actual, digests: imageDigests,
                    footnotesTitle: footnotesTitle)
                written = try theme.write(values: values, bodySize: BodySize(bytes: again.bytes.count, elements: again.locations.count)) { writer, _ in
                    writer.styles.append(again.styles, shiftedBy: writer.bytes.count)
                    writer.bytes += again.bytes
                    writer.locations += again.locations
                }
            }
            let html = ArticleContent(written: written.bytes)
            checks.content(html, textCharacters: body.plain.visibleCount, at: body.sourceMap.bodyStart)
            content = html
            locations = written.locations
            styles = written.styles
            // WeChat's article-structure rules on what the theme does not decide: the template's
            // output and the raw HTML fragments (the theme's own rules are checked once, in
            // `themeDiagnostics`); the Markdown's own findings came with the pass.
            let reparsed = body.deepestNesting > structure.options.maximumNesting
            // Colours the post sets itself (raw HTML) that lose contrast in dark mode. The walk
            // reports only at elements written in the post's file: without raw HTML (or the
            // re-parse below) every element is the template's, and there is nothing to report.
            let checksDarkMode = reparsed || !body.rawFragments.isEmpty || theme.templateFile == post.path
            // Without raw HTML, the template is all there is to check: its shape may already know
            // it finds nothing for these values (found once per shape, not per post).
            if checksDarkMode, !reparsed, theme.templateFile != post.path, let known = written.structureTemplate(structure),
               let found = structure.check(fragments: body.rawFragments, in: known.template, file: post.path, bodyLocation: known.location),
               let dark = structure.checkDarkMode(fragments: body.rawFragments, in: known.template, file: post.path, themeColours: themeColours) {
                // The template was walked once for its shape: only the post's raw HTML is walked, in
                // the context the template gives it.
                diagnostics += found + dark
            } else if checksDarkMode || !written.templateFindsNothing(structure) {
                var checked = Theme.splice(template: written.template, body: body.rawFragments)
                if reparsed {
                    // Markdown nested deep enough for rule 2.1: check every element, as written.
                    checked = CompileResult(article: nil, content: html, document: nil, diagnostics: [], elementLocations: written.locations).document ?? checked
                }
                diagnostics += structure.check(checked, file: post.path)
                if checksDarkMode {
                    diagnostics += structure.checkDarkMode(document: checked, file: post.path, themeColours: themeColours)
                }
            }
        } catch {
            diagnostics += error.diagnostics
        }

        diagnostics += checks.diagnostics
        var result = CompileResult(article: nil, content: content, document: nil, diagnostics: diagnostics, elementLocations: locations)
        result.provenance = ArticleProvenance(
            title: post.titleSource, digest: post.digest != nil ? .frontMatter : .firstText,
            cover: post.cover != nil ? .frontMatter : !body.images.images.isEmpty ? .firstImage : site.defaults.cover != nil ? .defaults : .missing)
        if !result.hasErrors, let content, let cover {
            result.article = Article(
                title: title, author: author, digest: digest, written: content, contentSourceURL: sourceURL,
                needOpenComment: post.comments != .closed, onlyFansCanComment: post.comments == .fans, cover: cover,
                images: body.images.images, references: body.references)
            result.article?.writtenStyles = styles.map(WrittenStyles.init)
        }
        return result
    }

    private var configLocation: SourceLocation { SourceLocation(file: site.configPath, line: 1, column: 1) }

    /// The front matter's cover, else the first body image, else the site's default cover.
    private func resolveCover(_ post: Post, images: inout ImageResolver, diagnostics: inout [Diagnostic]) -> ArticleImage? {
        if let cover = post.cover {
            switch images.resolve(cover.value, at: cover.location) {
            case .success(let image): return image
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                return nil
            }
        }
        if let first = images.images.first { return first }
        if let fallback = site.defaults.cover {
            switch images.resolve(fallback, at: site.defaults.locations["cover"] ?? configLocation, relativeToPost: false) {
            case .success(let image): return image
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                return nil
            }
        }
        diagnostics.append(.error(
            at: post.headerLocation, "the post has no cover image, and WeChat requires one",
            fix: "add `cover:` to the front matter, put an image in the post, or set `defaults: cover:` in \(site.configPath)",
            rule: "limit/cover"))
        return nil
    }
}
