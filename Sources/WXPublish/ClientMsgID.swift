import Foundation
import WXSupport

/// The idempotency key sent with every broadcast. Deterministic — the same account, the same
/// articles and the same audience always give the same key — so a send retried after a crash is
/// recognised by WeChat (45065 returns the original msg_id) instead of reaching followers twice.
/// 32 ASCII characters: the documented limit is 64 bytes, but 45067 has been reported above ~34.
public enum ClientMsgID {
    public static func make(appID: String, articleHashes: [String], audience: String) -> String {
        var hasher = WXSupport.SHA256()
        hasher.update(Array("wxpub-broadcast-v1\n\(appID)\n\(audience)\n".utf8))
        for hash in articleHashes { hasher.update(Array((hash + "\n").utf8)) }
        return "wxp" + String(hasher.finalize().hexString.prefix(29))
    }
}
