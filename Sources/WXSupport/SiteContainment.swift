import Foundation

/// The rule every file wxpub reads on a site's behalf obeys: its real path (every symbolic link
/// resolved) stays inside the site's real root. A CI job that builds someone else's repository
/// must never publish, print or upload the runner's own files through a link such as
/// `post.md -> /etc/passwd`.
public enum SiteContainment {
    /// Where a file really is.
    public enum Verdict: Sendable, Equatable {
        /// Inside the site; `realPath` is the file behind any links.
        case inside(realPath: String)
        /// The path, or a link on the way to it, leads outside the site root.
        case outside
        /// Nothing there (or a dangling link).
        case missing
    }

    /// The canonical path with every link resolved, or nil when the file does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Where `url` really is, judged against the real path of `root`.
    public static func verdict(for url: URL, root: URL) -> Verdict {
        guard let real = realPath(url.path) else { return .missing }
        let rootReal = realPath(root.path) ?? root.standardizedFileURL.path
        let prefix = rootReal.hasSuffix("/") ? rootReal : rootReal + "/"
        return real.hasPrefix(prefix) ? .inside(realPath: real) : .outside
    }

    /// `verdict(for:root:)` with real paths from the run's cache (`RealPaths`).
    public static func verdict(for url: URL, root: URL, paths: RealPaths) -> Verdict {
        verdict(forPath: url.path, root: root, rootPath: root.path, paths: paths)
    }

    /// `verdict(for:root:paths:)` of a file's absolute path, with `root.path` read once by the caller.
    public static func verdict(forPath path: String, root: URL, rootPath: String, paths: RealPaths) -> Verdict {
        guard let real = paths.find(path)?.path else { return .missing }
        let rootReal = paths.realFolder(rootPath) ?? root.standardizedFileURL.path
        let prefix = rootReal.hasSuffix("/") ? rootReal : rootReal + "/"
        return real.hasPrefix(prefix) ? .inside(realPath: real) : .outside
    }

    /// True when `url` exists and its real path is inside `root`.
    public static func isInside(_ url: URL, root: URL) -> Bool {
        if case .inside = verdict(for: url, root: root) { return true }
        return false
    }
}
