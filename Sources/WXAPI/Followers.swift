import Foundation
import WXSupport

/// One page of `user/get`: up to 10,000 OpenIDs.
public struct FollowerPage: Sendable, Equatable {
    /// All followers of the account.
    public var total: Int
    public var openIDs: [String]
    /// Pass to the next call; nil when this was the last page.
    public var nextOpenID: String?
}

/// `user/info`'s answer (WeChat no longer returns nicknames or avatars).
public struct UserInfo: Sendable, Equatable, Decodable {
    public var subscribe: Int
    public var openID: String
    public var language: String?
    public var subscribeTime: Int64?
    public var unionID: String?
    public var remark: String?
    public var tagIDs: [Int]?
    public var subscribeScene: String?

    public var isFollower: Bool { subscribe != 0 }

    enum CodingKeys: String, CodingKey {
        case subscribe, language, remark
        case openID = "openid", subscribeTime = "subscribe_time", unionID = "unionid", tagIDs = "tagid_list", subscribeScene = "subscribe_scene"
    }
}

extension WeChatClient {
    /// `GET /cgi-bin/user/get`: one page of followers, starting after `nextOpenID`.
    public func followers(after nextOpenID: String? = nil) async throws -> FollowerPage {
        struct Data: Decodable { var openid: [String]? }
        struct Response: Decodable { var total: Int?; var count: Int?; var data: Data?; var next_openid: String? }
        let endpoint = Endpoint(operation: "followers", method: .get, path: "/cgi-bin/user/get", safety: .idempotent, right: Self.userRight)
        let response: Response = try await call(endpoint, query: [("next_openid", nextOpenID ?? "")])
        let ids = response.data?.openid ?? []
        // WeChat returns a next_openid even on the last page; an empty page ends the walk.
        let next = ids.isEmpty ? nil : response.next_openid.flatMap { $0.isEmpty ? nil : $0 }
        return FollowerPage(total: response.total ?? ids.count, openIDs: ids, nextOpenID: next)
    }

    /// Every follower's OpenID, page by page (500 `user/get` calls a day: about 5 million followers).
    public func allFollowers() async throws -> [String] {
        var all: [String] = []
        var next: String?
        var seen = Set<String>()
        repeat {
            let page = try await followers(after: next)
            all += page.openIDs
            next = page.nextOpenID
            // Stop if the cursor repeats instead of looping forever on a misbehaving server.
            if let cursor = next, !seen.insert(cursor).inserted { break }
            if page.total > 0 && all.count >= page.total { break }
        } while next != nil
        return all
    }

    /// `GET /cgi-bin/user/info?openid=&lang=`.
    public func userInfo(openID: String, language: String = "zh_CN") async throws -> UserInfo {
        let endpoint = Endpoint(operation: "userInfo", method: .get, path: "/cgi-bin/user/info", safety: .idempotent, right: Self.userRight)
        return try await call(endpoint, query: [("openid", openID), ("lang", language)])
    }
}
