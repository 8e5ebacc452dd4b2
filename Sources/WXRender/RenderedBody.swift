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

    init(post: Post, site: SiteConfig, digests: ImageDigestCache = ImageDigestCache()) {
        sourceMap = SourceMap(file: post.path, body: post.body, bodyStartLine: post.bodyStartLine)
        let resolver = ImageResolver(
            siteRoot: site.root, postFolder: post.fileURL.deletingLastPathComponent(), file: post.path, digests: digests)
        var renderer = MarkdownRenderer(sourceMap: sourceMap, images: resolver, cjkSpacing: site.cjkSpacing)
        nodes = renderer.render(CmarkParser.parse(post.body))
        references = renderer.references.references
        images = renderer.images
        diagnostics = renderer.diagnostics
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
