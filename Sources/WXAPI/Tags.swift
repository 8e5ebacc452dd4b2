import Foundation
import WXSupport

/// A user tag (标签), the platform's audience groups for `massSendAll`.
public struct Tag: Sendable, Equatable, Decodable {
    public var id: Int
    public var name: String
    /// Followers carrying the tag (only `tags/get` reports it).
    public var count: Int?

    public init(id: Int, name: String, count: Int? = nil) {
        self.id = id
        self.name = name
        self.count = count
    }
}

extension WeChatClient {
    static let userRight = "the user management right (用户管理; verified accounts only)"
    /// WeChat caps tag names at 30 bytes of UTF-8 (a Chinese character counts 3).
    public static let maxTagNameBytes = 30
    /// Tag membership changes take at most 50 OpenIDs per call.
    public static let tagBatchSize = 50

    /// `GET /cgi-bin/tags/get`: every tag with its follower count.
    public func tags() async throws -> [Tag] {
        struct Response: Decodable { var tags: [Tag] }
        let endpoint = Endpoint(operation: "tags", method: .get, path: "/cgi-bin/tags/get", safety: .idempotent, right: Self.userRight)
        let response: Response = try await call(endpoint)
        return response.tags
    }

    /// `POST /cgi-bin/tags/create`. Not repeated after an ambiguous failure (a second create
    /// would fail as a duplicate name); list the tags instead.
    public func createTag(name: String) async throws -> Tag {
        try Self.validateTagName(name, operation: "createTag")
        struct Request: Encodable { struct Name: Encodable { var name: String }; var tag: Name }
        struct Response: Decodable { var tag: Tag }
        let endpoint = Endpoint(operation: "createTag", method: .post, path: "/cgi-bin/tags/create", safety: .once, right: Self.userRight)
        let response: Response = try await call(endpoint, json: Request(tag: .init(name: name)))
        return response.tag
    }

    /// `POST /cgi-bin/tags/update`: renames a tag.
    public func updateTag(id: Int, name: String) async throws {
        try Self.validateTagName(name, operation: "updateTag")
        struct Request: Encodable { struct Body: Encodable { var id: Int; var name: String }; var tag: Body }
        let endpoint = Endpoint(operation: "updateTag", method: .post, path: "/cgi-bin/tags/update", safety: .idempotent, right: Self.userRight)
        let _: Empty = try await call(endpoint, json: Request(tag: .init(id: id, name: name)))
    }

    /// `POST /cgi-bin/tags/delete`.
    public func deleteTag(id: Int) async throws {
        struct Request: Encodable { struct Body: Encodable { var id: Int }; var tag: Body }
        let endpoint = Endpoint(operation: "deleteTag", method: .post, path: "/cgi-bin/tags/delete", safety: .idempotent, right: Self.userRight)
        let _: Empty = try await call(endpoint, json: Request(tag: .init(id: id)))
    }

    /// `POST /cgi-bin/tags/members/batchtagging`, 50 OpenIDs per call.
    public func tagMembers(tagID: Int, openIDs: [String]) async throws {
        try await changeMembers(operation: "tagMembers", path: "/cgi-bin/tags/members/batchtagging", tagID: tagID, openIDs: openIDs)
    }

    /// `POST /cgi-bin/tags/members/batchuntagging`, 50 OpenIDs per call.
    public func untagMembers(tagID: Int, openIDs: [String]) async throws {
        try await changeMembers(operation: "untagMembers", path: "/cgi-bin/tags/members/batchuntagging", tagID: tagID, openIDs: openIDs)
    }

    private func changeMembers(operation: String, path: String, tagID: Int, openIDs: [String]) async throws {
        struct Request: Encodable { var openid_list: [String]; var tagid: Int }
        let endpoint = Endpoint(operation: operation, method: .post, path: path, safety: .idempotent, right: Self.userRight)
        var start = 0
        while start < openIDs.count {
            let end = min(start + Self.tagBatchSize, openIDs.count)
            let _: Empty = try await call(endpoint, json: Request(openid_list: Array(openIDs[start..<end]), tagid: tagID))
            start = end
        }
    }

    static func validateTagName(_ name: String, operation: String) throws {
        let bytes = name.utf8.count
        guard bytes > 0, bytes <= maxTagNameBytes else {
            throw WeChatAPIError.invalidInput(
                operation: operation,
                bytes == 0 ? "a tag name cannot be empty" : "the tag name \"\(name)\" is \(bytes) bytes of UTF-8; WeChat allows \(maxTagNameBytes) (a Chinese character counts 3)",
                fix: "choose a shorter name")
        }
    }
}
