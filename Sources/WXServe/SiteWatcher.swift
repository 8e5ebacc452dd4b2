import Foundation
import WXContent

#if canImport(Glibc)
    import Glibc
#endif

/// Notices edits to a site by comparing snapshots of its files (size, modification time, inode):
/// `wxpub.yml`, the content folder (posts and images) and the templates folder. Polling keeps it
/// portable and needs no inotify watches per folder; a scan of a few thousand files takes
/// milliseconds. Hidden files and folders (`.git`, editors' swap files) are ignored, except the
/// state folder's journal, whose changes (a publish run) move the index's states.
public struct SiteWatcher: Sendable {
    /// What changed between two scans, by site-relative path.
    public struct Changes: Sendable, Equatable {
        public var posts: Set<String> = []
        /// `wxpub.yml` or anything under the templates folder: every post must be recompiled.
        public var siteWide: Set<String> = []
        /// Other files under the content folder (images): posts may show them.
        public var assets: Set<String> = []
        /// The journal: nothing to recompile, but posts' states may differ.
        public var state: Set<String> = []

        public init(posts: Set<String> = [], siteWide: Set<String> = [], assets: Set<String> = [], state: Set<String> = []) {
            self.posts = posts
            self.siteWide = siteWide
            self.assets = assets
            self.state = state
        }

        public var isEmpty: Bool { posts.isEmpty && siteWide.isEmpty && assets.isEmpty && state.isEmpty }
    }

    struct Stamp: Equatable, Sendable {
        var size: Int64
        var modified: Int64
        var inode: UInt64
    }

    public let root: URL
    public var contentDirectory: String
    public var templatesDirectory: String
    /// `<state>/journal.json`.
    public var journalPath: String
    private(set) var stamps: [String: Stamp] = [:]

    public init(root: URL, contentDirectory: String, templatesDirectory: String, stateDirectory: String = ".wxpub") {
        self.root = root.standardizedFileURL
        self.contentDirectory = contentDirectory
        self.templatesDirectory = templatesDirectory
        journalPath = stateDirectory + "/journal.json"
        stamps = scan()
    }

    /// Scans again and reports what was added, removed or modified since the last call.
    public mutating func poll() -> Changes {
        let now = scan()
        var changes = Changes()
        for path in Set(now.keys).union(stamps.keys) where now[path] != stamps[path] {
            classify(path, into: &changes)
        }
        stamps = now
        return changes
    }

    private func classify(_ path: String, into changes: inout Changes) {
        let lower = path.lowercased()
        if path == journalPath {
            changes.state.insert(path)
        } else if path == SiteConfig.fileName || path.hasPrefix(templatesDirectory + "/") {
            changes.siteWide.insert(path)
        } else if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") {
            changes.posts.insert(path)
        } else {
            changes.assets.insert(path)
        }
    }

    func scan() -> [String: Stamp] {
        var result: [String: Stamp] = [:]
        for file in [SiteConfig.fileName, journalPath] {
            if let stamp = Self.stamp(root.appendingPathComponent(file).path) { result[file] = stamp }
        }
        for folder in Set([contentDirectory, templatesDirectory]) where !folder.isEmpty {
            walk(folder, into: &result, depth: 0)
        }
        return result
    }

    private func walk(_ relative: String, into result: inout [String: Stamp], depth: Int) {
        guard depth < 16, let names = try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(relative).path) else { return }
        for name in names where !name.hasPrefix(".") {
            let path = relative + "/" + name
            let full = root.appendingPathComponent(path).path
            var info = stat()
            guard stat(full, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                walk(path, into: &result, depth: depth + 1)
            } else if (info.st_mode & S_IFMT) == S_IFREG {
                result[path] = Self.stamp(info)
            }
        }
    }

    static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return stamp(info)
    }

    static func stamp(_ info: stat) -> Stamp {
        Stamp(
            size: Int64(info.st_size), modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
            inode: UInt64(info.st_ino))
    }
}
