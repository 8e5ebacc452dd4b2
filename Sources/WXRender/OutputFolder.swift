import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The build's output folder, made ready before thousands of folders and files are created in it.
///
/// On ext2/3/4 the folder is marked as the top of a hierarchy (`chattr +T`, `EXT4_TOPDIR_FL`): the
/// inode allocator then spreads the per-post folders over the disk's block groups, as it spreads
/// folders under `/`, instead of packing them into the output folder's group. Without it, a build
/// right after `rm -rf` of the previous output put all 3,000 new inodes in the group where 3,000
/// had just been freed, and on a file system without a journal the allocator steps over each
/// recently freed inode on every allocation: 1.6–2.7 s of kernel time for 1,000 posts, 0.3–0.4 s
/// with the mark. Elsewhere (other file systems, no permission) the mark is skipped silently:
/// it only places data, it changes no file.
public enum OutputFolder {
    /// Creates `url` (and its parents) when missing and marks it where the file system allows. A
    /// folder that was already there is left as it is (it may be the user's own, e.g. `--out .`).
    /// A folder that cannot be made is left to the writes, which report it post by post.
    public static func prepare(_ url: URL) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) { return }
        guard (try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)) != nil else { return }
        markAsTopOfHierarchy(url.path)
    }

    /// Sets `FS_TOPDIR_FL` on the folder at `path`; false when the file system does not take it.
    @discardableResult
    static func markAsTopOfHierarchy(_ path: String) -> Bool {
        withFlags(of: path) { fd, flags in
            if flags & topDirectory != 0 { return true }
            var marked = flags | topDirectory
            return ioctl(fd, setFlags, &marked) == 0
        } ?? false
    }

    /// `FS_IOC_GETFLAGS` / `FS_IOC_SETFLAGS` (`_IOR('f', 1, long)`, `_IOW('f', 2, long)` on
    /// 64-bit Linux; the kernel reads and writes an `int`) and `FS_TOPDIR_FL` from `<linux/fs.h>`.
    static let getFlags: UInt = 0x8008_6601
    static let setFlags: UInt = 0x4008_6602
    static let topDirectory: Int32 = 0x0002_0000

    /// Whether the folder at `path` carries the mark (for tests).
    static func isMarked(_ path: String) -> Bool? {
        withFlags(of: path) { _, flags in flags & topDirectory != 0 }
    }

    /// `body` with the open folder and its inode flags; nil when it cannot be opened or the file
    /// system keeps no such flags (tmpfs, overlay, other systems).
    private static func withFlags<T>(of path: String, _ body: (Int32, Int32) -> T) -> T? {
        #if os(Linux)
            let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var flags: Int32 = 0
            guard ioctl(fd, getFlags, &flags) == 0 else { return nil }
            return body(fd, flags)
        #else
            return nil
        #endif
    }
}
