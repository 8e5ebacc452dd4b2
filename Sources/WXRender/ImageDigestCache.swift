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

    /// The file's facts, reading and hashing it only when it is new or has changed. Returns nil
    /// (with the read error) when it cannot be read; `info` nil means not an image.
    func facts(of url: URL) throws -> Facts? {
        // The file behind any link: `attributesOfItem` describes a link itself, not its target.
        let url = SiteContainment.realPath(url.path).map { URL(fileURLWithPath: $0) } ?? url
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        let key = Key(
            path: url.path, size: (attributes[.size] as? NSNumber)?.intValue ?? -1,
            modified: (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
        lock.lock()
        if let known = entries[key] {
            lock.unlock()
            return known
        }
        lock.unlock()
        guard key.size <= Self.readLimit else { throw TooLarge(bytes: key.size) }
        let data = try Data(contentsOf: url)
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
