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
    /// checks can still look at it.
    public var content: String?
    /// `content` as a tree; elements from the post keep their `file:line:col` for the structure
    /// checks to point at.
    public var document: [HTMLNode]?
    public var diagnostics: [Diagnostic]
    /// Where the title, digest and cover came from (`wxpub check -v`).
    public var provenance = ArticleProvenance()

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
    }

    /// Image facts shared by every post this compiler compiles.
    let imageDigests = ImageDigestCache()

    /// The structure rules applied to every article.
    public var structure = StructureChecker()

    /// Findings about the theme itself (e.g. a `font-family`, rule 3), reported once per run
    /// rather than once per post; they point at the theme file's line.
    public var themeDiagnostics: [Diagnostic] {
        theme.warnings + structure.checkStylesheet(themeDeclarations) + structure.checkDarkMode(themeDeclarations)
    }

    /// The colours the theme writes: the dark-mode check of a post reports only the author's own.
    var themeColours: Set<String> { StructureChecker.themeColours(themeDeclarations) }

    private var themeDeclarations: [ThemeDeclaration] {
        theme.stylesheet.rules.flatMap { rule in
            rule.declarations.map { d in
                ThemeDeclaration(
                    selector: rule.selectors.map(\.text).joined(separator: ", "), property: d.property, value: d.value,
                    important: d.important, location: d.location ?? rule.location)
            }
        }
    }

    public func compile(_ post: Post) -> CompileResult {
        var body = RenderedBody(
            post: post, site: site, digests: imageDigests,
            emphasisWarnings: !structure.options.disabledRules.contains(.emphasisMarker))
        var diagnostics = body.diagnostics
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
            digest = String(body.plainText.prefix(ArticleLimits.defaultDigestCharacters))
        }

        let sourceURL = post.sourceURL?.value.trimmingCharacters(in: .whitespaces) ?? ""
        if let located = post.sourceURL, !sourceURL.isEmpty { checks.sourceURL(sourceURL, at: located.location) }

        for image in body.images.images { checks.bodyImage(image) }
        let cover = resolveCover(post, body: &body, diagnostics: &diagnostics)
        if let cover { checks.cover(cover) }

        var content: String?
        var document: [HTMLNode]?
        do {
            let (nodes, html) = try theme.render(
                body: body.nodes,
                values: ArticleTemplateValues(
                    title: title, author: author, digest: digest, account: site.accountName,
                    referencesTitle: site.referencesTitle, references: body.references, slug: post.slug,
                    frontMatter: post.frontMatter))
            checks.content(html, at: body.sourceMap.bodyStart)
            content = html
            document = nodes
            // WeChat's article-structure rules on the final HTML (the Markdown's own findings,
            // such as literal `**`, came with the body).
            diagnostics += structure.check(nodes, file: post.path)
            diagnostics += structure.checkDarkMode(document: nodes, file: post.path, themeColours: themeColours)
        } catch {
            diagnostics += error.diagnostics
        }

        diagnostics += checks.diagnostics
        var result = CompileResult(article: nil, content: content, document: document, diagnostics: diagnostics)
        result.provenance = ArticleProvenance(
            title: post.titleSource, digest: post.digest != nil ? .frontMatter : .firstText,
            cover: post.cover != nil ? .frontMatter : !body.images.images.isEmpty ? .firstImage : site.defaults.cover != nil ? .defaults : .missing)
        if !result.hasErrors, let content, let cover {
            result.article = Article(
                title: title, author: author, digest: digest, content: content, contentSourceURL: sourceURL,
                needOpenComment: post.comments != .closed, onlyFansCanComment: post.comments == .fans, cover: cover,
                images: body.images.images, references: body.references)
        }
        return result
    }

    private var configLocation: SourceLocation { SourceLocation(file: site.configPath, line: 1, column: 1) }

    /// The front matter's cover, else the first body image, else the site's default cover.
    private func resolveCover(_ post: Post, body: inout RenderedBody, diagnostics: inout [Diagnostic]) -> ArticleImage? {
        if let cover = post.cover {
            switch body.images.resolve(cover.value, at: cover.location) {
            case .success(let image): return image
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                return nil
            }
        }
        if let first = body.images.images.first { return first }
        if let fallback = site.defaults.cover {
            switch body.images.resolve(fallback, at: site.defaults.locations["cover"] ?? configLocation, relativeToPost: false) {
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
