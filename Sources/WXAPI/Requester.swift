import Foundation
import WXSupport

/// Sends one operation's request, retrying retryable failures under the policy, and turns the
/// answer into either a `Reply` or a `WeChatAPIError`. Token handling lives in `WeChatClient`.
struct Requester: Sendable {
    let baseURL: URL
    let transport: any HTTPTransport
    let retryPolicy: RetryPolicy
    let sleeper: Sleeper
    let logger: WeChatLogger?

    func log(_ event: WeChatLogEvent) { logger?(event) }

    func perform<T: Decodable>(_ endpoint: Endpoint, query: [(String, String)], body: RequestBody, token: String?) async throws -> T {
        let reply = try await performRaw(endpoint, query: query, body: body, token: token)
        return try reply.decode(T.self, endpoint: endpoint)
    }

    func performRaw(_ endpoint: Endpoint, query: [(String, String)], body: RequestBody, token: String?) async throws -> Reply {
        let request = makeRequest(endpoint, query: query, body: body, token: token)
        let target = Redaction.redact(Self.target(of: request.url))
        var attempt = 0
        var waited: TimeInterval = 0
        var ambiguous = false
        while true {
            attempt += 1
            let started = DispatchTime.now()
            var status: Int?
            var outcome: Result<Reply, WeChatAPIError>
            do {
                let response = try await transport.send(request)
                status = response.status
                outcome = interpret(response, endpoint: endpoint)
            } catch let error as TransportError {
                outcome = .failure(.transport(operation: endpoint.operation, path: endpoint.path, error))
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                let wrapped = TransportError(reason: .interrupted, message: "the request to \(request.url.absoluteString) failed: \(error)")
                outcome = .failure(.transport(operation: endpoint.operation, path: endpoint.path, wrapped))
            }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            var failure: WeChatAPIError?
            if case .failure(let error) = outcome { failure = error }
            log(WeChatLogEvent(kind: .request, operation: endpoint.operation, method: request.method.rawValue, target: target, status: status,
                               errcode: failure?.errcode, duration: elapsed, attempt: attempt,
                               note: failure.map { $0.errcode == nil ? $0.reason : Self.plainErrmsg($0) }))
            switch outcome {
            case .success(let reply):
                return reply
            case .failure(var error):
                error.attempts = attempt
                error.earlierAttemptMayHaveBeenApplied = ambiguous
                ambiguous = ambiguous || error.mayHaveBeenApplied
                guard error.classification == .retryable, mayRetry(error, endpoint: endpoint), attempt < retryPolicy.maxAttempts else { throw error }
                var delay = retryPolicy.delay(beforeRetry: attempt, jitter: Double.random(in: 0..<1))
                // "retry next minute" / "wait at least a minute": a shorter wait is wasted.
                if error.errcode == 45011 || error.errcode == 45066 { delay = max(delay, 60) }
                guard waited + delay <= retryPolicy.maxTotalDelay else { throw error }
                waited += delay
                log(WeChatLogEvent(kind: .retry, operation: endpoint.operation, method: request.method.rawValue, target: target, status: status,
                                   errcode: error.errcode, duration: 0, attempt: attempt,
                                   note: String(format: "waiting %.1f s before attempt %d of %d (%@)", delay, attempt + 1, retryPolicy.maxAttempts, error.reason)))
                try await sleeper(delay)
            }
        }
    }

    private static func plainErrmsg(_ error: WeChatAPIError) -> String {
        let text = error.errmsg.map { WeChatAPIError.splitTrace($0).text } ?? ""
        return text.isEmpty ? error.reason : text
    }

    /// Non-idempotent calls are repeated only when WeChat surely did not act on the first one.
    private func mayRetry(_ error: WeChatAPIError, endpoint: Endpoint) -> Bool {
        switch endpoint.safety {
        case .idempotent, .keyed: return true
        case .once: return !error.mayHaveBeenApplied
        }
    }

    func makeRequest(_ endpoint: Endpoint, query: [(String, String)], body: RequestBody, token: String?) -> HTTPRequest {
        var items: [(String, String)] = []
        if let token { items.append(("access_token", token)) }
        items += query
        var text = WeChatClient.normalizedBase(baseURL) + endpoint.path
        if !items.isEmpty {
            text += "?" + items.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        }
        var headers: [String: String] = ["Accept": "application/json"]
        var data: Data?
        switch body {
        case .none:
            break
        case .json(let json):
            headers["Content-Type"] = "application/json; charset=utf-8"
            data = json
        case .multipart(let form):
            headers["Content-Type"] = form.contentType
            data = form.encoded()
        }
        return HTTPRequest(method: endpoint.method, url: URL(string: text)!, headers: headers, body: data, freshConnection: endpoint.safety != .idempotent)
    }

    /// Query values percent-encoded with only unreserved characters left bare (RFC 3986).
    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// `/cgi-bin/x?query` of a URL, for log lines.
    static func target(of url: URL) -> String {
        var text = url.path
        if let query = url.query { text += "?" + query }
        return text
    }

    /// Classifies an HTTP answer: JSON with errcode absent or 0 is success; bytes are success
    /// for binary endpoints; everything else is an error.
    func interpret(_ response: HTTPResponse, endpoint: Endpoint) -> Result<Reply, WeChatAPIError> {
        guard (200..<300).contains(response.status) else {
            return .failure(.http(operation: endpoint.operation, path: endpoint.path, status: response.status))
        }
        let looksJSON = Self.looksLikeJSON(response)
        if endpoint.binary && !looksJSON {
            return .success(Reply(response: response, isJSON: false))
        }
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: response.body) as? [String: Any] else {
                return .failure(.malformed(operation: endpoint.operation, path: endpoint.path, status: response.status, detail: "not a JSON object"))
            }
            object = parsed
        } catch {
            let detail = response.body.isEmpty ? "empty body" : "\(response.body.count) bytes that are not complete JSON"
            return .failure(.malformed(operation: endpoint.operation, path: endpoint.path, status: response.status, detail: detail))
        }
        let errcode = Self.integer(object["errcode"]) ?? 0
        if errcode == 0 { return .success(Reply(response: response, isJSON: true)) }
        let msgID = object["msg_id"].flatMap { value -> String? in
            if let number = Self.integer(value) { return String(number) }
            return value as? String
        }
        return .failure(.platform(operation: endpoint.operation, path: endpoint.path, errcode: errcode, errmsg: object["errmsg"] as? String,
                                  msgID: msgID, right: endpoint.right, tokenRequest: !endpoint.authenticated))
    }

    static func looksLikeJSON(_ response: HTTPResponse) -> Bool {
        if let type = response.header("content-type")?.lowercased(), type.contains("json") { return true }
        for byte in response.body.prefix(16) {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\t") { continue }
            return byte == UInt8(ascii: "{")
        }
        return false
    }

    static func integer(_ value: Any?) -> Int? {
        if let number = value as? NSNumber { return number.intValue }
        if let text = value as? String { return Int(text) }
        return nil
    }
}
