import Foundation
import WXContent
import WXSupport

/// `build/index.html`: the same index `wxpub serve` shows, as a static page linking to each
/// post's `<slug>/index.html`, so the output folder can be browsed or uploaded as a review site.
public enum BuildIndex {
    /// Compiles the site's posts for their states and writes `OUT/index.html` when its bytes
    /// change; returns whether it was (re)written.
    @discardableResult
    public static func write(config: SiteConfig, to outputDirectory: URL, now: Date = Date()) throws -> Bool {
        let posts = PreviewCompiler(config: config).compileAll()
        let html = PreviewPages.index(SiteOverview(config: config, posts: posts, now: now), links: .buildFolder)
        return try AtomicFile.writeIfChanged(Data(html.utf8), to: outputDirectory.appendingPathComponent("index.html"))
    }
}
