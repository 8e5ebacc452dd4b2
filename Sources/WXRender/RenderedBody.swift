import Foundation
import WXContent
import WXHTML
import WXSupport

/// The post's Markdown turned into the body DOM (theme classes, not yet styled), with the
/// references, images and findings collected on the way.
struct RenderedBody: Sendable {
    var nodes: [HTMLNode]
    var references: [Reference]
    var images: ImageResolver
    var diagnostics: [Diagnostic]
    var sourceMap: SourceMap

    /// `emphasisWarnings`: report `**`/`__` left literal (rule `markdown/emphasis`, unless disabled).
    init(post: Post, site: SiteConfig, digests: ImageDigestCache = ImageDigestCache(), emphasisWarnings: Bool = true) {
        sourceMap = SourceMap(file: post.path, body: post.body, bodyStartLine: post.bodyStartLine)
        let resolver = ImageResolver(
            siteRoot: site.root, postFolder: post.fileURL.deletingLastPathComponent(), file: post.path, digests: digests)
        var renderer = MarkdownRenderer(sourceMap: sourceMap, images: resolver, cjkSpacing: site.cjkSpacing)
        let markdown = MarkdownParser.parse(post.body, options: MarkdownOptions(cjkFriendly: site.cjkFriendly))
        nodes = renderer.render(markdown.root)
        references = renderer.references.references
        images = renderer.images
        let map = sourceMap
        diagnostics = renderer.diagnostics + markdown.findings.map { $0.diagnostic(map) }
        if emphasisWarnings {
            diagnostics += EmphasisMarkers.report(markdown.delimiterRuns, sourceMap: sourceMap, cjkFriendly: site.cjkFriendly)
        }
    }

    /// The text a reader sees, whitespace collapsed: the default digest's source.
    var plainText: String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in HTMLText.plain(nodes).unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            out.append(scalar)
        }
        return String(out)
    }
}
