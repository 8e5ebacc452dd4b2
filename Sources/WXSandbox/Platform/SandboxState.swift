import Foundation
import WXSupport

/// Everything the emulated account holds. Plain Codable values: the whole state is saved as one
/// JSON file (file bytes live beside it, content-addressed), and guarded by one lock.
struct SandboxState: Codable {
    struct Token: Codable {
        enum Kind: String, Codable { case ordinary, stable }
        var value: String
        var kind: Kind
        var issuedAt: Date
        var expiresAt: Date
        /// Set when a newer token replaced this one: valid until then, 40001 afterwards.
        var replacedUntil: Date?
    }

    /// A file held by the account: temporary media, permanent material, or an article image.
    struct Media: Codable {
        enum Kind: String, Codable { case temporary, permanent }
        var mediaID: String
        var kind: Kind
        var type: String  // image, voice, video, thumb
        var sha256: String
        var bytes: Int
        var filename: String
        var contentType: String
        var createdAt: Date
        var url: String?
        var videoTitle: String?
        var videoIntroduction: String?
        var deleted = false
    }

    struct ArticleImage: Codable {
        var url: String
        var sha256: String
        var bytes: Int
        var format: String
        var uploadedAt: Date
    }

    struct Article: Codable {
        var articleType: String
        var title: String
        var author: String
        var digest: String
        var content: String
        var contentSourceURL: String
        var thumbMediaID: String
        var needOpenComment: Int
        var onlyFansCanComment: Int
        var picCrop2351: String?
        var picCrop11: String?
        var imageMediaIDs: [String]
    }

    struct Draft: Codable {
        enum Status: String, Codable { case draft, sent, published, deleted }
        var mediaID: String
        var articles: [Article]
        var createdAt: Date
        var updatedAt: Date
        var status: Status
        /// `msg_id` or `publish_id` of the action that consumed it.
        var consumedBy: String?
    }

    struct Publish: Codable {
        var publishID: String
        var msgDataID: Int64
        var mediaID: String
        var articles: [Article]
        var submittedAt: Date
        var articleID: String
        /// The final `publish_status` when it is not 0 (`publish_status` fault), and `fail_idx`.
        var outcome: Int?
        var failIndexes: [Int]?
    }

    struct Broadcast: Codable {
        var msgID: Int64
        var msgDataID: Int64?
        var endpoint: String  // sendall | send
        var clientMsgID: String?
        var dedupKey: String
        var isToAll: Bool?
        var tagID: Int?
        var touser: [String]?
        var msgtype: String
        var mediaID: String?
        var titles: [String]
        var articleCount: Int
        var sentAt: Date
        var lastAttemptAt: Date
        var total: Int
        var filtered: Int
        var sent: Int
        var deletedArticles: [Int] = []
        var deleted = false
        /// The MASSSENDJOBFINISH Status of a job that failed (`mass_fail` fault); nil: it succeeds.
        var failStatus: String?
    }

    /// An is_to_all sendall held by API mass-send protection until the administrator decides.
    struct Confirmation: Codable {
        enum State: String, Codable { case pending, confirmed, rejected, expired }
        var clientMsgID: String?
        var dedupKey: String
        var mediaID: String
        var requestedAt: Date
        var state: State
        var msgID: Int64?
    }

    struct Preview: Codable {
        var msgID: Int64
        var touser: String?
        var towxname: String?
        var msgtype: String
        var mediaID: String?
        var titles: [String]
        var sentAt: Date
    }

    struct Follower: Codable {
        var openID: String
        var subscribeTime: Int64
        var tagIDs: [Int]
    }

    struct Tag: Codable {
        var id: Int
        var name: String
    }

    var tokens: [Token] = []
    var stableForceRefreshes: [Date] = []
    var media: [Media] = []
    var articleImages: [ArticleImage] = []
    var drafts: [Draft] = []
    var publishes: [Publish] = []
    var broadcasts: [Broadcast] = []
    var previews: [Preview] = []
    var followers: [Follower] = []
    var tags: [Tag] = []
    /// Every call per path, ever (the ledger's `calls`).
    var calls: [String: Int] = [:]
    /// Calls per quota key on one Beijing day: `dailyCalls["day:key"]`.
    var dailyCalls: [String: Int] = [:]
    /// Mass messages received per follower in one Beijing month: `monthlyReceipts["month"]["openid"]`.
    var monthlyReceipts: [String: [String: Int]] = [:]
    var nextSerial: Int64 = 1
    /// Optional so state saved by earlier versions still loads.
    var confirmations: [Confirmation]?

