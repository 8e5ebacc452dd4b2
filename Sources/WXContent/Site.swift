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

    /// Site-relative paths of every post (`.md`, `.markdown`, any case) under the content folder,
    /// sorted, skipping hidden files and folders; links are listed, never followed. The same list
    /// as `FileManager`'s enumerator with `.skipsHiddenFiles` gives (a test holds them equal),
    /// read with `readdir`: the enumerator made a URL per file and cost 4 ms per 1,000 posts,
    /// twice per build (the posts, then the index).
    public func postPaths() -> [String] {
        let rootPath = config.root.standardizedFileURL.path
        let standardBase = config.root.appendingPathComponent(config.contentDirectory).standardizedFileURL.path
        var paths: [String] = []
        Self.listPosts(in: standardBase.hasSuffix("/") ? standardBase : standardBase + "/", into: &paths)
        return paths.compactMap { full in full.hasPrefix(rootPath + "/") ? String(full.dropFirst(rootPath.count + 1)) : nil }.sorted()
    }

    /// Appends the full path of every post file under `folder` (ending in `/`), depth first.
    private static func listPosts(in folder: String, into paths: inout [String]) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard let first = name.utf8.first, first != UInt8(ascii: ".") else { continue }
            let path = folder + name
            if isPostName(name) { paths.append(path) }
            var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                var info = stat()
                isFolder = lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            }
            if isFolder { listPosts(in: path + "/", into: &paths) }
        }
    }

    /// Whether the name's extension (after its last dot, not a leading one) is `md` or `markdown`.
    static func isPostName(_ name: String) -> Bool {
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.utf8.startIndex else { return false }
        let ext = name.utf8[name.utf8.index(after: dot)...]
        guard ext.count == 2 || ext.count == 8 else { return false }
        let lowered = String(Substring(ext)).lowercased()
        return lowered == "md" || lowered == "markdown"
    }

    /// Loads posts one at a time, so memory does not grow with the size of the site.
    public func forEachPost(_ body: (PostLoader.Result) throws -> Void) rethrows {
        let loader = PostLoader(site: config)
        for path in postPaths() { try body(loader.load(path: path)) }
    }
}
