import Foundation
import WXSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The production transport. Foundation on Linux reports failures as bare codes ("error -1001"),
/// so they are mapped here to sentences an operator can act on.
public final class URLSessionTransport: HTTPTransport, @unchecked Sendable {
    private let session: URLSession
    private let configuration: URLSessionConfiguration
    public let timeout: TimeInterval

    /// - Parameters:
    ///   - timeout: seconds to wait for the server to answer (per request).
    ///   - resourceTimeout: seconds an entire exchange may take, uploads included.
    public init(timeout: TimeInterval = 30, resourceTimeout: TimeInterval = 120) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = resourceTimeout
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
        self.configuration = configuration
        self.timeout = timeout
    }

    deinit { session.finishTasksAndInvalidate() }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method.rawValue
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        urlRequest.timeoutInterval = request.timeout ?? timeout
        let data: Data
        let response: URLResponse
        // A session of its own means no pooled connection: nothing is replayed, and a lost answer
        // is reported at once instead of after the timeout.
        let oneOff = request.freshConnection ? URLSession(configuration: configuration) : nil
        defer { oneOff?.finishTasksAndInvalidate() }
        do {
            (data, response) = try await (oneOff ?? session).data(for: urlRequest)
        } catch {
            throw Self.describe(error, url: request.url, timeout: urlRequest.timeoutInterval)
        }
        guard let http = response as? HTTPURLResponse else {
            throw TransportError(reason: .interrupted, message: "\(request.url.absoluteString) answered with something that is not HTTP")
        }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key] = value }
        }
        return HTTPResponse(status: http.statusCode, headers: headers, body: data)
    }

    /// Maps URLError codes to a reason and a sentence; the URL is redacted by `TransportError`.
    static func describe(_ error: Error, url: URL, timeout: TimeInterval) -> TransportError {
        let code = (error as? URLError)?.errorCode ?? (error as NSError).code
        let host = url.host ?? url.absoluteString
        let seconds = Int(timeout.rounded())
        switch code {
        case -1001:
            return TransportError(reason: .interrupted, message: "no answer from \(host) within \(seconds) s (timed out)", code: code)
        case -1003:
            return TransportError(reason: .notConnected, message: "cannot resolve host \(host): check the API base URL and DNS", code: code)
        case -1004:
            return TransportError(reason: .notConnected, message: "cannot connect to \(host): nothing is listening there or a firewall refuses it", code: code)
        case -1005:
            return TransportError(reason: .interrupted, message: "the connection to \(host) was lost before the answer arrived", code: code)
        case -1009:
            return TransportError(reason: .notConnected, message: "this machine is not connected to the network", code: code)
        case -1011, -1017:
            return TransportError(reason: .interrupted, message: "\(host) closed the connection without a complete answer", code: code)
        case -1200, -1201, -1202, -1203, -1204, -1205, -1206:
            return TransportError(reason: .notConnected, message: "the TLS connection to \(host) failed (certificate or protocol problem)", code: code)
        case -999:
            return TransportError(reason: .interrupted, message: "the request to \(host) was cancelled", code: code)
        default:
            return TransportError(reason: .interrupted, message: "the request to \(url.absoluteString) failed: \(error.localizedDescription) (code \(code))", code: code)
        }
    }
}
