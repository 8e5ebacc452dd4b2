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

    private let lock = NSLock()
    private var entries: [Key: Facts] = [:]

    /// The file's facts, reading and hashing it only when it is new or has changed. Returns nil
    /// (with the read error) when it cannot be read; `info` nil means not an image.
    func facts(of url: URL) throws -> Facts? {
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
        let data = try Data(contentsOf: url)
        guard let info = ImageInfo.sniff(data) else { return nil }
        let facts = Facts(sha256: SHA256.hex(data), bytes: data.count, info: info)
        lock.lock()
        entries[key] = facts
        lock.unlock()
        return facts
    }
}
