import Foundation
import WXContent
import WXSupport

/// `wxpub themes`: the site's posts built once in each built-in theme, as `wxpub build` would
/// build them, into `OUT/<theme>/<slug>/`, with `OUT/index.html` linking them all — so an
/// author can compare the looks on their own writing before choosing one with `theme:`.
/// The built-in theme's files are used as they ship: the site's own `templates/` are ignored.
public struct ThemePreviews: Sendable {
    public struct Written: Sendable {
        public var theme: BuiltInTheme
        /// Slug and title of each post written.
        public var posts: [(slug: String, title: String)]
        /// Posts skipped because they have errors (`wxpub check` shows them).
        public var skipped: Int
    }

    public let site: SiteConfig
    public let outputDirectory: URL

    public init(site: SiteConfig, outputDirectory: URL) {
        self.site = site
        self.outputDirectory = outputDirectory.standardizedFileURL
    }

    public func write(themes: [BuiltInTheme] = BuiltInTheme.all) throws -> [Written] {
        var result: [Written] = []
        let paths = Site(config: site).postPaths()
        let loader = PostLoader(site: site)
        for builtIn in themes {
            let compiler = ArticleCompiler(site: site, theme: try Theme.builtIn(builtIn))
            let writer = BuildWriter(outputDirectory: outputDirectory.appendingPathComponent(builtIn.name), siteRoot: site.root)
            var written = Written(theme: builtIn, posts: [], skipped: 0)
            for path in paths {
                guard let post = loader.load(path: path).post, let article = compiler.compile(post).article else {
                    written.skipped += 1
                    continue
                }
                try writer.write(article, slug: post.slug)
                written.posts.append((post.slug, article.title))
            }
            result.append(written)
        }
        try AtomicFile.writeIfChanged(Data(Self.index(result).utf8), to: outputDirectory.appendingPathComponent("index.html"))
        return result
    }

    /// One section per theme with its description and links to its previews.
    static func index(_ written: [Written]) -> String {
        let escape = PreviewPage.escape
        var html = PreviewPage.documentHead(
            title: "wxpub themes",
            style: "<style>body { max-width: 720px; margin: 24px auto; padding: 0 16px; line-height: 1.6; } h2 { margin-bottom: 4px; } p { color: #555; margin-top: 0; }</style>")
            + """
            <body>
            <h1>Built-in themes</h1>
            <p>Choose one with <code>theme: NAME</code> in wxpub.yml; files in your <code>templates/</code> still override it file by file.</p>

            """
        for entry in written {
            html += "<h2>\(escape(entry.theme.name))</h2>\n<p>\(escape(entry.theme.summary))</p>\n<ul>\n"
            for post in entry.posts {
                html += "<li><a href=\"\(escape(entry.theme.name))/\(escape(post.slug))/index.html\">\(escape(post.title))</a></li>\n"
            }
            html += "</ul>\n"
        }
        return html + "</body>\n</html>\n"
    }
}
