import Foundation
import WXSupport

/// The WeChat Official Account API as typed async calls named after the platform's operations
/// (`addDraft`, `massSendAll`, …). It owns the access token (see `TokenStore`), retries what is
/// safe to retry, and turns every failure into a `WeChatAPIError`. It knows nothing about posts.
///
/// ```swift
/// let client = WeChatClient(
///     credentials: try WeChatEnvironment.credentials(configuredAppID: config.appID),
///     baseURL: try WeChatEnvironment.baseURL(configured: config.apiBase),
///     stateDirectory: siteRoot.appendingPathComponent(".wxpub"),
///     logger: { event in FileHandle.standardError.write(Data("\(event)\n".utf8)) })
/// for tag in try await client.tags() { print(tag.id, tag.name, tag.count ?? 0) }
/// ```
public final class WeChatClient: Sendable {
    public static let defaultBaseURL = URL(string: "https://api.weixin.qq.com")!

    public let credentials: WeChatCredentials
    public let baseURL: URL
    let requester: Requester
    let tokens: TokenStore

    /// - Parameters:
    ///   - baseURL: `https://api.weixin.qq.com`, or a sandbox such as `http://127.0.0.1:PORT`.
    ///   - stateDirectory: where `token.json` is cached and shared between processes (the site's
    ///     `.wxpub/`); nil keeps the token in memory only.
    ///   - clock: decides token expiry; tests share a `ManualClock` with the sandbox.
    ///   - sleeper: how to wait between retries; tests pass one that records instead of sleeping.
    ///   - logger: receives one event per request, retry and token refresh (already redacted).
    ///   - tokenScope: names the API in the token cache key when `baseURL` changes between runs.
    public init(credentials: WeChatCredentials, baseURL: URL = WeChatClient.defaultBaseURL,
                transport: any HTTPTransport = URLSessionTransport(), stateDirectory: URL? = nil,
                retryPolicy: RetryPolicy = .default, clock: any WXSupport.Clock = SystemClock(),
                sleeper: @escaping Sleeper = Sleepers.real, logger: WeChatLogger? = nil, tokenScope: String? = nil) {
        self.credentials = credentials
        self.baseURL = baseURL
        let requester = Requester(baseURL: baseURL, transport: transport, retryPolicy: retryPolicy, sleeper: sleeper, logger: logger)
        self.requester = requester
        // The cache key keeps tokens of different APIs apart; `tokenScope` names the API when its
        // URL is not stable (an in-process sandbox on a new port each run).
        let key = "\(credentials.appID)@\(tokenScope ?? Self.normalizedBase(baseURL))"
        tokens = TokenStore(key: key, stateDirectory: stateDirectory, clock: clock) {
            try await Self.fetchStableToken(requester: requester, credentials: credentials, clock: clock)
        }
    }

