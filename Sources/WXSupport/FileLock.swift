import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An advisory whole-file lock (flock) so two wxpub processes never interleave writes to the
/// journal or refresh the token at once. The lock dies with the process, so a crash never leaves
/// a stale lock behind.
public final class FileLock: @unchecked Sendable {
    public struct Busy: Error, CustomStringConvertible {
        public let path: String
        public var description: String {
            "another wxpub process holds the lock \(path); wait for it to finish, then run again"
        }
    }

    private let fd: Int32
    public let path: String

    /// Blocks until the lock is held, or throws `Busy` at once when `wait` is false.
    public init(path: String, wait: Bool = true) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let fd = open(path, O_RDWR | O_CREAT, 0o600)
        guard fd >= 0 else {
            throw AtomicFile.WriteError(path: path, reason: String(cString: strerror(errno)))
        }
        var result: Int32
        repeat {
            result = flock(fd, wait ? LOCK_EX : (LOCK_EX | LOCK_NB))
        } while result != 0 && errno == EINTR
        if result != 0 {
            close(fd)
            throw Busy(path: path)
        }
        self.fd = fd
        self.path = path
    }

    public func unlock() {
        _ = flock(fd, LOCK_UN)
    }

    deinit {
        _ = flock(fd, LOCK_UN)
        close(fd)
    }
}
