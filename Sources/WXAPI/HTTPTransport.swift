import Foundation
import WXSupport

/// One HTTP exchange as plain values, so the client can run over URLSession, the in-process
/// sandbox, or anything else that can move bytes.
public struct HTTPRequest: Sendable, Equatable {
    public enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
    }

    public var method: Method
    public var url: URL
    /// Header names as sent; the transport does not normalise them.
    public var headers: [String: String]
    public var body: Data?
    /// Per-request timeout in seconds; nil leaves the transport's default.
    public var timeout: TimeInterval?
    /// True for requests that must not be replayed behind the client's back (uploads, draft/add,
    /// freepublish/submit, mass sends): the transport then uses a connection of its own. On a
    /// reused keep-alive connection that dies, libcurl replays GETs silently and FoundationNetworking
    /// hangs POSTs until the timeout; a fresh connection reports the loss at once.
    public var freshConnection: Bool

    public init(method: Method, url: URL, headers: [String: String] = [:], body: Data? = nil, timeout: TimeInterval? = nil,
                freshConnection: Bool = false) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.freshConnection = freshConnection
    }
}

public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    /// Header names lower-cased, so lookups do not depend on the server's spelling.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data) {
        self.status = status
        var lowered: [String: String] = [:]
        for (name, value) in headers { lowered[name.lowercased()] = value }
        self.headers = lowered
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// The seam between the client and the network. Implementations throw `TransportError` when no
/// complete HTTP response arrived (refused, timed out, connection dropped).
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// No complete HTTP response: the request may or may not have reached the server.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    public enum Reason: Sendable, Equatable {
        /// Nothing was sent (connection refused, host not found, offline): always safe to retry.
        case notConnected
        /// The request may have been delivered and acted upon (timeout, dropped connection).
        case interrupted
    }

    public var reason: Reason
    /// Readable explanation, with any URL already redacted.
    public var message: String
    /// The underlying platform code (e.g. URLError -1001), when there is one.
    public var code: Int?

    public init(reason: Reason, message: String, code: Int? = nil) {
        self.reason = reason
        self.message = Redaction.redact(message)
        self.code = code
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}
