import Foundation
import WXSupport

/// Remembers what each image file is (SHA-256, size, format, pixel size) across the posts one
/// compiler compiles, keyed by path, size and modification time: a shared cover or a default cover
/// is read and hashed once per run, not once per post. Safe to share between threads.
final class ImageDigestCache: @unchecked Sendable {
    struct Facts {
        var sha256: String
        var bytes: Int
        var info: ImageInfo
    }

    private struct Key: Hashable {
        var path: String
        var size: Int
        var modified: TimeInterval
    }

    /// A file far larger than any image WeChat accepts: refused by its size before a byte is read,
    /// so a 2 GB file never reaches memory.
    struct TooLarge: Error {
        var bytes: Int
    }

    /// The largest file read as an image. Files between the platform's limits (1 MB body, 10 MB
    /// cover) and this are still read, so their findings name the exact limit they break.
    static let readLimit = 64 * 1_048_576

    private let lock = NSLock()
    private var entries: [Key: Facts] = [:]

    /// Real paths of the folders images are looked up in, once per run.
    let paths = RealPaths()
    private var folders: [String: (url: URL, path: String)] = [:]

    /// `url` standardized and its links resolved, remembered for the run: the site root and a
    /// post's folder are the same for post after post.
    func resolvedFolder(_ url: URL) -> URL { resolvedFolder(path: url.path).url }

    /// The folder at `path` standardized and its links resolved, as a URL and its path, remembered
    /// by `path` for the run (a post's folder from its file's path: no URL made per post).
    func resolvedFolder(path: String) -> (url: URL, path: String) {
        lock.lock()
        if let known = folders[path] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let url = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL.resolvingSymlinksInPath()
        let resolved = (url, url.path)
        lock.lock()
        folders[path] = resolved
        lock.unlock()
        return resolved
    }

    /// The file's facts, reading and hashing it only when it is new or has changed. Returns nil
    /// (with the read error) when it cannot be read; `info` nil means not an image.
    /// `file`: the file behind any link, with its `stat`.
    func facts(of file: RealPaths.Found) throws -> Facts? {
        let key = Key(path: file.path, size: file.size, modified: file.modified)
        lock.lock()
        if let known = entries[key] {
            lock.unlock()
            return known
        }
        lock.unlock()
        guard key.size <= Self.readLimit else { throw TooLarge(bytes: key.size) }
        let data = try Data(contentsOf: URL(fileURLWithPath: file.path))
        // The file may have grown between the size check and the read.
        guard data.count <= Self.readLimit else { throw TooLarge(bytes: data.count) }
        guard let info = ImageInfo.sniff(data) else { return nil }
        let facts = Facts(sha256: SHA256.hex(data), bytes: data.count, info: info)
        lock.lock()
        entries[key] = facts
        lock.unlock()
        return facts
    }
}
