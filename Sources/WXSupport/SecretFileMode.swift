import Foundation

/// A file holding the AppSecret must be readable by its owner only: on a shared runner, a secret
/// any user can read is a leaked secret. Checked before the file is read, like ssh does for keys.
public enum SecretFileMode {
    /// Why the file at `path` may not hold a secret (readable or writable by group or others), or
    /// nil when its mode is fine or it does not exist (the caller reports a missing file).
    /// `shownAs`: the path as the operator wrote it.
    public static func problem(atPath path: String, shownAs shown: String? = nil) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 != 0 else { return nil }
        return "the AppSecret file \(shown ?? path) can be read by other users (mode \(String(mode, radix: 8, uppercase: false).leftPadded(to: 4))); "
            + "wxpub refuses a secret others can read"
    }

    /// The fix to show with `problem(atPath:)`.
    public static func fix(forPath path: String) -> String {
        "run `chmod 600 \(path)` (and consider the AppSecret exposed: reset it in 公众平台 → 设置与开发 → 基本配置)"
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
