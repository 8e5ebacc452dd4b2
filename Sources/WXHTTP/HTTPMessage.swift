import Foundation

/// One parsed HTTP/1.1 request as an application's router sees it.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The decoded path without the query, e.g. `/cgi-bin/draft/add`.
    public var path: String
    /// The request target's path exactly as sent (still percent-encoded), for callers that must
    /// tell `/a%2Fb` from `/a/b`.
    public var rawPath: String
    /// Decoded query parameters; the last value wins for repeated names.
    public var query: [String: String]
    /// Header names lower-cased.
    public var headers: [String: String]
    public var body: Data

    public init(
        method: String, path: String, rawPath: String? = nil, query: [String: String] = [:], headers: [String: String] = [:],
        body: Data = Data()
    ) {
        self.method = method
        self.path = path
        self.rawPath = rawPath ?? path
        self.query = query
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// What a route answers; the server adds `Content-Length` and `Connection`.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: Data

    public init(status: Int = 200, headers: [(String, String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func text(_ text: String, status: Int) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Data(text.utf8))
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    public static func reason(for status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 200: return "OK"
        case 204: return "No Content"
        case 301: return "Moved Permanently"
        case 304: return "Not Modified"
        case 400: return "Bad Request"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 411: return "Length Required"
        case 413: return "Payload Too Large"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 503: return "Service Unavailable"
        case 505: return "HTTP Version Not Supported"
        default: return "Status \(status)"
        }
    }
}

/// What the application decided for one request.
public enum HTTPOutcome: Sendable {
    case respond(HTTPResponse)
    /// Close the connection without answering (the sandbox's `drop_rate` fault): a reset, so a
    /// client waiting on a reused keep-alive connection notices at once.
    case drop
    /// Send the head and the first `bodyBytes` bytes of the body, then go silent for `stall`
    /// seconds (or until the server stops) and close: a connection that stalls mid-body, for
    /// fault injection.
    case stall(HTTPResponse, bodyBytes: Int, stall: TimeInterval)
}

/// Percent-decoding for paths and `application/x-www-form-urlencoded` query strings.
public enum URLDecoding {
    public static func decode(_ text: Substring, plusIsSpace: Bool) -> String {
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        var i = 0
        func hexValue(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x41...0x46: return c - 0x41 + 10
            case 0x61...0x66: return c - 0x61 + 10
            default: return nil
            }
        }
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "%"), i + 2 < bytes.count, let h = hexValue(bytes[i + 1]), let l = hexValue(bytes[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else if c == UInt8(ascii: "+"), plusIsSpace {
                out.append(0x20)
                i += 1
            } else {
                out.append(c)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func query(_ text: Substring) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            if let eq = pair.firstIndex(of: "=") {
                result[decode(pair[..<eq], plusIsSpace: true)] = decode(pair[pair.index(after: eq)...], plusIsSpace: true)
            } else {
                result[decode(pair, plusIsSpace: true)] = ""
            }
        }
        return result
    }
}
