import Foundation
import WXSupport

/// `openapi/quota/get`'s answer for one API path.
public struct APIQuota: Sendable, Equatable {
    public var dailyLimit: Int
    public var used: Int
    public var remain: Int
    /// Calls allowed per `refreshSeconds` window, when WeChat reports a rate limit.
    public var rateLimitCalls: Int?
    public var refreshSeconds: Int?
}

extension WeChatClient {
    /// `POST /cgi-bin/openapi/quota/get` for a path such as `/cgi-bin/message/mass/sendall`.
    public func apiQuota(cgiPath: String) async throws -> APIQuota {
        guard cgiPath.hasPrefix("/") else {
            throw WeChatAPIError.invalidInput(operation: "apiQuota", "the API path \"\(cgiPath)\" must start with / and name no host",
                                              fix: "write it like /cgi-bin/message/mass/sendall")
        }
        struct Quota: Decodable { var daily_limit: Int; var used: Int; var remain: Int }
        struct Rate: Decodable { var call_count: Int; var refresh_second: Int }
        struct Response: Decodable { var quota: Quota; var rate_limit: Rate? }
        let endpoint = Endpoint(operation: "apiQuota", method: .post, path: "/cgi-bin/openapi/quota/get", safety: .idempotent)
        let response: Response = try await call(endpoint, json: ["cgi_path": cgiPath])
        return APIQuota(dailyLimit: response.quota.daily_limit, used: response.quota.used, remain: response.quota.remain,
                        rateLimitCalls: response.rate_limit?.call_count, refreshSeconds: response.rate_limit?.refresh_second)
    }
}
