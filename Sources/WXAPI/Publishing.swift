import Foundation
import WXSupport

/// `freepublish/submit`'s answer: the job was accepted, not finished.
public struct PublishSubmission: Sendable, Equatable {
    public var publishID: String
    public var msgDataID: String?
}

/// `freepublish/get`'s answer.
public struct PublishStatus: Sendable, Equatable {
    /// The platform's `publish_status` codes.
    public enum State: Int, Sendable, Equatable {
        case success = 0, publishing = 1, originalityCheckFailed = 2, failed = 3, auditRejected = 4, deletedByUser = 5, bannedBySystem = 6
    }

    public var publishID: String
    /// The raw code; `state` is nil for codes this version does not know.
    public var statusCode: Int
    public var state: State? { State(rawValue: statusCode) }
    public var articleID: String?
    /// Article URLs by 1-based index.
    public var articleURLs: [Int: String]
    /// 1-based indexes of the articles that failed (states 2 and 4).
    public var failedIndexes: [Int]
}

extension WeChatClient {
    static let publishRight = "the publishing right (发布能力; verified enterprise accounts only since July 2025)"

    /// `POST /cgi-bin/freepublish/submit`: publishes a draft (consuming it). Never repeated after
    /// an ambiguous failure, since that could publish twice; check `getPublishStatus` instead.
    public func submitPublish(mediaID: String) async throws -> PublishSubmission {
        struct Response: Decodable { var publish_id: FlexibleID; var msg_data_id: FlexibleID? }
        let endpoint = Endpoint(operation: "submitPublish", method: .post, path: "/cgi-bin/freepublish/submit", safety: .once, right: Self.publishRight)
        let response: Response = try await call(endpoint, json: ["media_id": mediaID])
        return PublishSubmission(publishID: response.publish_id.value, msgDataID: response.msg_data_id?.value)
    }

    /// `POST /cgi-bin/freepublish/get` (100 calls a day: poll sparingly).
    public func getPublishStatus(publishID: String) async throws -> PublishStatus {
        struct Item: Decodable { var idx: Int; var article_url: String }
        struct Detail: Decodable { var item: [Item]? }
        struct Response: Decodable {
            var publish_id: FlexibleID?
            var publish_status: Int
            var article_id: String?
            var article_detail: Detail?
            var fail_idx: [Int]?
        }
        let endpoint = Endpoint(operation: "getPublishStatus", method: .post, path: "/cgi-bin/freepublish/get", safety: .idempotent, right: Self.publishRight)
        let response: Response = try await call(endpoint, json: ["publish_id": publishID])
        var urls: [Int: String] = [:]
        for item in response.article_detail?.item ?? [] { urls[item.idx] = item.article_url }
        return PublishStatus(publishID: response.publish_id?.value ?? publishID, statusCode: response.publish_status,
                             articleID: response.article_id.flatMap { $0.isEmpty ? nil : $0 }, articleURLs: urls, failedIndexes: response.fail_idx ?? [])
    }
}
