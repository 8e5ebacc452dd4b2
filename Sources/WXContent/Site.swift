import Foundation
import WXSupport

/// A site on disk: its config and the Markdown files under its content folder.
public struct Site: Sendable {
    public var config: SiteConfig

    public init(config: SiteConfig) { self.config = config }

    /// Finds the site root: the nearest folder at or above `start` holding `wxpub.yml`.
    public static func findRoot(from start: URL) -> URL? {
        var dir = start.standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(SiteConfig.fileName).path) { return dir }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }

    /// Site-relative paths of every post (`.md`, `.markdown`) under the content folder, sorted,
    /// skipping hidden files and folders and names starting with `_` (Jekyll's convention for partials and drafts folders is explicit `draft: true` here).
    public func postPaths() -> [String] {
        let base = config.root.appendingPathComponent(config.contentDirectory)
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [] }
        var paths: [String] = []
        let rootPath = config.root.standardizedFileURL.path
        // The enumerator's URLs are the folder's path plus plain names (never `.`, `..` or empty), so
        // the folder is standardised once and the names appended as text; URL's standardising per
        // file cost more than the rest of the listing.
        let basePath = base.path.hasSuffix("/") ? base.path : base.path + "/"
        let standardBase = base.standardizedFileURL.path
        let standardBasePath = standardBase.hasSuffix("/") ? standardBase : standardBase + "/"
        for case let url as URL in enumerator {
            let ext = url.pathExtension.lowercased()
            guard ext == "md" || ext == "markdown" else { continue }
            let path = url.path
            let full = path.hasPrefix(basePath) ? standardBasePath + path.dropFirst(basePath.count) : url.standardizedFileURL.path
            guard full.hasPrefix(rootPath + "/") else { continue }
            paths.append(String(full.dropFirst(rootPath.count + 1)))
        }
        return paths.sorted()
    }

    /// Loads posts one at a time, so memory does not grow with the size of the site.
    public func forEachPost(_ body: (PostLoader.Result) throws -> Void) rethrows {
        let loader = PostLoader(site: config)
        for path in postPaths() { try body(loader.load(path: path)) }
    }
}
