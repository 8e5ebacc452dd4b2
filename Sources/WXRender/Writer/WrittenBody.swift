import Foundation
import WXContent
import WXHTML
import WXSupport

/// The post's body written in one pass (see `BodyWriter`): its bytes, the locations of its
/// elements, the raw HTML fragments the structure rules still look at, and what was learned on
/// the way (references, images, findings, the reader's text).
struct WrittenBody: Sendable {
    var bytes: [UInt8]
    var locations: [SourceLocation?]
    var styles: StyleEvents
    var rawFragments: [HTMLNode]
    var plain: PlainText
    var references: [Reference]
    var images: ImageResolver
    var diagnostics: [Diagnostic]
    var sourceMap: SourceMap
    var deepestNesting: Int

    /// `source`: the Markdown pass's copy of `post.body`, when there was a pass.
    init(
        post: Post, document: MarkdownNode, source: MarkdownSource? = nil, site: SiteConfig, siteRootPath: String, theme: Theme,
        prefix: [StyleTable.Key], digests: ImageDigestCache, footnotesTitle: String
    ) {
        sourceMap = source.map { SourceMap(file: post.path, source: $0, bodyStartLine: post.bodyStartLine) }
            ?? SourceMap(file: post.path, body: post.body, bodyStartLine: post.bodyStartLine)
        let resolver = ImageResolver(siteRootPath: siteRootPath, postFolderPath: Self.folderPath(of: post), file: post.path, digests: digests)
        var renderer = MarkdownRenderer(sourceMap: sourceMap, images: resolver, cjkSpacing: site.cjkSpacing)
        renderer.codeLineNumbers = site.codeLineNumbers
        var writer = BodyWriter(renderer: renderer, table: theme.styleTable, prefix: prefix, footnotesTitle: footnotesTitle)
        writer.write(document)
        bytes = writer.out.bytes
        locations = writer.out.locations
        styles = writer.out.styles
        rawFragments = writer.rawFragments
        plain = writer.plain
        references = writer.renderer.references.references
        images = writer.renderer.images
        diagnostics = writer.renderer.diagnostics
        deepestNesting = writer.deepestNesting
    }

    /// The folder of the post's file: its absolute path up to the last slash (`.`, `..` and `//`
    /// are resolved with the folder: see `ImageDigestCache.resolvedFolder(path:)`); through URL
    /// for a path that is not absolute.
    static func folderPath(of post: Post) -> String {
        let path = post.filePath
        if path.hasPrefix("/"), !path.hasSuffix("/"), let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")), slash != path.utf8.startIndex {
            return String(path[..<slash])
        }
        return post.fileURL.deletingLastPathComponent().path
    }
}
