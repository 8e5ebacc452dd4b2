import Foundation
import WXContent
import WXRender
import WXSupport

/// `build/index.html`: the same index `wxpub serve` shows, as a static page linking to each
/// post's `<slug>/index.html`, so the output folder can be browsed or uploaded as a review site.
public enum BuildIndex {
    /// Compiles the site's posts for their states and writes `OUT/index.html` when its bytes
    /// change; returns whether it was (re)written.
    @discardableResult
    public static func write(config: SiteConfig, to outputDirectory: URL, now: Date = Date()) throws -> Bool {
        try write(config: config, to: outputDirectory, compiled: [:], now: now)
    }

    /// Like `write(config:to:now:)`, with the posts the build already compiled (by path, from
    /// `PreviewedPost(item:)`): only the site's other posts are compiled here. `paths` are the
    /// site's posts in file order when the caller has listed them already (a build of every post),
    /// so the folder is not read again at the end of the build.
    @discardableResult
    public static func write(
        config: SiteConfig, to outputDirectory: URL, paths: [String]? = nil, compiled: [String: PreviewedPost], now: Date = Date()
    ) throws -> Bool {
        var compiler: PreviewCompiler?
        let posts = (paths ?? Site(config: config).postPaths()).map { path -> PreviewedPost in
            if let post = compiled[path] { return post }
            if compiler == nil { compiler = PreviewCompiler(config: config) }
            return compiler!.compile(path: path)
        }
        var html = PreviewPages.index(SiteOverview(config: config, posts: posts, now: now), links: .buildFolder)
        // The page's bytes are written from the string itself: a copy into `Data` was another half
        // a megabyte at a thousand posts. Like the rest of the build output, it is not fsynced.
        return try html.withUTF8 { bytes in
            try BuildWriter.writeOutputFile(UnsafeRawBufferPointer(bytes), to: outputDirectory.appendingPathComponent("index.html"))
        }
    }
}
