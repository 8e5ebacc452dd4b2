import Foundation
import WXSupport

extension WeChatClient {
    static let draftRight = "the draft box right (草稿箱管理)"

    /// `POST /cgi-bin/draft/add`: returns the draft's media_id (used by `submitPublish` and the
    /// mass sends). Not retried after an ambiguous failure: that could leave two drafts.
    public func addDraft(articles: [DraftArticle]) async throws -> String {
        guard (1...8).contains(articles.count) else {
            throw WeChatAPIError.invalidInput(operation: "addDraft", "a draft holds 1 to 8 articles, not \(articles.count)", fix: "split the articles over several drafts")
        }
        struct Request: Encodable { var articles: [DraftArticle] }
        struct Response: Decodable { var media_id: String }
        let endpoint = Endpoint(operation: "addDraft", method: .post, path: "/cgi-bin/draft/add", safety: .once, right: Self.draftRight)
        let response: Response = try await call(endpoint, json: Request(articles: articles))
        return response.media_id
    }

    /// `POST /cgi-bin/draft/get`: the draft's articles as WeChat stored them (its HTML is rewritten).
    public func getDraft(mediaID: String) async throws -> [DraftArticle] {
        struct Response: Decodable { var news_item: [DraftArticle] }
        let endpoint = Endpoint(operation: "getDraft", method: .post, path: "/cgi-bin/draft/get", safety: .idempotent, right: Self.draftRight)
        let response: Response = try await call(endpoint, json: ["media_id": mediaID])
        return response.news_item
    }

    /// `POST /cgi-bin/draft/update`: replaces the article at 0-based `index` (send the whole
    /// article: a partial one is rejected with a misleading 40007).
    public func updateDraft(mediaID: String, index: Int, article: DraftArticle) async throws {
        struct Request: Encodable { var media_id: String; var index: Int; var articles: DraftArticle }
        let endpoint = Endpoint(operation: "updateDraft", method: .post, path: "/cgi-bin/draft/update", safety: .idempotent, right: Self.draftRight)
        let _: Empty = try await call(endpoint, json: Request(media_id: mediaID, index: index, articles: article))
    }

    /// `POST /cgi-bin/draft/delete` (irreversible).
    public func deleteDraft(mediaID: String) async throws {
        let endpoint = Endpoint(operation: "deleteDraft", method: .post, path: "/cgi-bin/draft/delete", safety: .idempotent, right: Self.draftRight)
        let _: Empty = try await call(endpoint, json: ["media_id": mediaID])
    }

    /// `GET /cgi-bin/draft/count`.
    public func draftCount() async throws -> Int {
        struct Response: Decodable { var total_count: Int }
        let endpoint = Endpoint(operation: "draftCount", method: .get, path: "/cgi-bin/draft/count", safety: .idempotent, right: Self.draftRight)
        let response: Response = try await call(endpoint)
        return response.total_count
    }
}