    mutating func serial() -> Int64 {
        defer { nextSerial += 1 }
        return nextSerial
    }
}

extension SandboxState {
    /// The demo audience: `count` followers with OpenIDs derived from the AppID (stable across
    /// runs), the reserved 星标组 (2) and a few tags with members.
    static func demoAudience(appID: String, count: Int) -> (followers: [Follower], tags: [Tag]) {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        let tags = [
            Tag(id: 2, name: "星标组"),
            Tag(id: 100, name: "听众交流会"),
            Tag(id: 101, name: "读书会"),
            Tag(id: 102, name: "内测用户"),
        ]
        var followers: [Follower] = []
        followers.reserveCapacity(count)
        for i in 0..<count {
            let digest = SHA256.hex(Array("wxpub-sandbox/\(appID)/follower/\(i)".utf8))
            var id: [UInt8] = Array("o".utf8)
            var bytes = Array(digest.utf8)
            bytes = stride(from: 0, to: 54, by: 2).map { j in
                let pair = String(decoding: bytes[j..<j + 2], as: UTF8.self)
                return UInt8(pair, radix: 16)!
            }
            for b in bytes { id.append(alphabet[Int(b) & 63]) }
            var tagIDs: [Int] = []
            if i % 50 == 0 { tagIDs.append(2) }
            if i % 7 == 0 { tagIDs.append(100) }
            if i % 11 == 3 { tagIDs.append(101) }
            if i < 20 { tagIDs.append(102) }
            followers.append(
                Follower(openID: String(decoding: id, as: UTF8.self), subscribeTime: 1_600_000_000 + Int64(i) * 3607, tagIDs: tagIDs))
        }
        return (followers, tags)
    }

    /// `audience.json`: `{"followers": 250 | ["openid", …], "tags": [{"id": 100, "name": "…", "members": ["openid", …]}]}`.
    static func loadAudience(_ data: Data, appID: String) throws -> (followers: [Follower], tags: [Tag]) {
        struct Problem: Error, CustomStringConvertible { let description: String }
        let json = try JSONValue.parse(data)
        var followers: [Follower]
        var tags: [Tag] = [Tag(id: 2, name: "星标组")]
        switch json["followers"] {
        case .int(let n)?:
            followers = demoAudience(appID: appID, count: Int(max(0, n))).followers.map {
                var f = $0
                f.tagIDs = []
                return f
            }
        case .array(let ids)?:
            followers = try ids.enumerated().map { i, v in
                guard let id = v.stringValue, !id.isEmpty else { throw Problem(description: "audience.json: followers[\(i)] is not an OpenID string") }
                return Follower(openID: id, subscribeTime: 1_600_000_000 + Int64(i) * 3607, tagIDs: [])
            }
        default:
            throw Problem(description: "audience.json: \"followers\" must be a count or a list of OpenIDs")
        }
        var index: [String: Int] = [:]
        for (i, f) in followers.enumerated() { index[f.openID] = i }
        for (t, tag) in (json["tags"]?.arrayValue ?? []).enumerated() {
            guard let id = tag["id"]?.intValue, let name = tag["name"]?.stringValue else {
                throw Problem(description: "audience.json: tags[\(t)] needs an integer \"id\" and a \"name\"")
            }
            if id != 2 { tags.append(Tag(id: Int(id), name: name)) } else { tags[0].name = name }
            for member in tag["members"]?.arrayValue ?? [] {
                guard let openID = member.stringValue, let i = index[openID] else {
                    throw Problem(description: "audience.json: tags[\(t)] lists \(member.text), which is not among the followers")
                }
                followers[i].tagIDs.append(Int(id))
            }
        }
        return (followers, tags)
    }
}
