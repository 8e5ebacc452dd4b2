import Foundation

/// A whole file's bytes by `open`/`fstat`/`read`: what `FileManager.contents(atPath:)` and
/// `Data(contentsOf:)` do, without their `Data` wrapping and extra calls, for the files a build
/// reads one after another (posts, images).
public enum FileBytes {
    /// Why a file could not be read: the `errno` of the failing call, or its size over the limit.
    public enum Failure: Error, Equatable {
        case system(Int32)
        case tooLarge(bytes: Int)

        public var localizedDescription: String {
            switch self {
            case .system(let code): return String(cString: strerror(code))
            case .tooLarge(let bytes): return "the file is \(bytes) bytes long"
            }
        }
    }

    /// The bytes of the file at `path`; a file larger than `limit` is refused by its size before
    /// a byte is read (and again if it grows while being read).
    public static func read(_ path: String, limit: Int = .max) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .system(errno) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw .system(errno) }
        guard status.st_mode & S_IFMT != S_IFDIR else { throw .system(EISDIR) }
        let expected = Int(status.st_size)
        guard expected <= limit else { throw .tooLarge(bytes: expected) }
        // One byte more than `stat` said, so a file that grew is noticed and read on to its end.
        var bytes = [UInt8](repeating: 0, count: expected + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard count <= limit else { throw .tooLarge(bytes: count) }
                bytes.append(contentsOf: repeatElement(0, count: max(4096, count)))
            }
            let n = bytes.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .system(errno)
            }
            if n == 0 { break }
            count += n
            // A regular file reads short only at its end: no further call to be told so.
            if count < bytes.count && status.st_mode & S_IFMT == S_IFREG { break }
        }
        guard count <= limit else { throw .tooLarge(bytes: count) }
        bytes.removeLast(bytes.count - count)
        return bytes
    }
}
