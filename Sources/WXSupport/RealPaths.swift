import Foundation

/// Real paths (every symbolic link resolved) with each folder's looked up once per run: a run
/// reads a thousand posts and their covers from a few folders, and realpath(3) costs a system
/// call per path component. A plain file (not a link) in a folder of known real path is that
/// folder's real path plus its name, told by one `lstat`. Safe to share between threads.
public final class RealPaths: @unchecked Sendable {
    private let lock = NSLock()
    private var folders: [String: String] = [:]

    public init() {}

    /// What is at `path`, links followed: its real path and `stat` (size, modification time, type).
    public struct Found {
        public var path: String
        public var status: stat

        public var isDirectory: Bool { status.st_mode & S_IFMT == S_IFDIR }
        public var size: Int { Int(status.st_size) }
        public var modified: TimeInterval {
            TimeInterval(status.st_mtim.tv_sec) + TimeInterval(status.st_mtim.tv_nsec) / 1_000_000_000
        }
    }

    /// The file or folder behind `path`, or nil when nothing is there (or a link dangles).
    public func find(_ path: String) -> Found? {
        var status = stat()
        if path.hasPrefix("/"), let slash = path.lastIndex(of: "/"), lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG {
            let parent = slash == path.startIndex ? "/" : String(path[..<slash])
            if let folder = realFolder(parent) {
                let name = path[path.index(after: slash)...]
                return Found(path: folder.hasSuffix("/") ? folder + name : folder + "/" + name, status: status)
            }
        }
        guard let real = SiteContainment.realPath(path), stat(real, &status) == 0 else { return nil }
        return Found(path: real, status: status)
    }

    /// The real path of the folder at the absolute `path`, remembered for the run.
    public func realFolder(_ path: String) -> String? {
        lock.lock()
        if let known = folders[path] {
            lock.unlock()
            return known
        }
        lock.unlock()
        guard let real = SiteContainment.realPath(path) else { return nil }
        lock.lock()
        folders[path] = real
        lock.unlock()
        return real
    }
}