    /// The API base as used in the token cache key: no trailing slash.
    static func normalizedBase(_ url: URL) -> String {
        var text = url.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    // MARK: - Tokens

    /// `POST /cgi-bin/stable_token` in normal mode (`force_refresh: false`), bypassing the cache.
    /// wxpub never force-refreshes: that is limited to 20 a day and would cut off every other
    /// process using the account.
    public func stableToken() async throws -> AccessToken {
        try await Self.fetchStableToken(requester: requester, credentials: credentials, clock: tokens.clock)
    }

    /// The cached token, fetched or refreshed when it is missing or within 5 minutes of expiry.
    public func accessToken() async throws -> AccessToken {
        try await tokens.token()
    }

    struct StableTokenRequest: Encodable {
        var grant_type = "client_credential"
        var appid: String
        var secret: String
        var force_refresh = false
    }

    struct StableTokenResponse: Decodable {
        var access_token: String
        var expires_in: Int
    }

    static func fetchStableToken(requester: Requester, credentials: WeChatCredentials, clock: any WXSupport.Clock) async throws -> AccessToken {
        let endpoint = Endpoint(operation: "stableToken", method: .post, path: "/cgi-bin/stable_token", safety: .idempotent, authenticated: false)
        let body = try WeChatJSON.encode(StableTokenRequest(appid: credentials.appID, secret: credentials.secret), operation: endpoint.operation)
        let response: StableTokenResponse = try await requester.perform(endpoint, query: [], body: .json(body), token: nil)
        return AccessToken(value: response.access_token, expiresAt: clock.now().addingTimeInterval(TimeInterval(response.expires_in)))
    }

    // MARK: - Calls

    /// Runs one authenticated call: fetches the token, performs the request with retries, and
    /// on a token error (40001/40014/42001) refreshes the token once and repeats.
    func call<T: Decodable>(_ endpoint: Endpoint, query: [(String, String)] = [], body: RequestBody = .none, as type: T.Type = T.self) async throws -> T {
        let reply = try await callRaw(endpoint, query: query, body: body)
        return try reply.decode(T.self, endpoint: endpoint)
    }

    func call<Body: Encodable, T: Decodable>(_ endpoint: Endpoint, json: Body, as type: T.Type = T.self) async throws -> T {
        let data = try WeChatJSON.encode(json, operation: endpoint.operation)
        return try await call(endpoint, body: .json(data), as: type)
    }

    func callRaw(_ endpoint: Endpoint, query: [(String, String)] = [], body: RequestBody = .none) async throws -> Reply {
        var token = try await tokens.token()
        do {
            return try await requester.performRaw(endpoint, query: query, body: body, token: token.value)
        } catch let error as WeChatAPIError where error.classification == .token {
            requester.log(WeChatLogEvent(kind: .tokenRefresh, operation: endpoint.operation, method: endpoint.method.rawValue, target: endpoint.path,
                                         status: nil, errcode: error.errcode, duration: 0, attempt: error.attempts,
                                         note: "the access token was rejected; fetching a fresh one and repeating once"))
            token = try await tokens.refresh(rejecting: token.value)
            do {
                return try await requester.performRaw(endpoint, query: query, body: body, token: token.value)
            } catch var again as WeChatAPIError {
                again.attempts += error.attempts
                // An attempt before the refresh may have acted (its answer lost); say so, or a
                // keyed send refused now (40007, its draft consumed) would look like it never went out.
                again.earlierAttemptMayHaveBeenApplied = again.earlierAttemptMayHaveBeenApplied || error.earlierAttemptMayHaveBeenApplied || error.mayHaveBeenApplied
                throw again
            }
        }
    }
}

/// What a call sends.
enum RequestBody: Sendable {
    case none
    case json(Data)
    case multipart(MultipartFormData)
}

/// How an operation may be repeated after a failure.
enum RetrySafety: Sendable {
    /// Repeating has the same effect as doing it once (reads, updates, deletes, keyed sends):
    /// retry any retryable failure.
    case idempotent
    /// Made idempotent by a key in the body (a mass send's clientmsgid): retried like
    /// `idempotent`, but sent on a connection of its own so only the client ever repeats it.
    case keyed
    /// Repeating could do it twice (uploads, draft/add, freepublish/submit): retry only failures
    /// where WeChat surely did not act (system busy, minute quota, connection never made).
    case once
}

/// A platform operation: its name, path and how it may be retried.
struct Endpoint: Sendable {
    var operation: String
    var method: HTTPRequest.Method
    var path: String
    var safety: RetrySafety
    /// The right named when the platform answers 48001.
    var right: String?
    var authenticated = true
    /// The success body may be a file instead of JSON.
    var binary = false

    init(operation: String, method: HTTPRequest.Method, path: String, safety: RetrySafety, right: String? = nil,
         authenticated: Bool = true, binary: Bool = false) {
        self.operation = operation
        self.method = method
        self.path = path
        self.safety = safety
        self.right = right
        self.authenticated = authenticated
        self.binary = binary
    }
}

/// A successful answer: the HTTP response and, when the body was JSON, its bytes.
struct Reply: Sendable {
    var response: HTTPResponse
    var isJSON: Bool

    func decode<T: Decodable>(_ type: T.Type, endpoint: Endpoint) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: response.body)
        } catch {
            throw WeChatAPIError(operation: endpoint.operation, path: endpoint.path, classification: .fatal, httpStatus: response.status,
                                 reason: "the answer does not have the shape wxpub expects (\(Self.describe(error)))",
                                 fix: "the API may have changed or the API base URL points at something else; report this with the rid, if any")
        }
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing field \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "unexpected value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        default: return String(describing: error)
        }
    }
}
