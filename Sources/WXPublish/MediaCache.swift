import Foundation
import WXSupport

/// Content-addressed record of every upload: the SHA-256 of the bytes → what WeChat returned.
/// The same bytes are never uploaded twice, in any post, in any run. Kept per account (appid and
/// API host), since a sandbox URL or media_id means nothing to the real account.
public struct MediaCache: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// `media/uploadimg`: an image inside the article body; gives a URL.
        case bodyImage = "uploadimg"
        /// `material/add_material?type=image`: a permanent image, used as a cover; gives a media_id.
        case coverMaterial = "image_material"
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var kind: Kind
        public var url: String?
        public var mediaID: String?
        public var bytes: Int
        /// Where the bytes came from the first time (a site path or a remote URL), for the operator.
        public var source: String
        public var uploadedAt: Date

        enum CodingKeys: String, CodingKey {
            case kind, url, bytes, source
            case mediaID = "media_id"
            case uploadedAt = "uploaded_at"
        }
    }

    /// account key → "kind:sha256" → entry
    public var accounts: [String: [String: Entry]] = [:]

    public init() {}

    public static func accountKey(appID: String, apiBase: String) -> String {
        let host = URL(string: apiBase)?.host ?? apiBase
        let port = URL(string: apiBase)?.port.map { ":\($0)" } ?? ""
        return "\(appID)@\(host)\(port)"
    }

    public func lookup(account: String, kind: Kind, sha256: String) -> Entry? {
        accounts[account]?["\(kind.rawValue):\(sha256)"]
    }

    public mutating func record(account: String, sha256: String, entry: Entry) {
        accounts[account, default: [:]]["\(entry.kind.rawValue):\(sha256)"] = entry
    }

    static let fileName = "media.json"

    public static func load(from store: StateStore) throws -> MediaCache {
        guard let data = try store.read(fileName) else { return MediaCache() }
        do {
            return try StateJSON.decoder().decode(MediaCache.self, from: data)
        } catch {
            throw StateFileError(file: fileName, reason: "\(error)")
        }
    }

    public func save(to store: StateStore) throws {
        try store.write(MediaCache.fileName, StateJSON.encoder().encode(self))
    }
}
