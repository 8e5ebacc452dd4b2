import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a request could not be read; becomes a clean 4xx/5xx answer and the connection is closed.
struct HTTPReadError: Error {
    let status: Int
    let reason: String
}

/// Reads HTTP/1.1 requests off one socket: request line, headers, `Content-Length` or chunked
/// bodies, `Expect: 100-continue`, with caps on header and body sizes, a deadline for the whole
/// request, and body bytes taken from the server-wide budget.
final class HTTPConnection {
    let fd: Int32
    let limits: HTTPLimits
    let budget: BodyBudget
    private var buffer: [UInt8] = []
    private var start = 0  // consumed prefix of buffer
    private var chunk = [UInt8](repeating: 0, count: 16 * 1024)
    /// When the request being read must be complete; nil while waiting for its first byte.
    private var deadline: Date?
    /// Body bytes of the current request taken from the budget; the server releases them.
    private(set) var reserved = 0

    init(fd: Int32, limits: HTTPLimits, budget: BodyBudget) {
        self.fd = fd
        self.limits = limits
        self.budget = budget
    }

    private var available: Int { buffer.count - start }

    /// Gives the current request's body bytes back to the budget (after it was handled).
    func releaseBody() {
        budget.release(reserved)
        reserved = 0
    }

    private func reserve(_ bytes: Int) throws {
        guard budget.reserve(bytes) else {
            throw HTTPReadError(status: 503, reason: "the server is holding too many request bodies; retry in a moment")
        }
        reserved += bytes
    }

    /// Reads more bytes. False at end of stream, on a read error, or when an idle keep-alive
    /// connection saw no new request in time; throws 408 when the request's deadline passes.
    private func fill() throws -> Bool {
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 1 << 20 {
            buffer.removeFirst(start)
            start = 0
        }
        while true {
            let wait: TimeInterval
            if let deadline {
                wait = deadline.timeIntervalSinceNow
                if wait <= 0 { throw deadlinePassed() }
            } else {
                wait = limits.idleTimeout
            }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, Int32(min(max(wait * 1000, 1), Double(Int32.max))))
            if ready < 0 {
                if errno == EINTR { continue }
                return false
            }
            if ready == 0 {
                if deadline != nil { throw deadlinePassed() }
                return false
            }
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                if deadline == nil { deadline = Date().addingTimeInterval(limits.requestDeadline) }
                buffer.append(contentsOf: chunk[0..<n])
                return true
            }
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            return false
        }
    }

    private func deadlinePassed() -> HTTPReadError {
        HTTPReadError(status: 408, reason: "the request was not complete within \(Int(limits.requestDeadline)) seconds")
    }

    private func take(_ count: Int) -> [UInt8] {
        let out = Array(buffer[start..<start + count])
        start += count
        return out
    }

    /// Index (relative to `start`) of the first CRLFCRLF, searching from `from`.
    private func findHeaderEnd(from: Int) -> Int? {
        var i = max(start, start + from - 3)
        while i + 3 < buffer.count {
            if buffer[i] == 0x0D && buffer[i + 1] == 0x0A && buffer[i + 2] == 0x0D && buffer[i + 3] == 0x0A {
                return i - start
            }
            i += 1
        }
        return nil
    }

    private func readLine(limit: Int) throws -> [UInt8]? {
        var scanned = 0
        while true {
            var i = start + scanned
            while i + 1 < buffer.count {
                if buffer[i] == 0x0D && buffer[i + 1] == 0x0A {
                    let line = Array(buffer[start..<i])
                    start = i + 2
                    return line
                }
                i += 1
            }
            scanned = max(0, available - 1)
            if available > limit { throw HTTPReadError(status: 400, reason: "line too long in chunked body") }
            guard try fill() else { return nil }
        }
    }

    private func readExactly(_ count: Int) throws -> [UInt8]? {
        while available < count {
            guard try fill() else { return nil }
        }
        return take(count)
    }

    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                Foundation.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }

    /// Next request, nil when the peer closed the connection (or stayed idle) between requests.
    /// `keepAlive` reports whether the connection may serve another request afterwards.
    func readRequest() throws -> (request: HTTPRequest, keepAlive: Bool)? {
        deadline = available > 0 ? Date().addingTimeInterval(limits.requestDeadline) : nil
        let maxHeaderBytes = limits.maxHeaderBytes
        // Tolerate stray CRLFs between requests (RFC 9112 §2.2).
        var headerEnd: Int?
        var searched = 0
        while true {
            while available >= 2 && buffer[start] == 0x0D && buffer[start + 1] == 0x0A { start += 2 }
            if let end = findHeaderEnd(from: searched) { headerEnd = end; break }
            searched = available
            if available > maxHeaderBytes {
                throw HTTPReadError(status: 431, reason: "request headers larger than \(maxHeaderBytes) bytes")
            }
            guard try fill() else {
                if available == 0 { return nil }
                throw HTTPReadError(status: 400, reason: "connection closed in the middle of the request headers")
            }
        }
        guard let headerLength = headerEnd else { return nil }
        if headerLength > maxHeaderBytes {
            throw HTTPReadError(status: 431, reason: "request headers larger than \(maxHeaderBytes) bytes")
        }
        let head = take(headerLength)
        start += 4
        guard let headText = String(validating: head, as: UTF8.self) else {
            throw HTTPReadError(status: 400, reason: "request head is not valid UTF-8")
        }
        var lines = headText.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard !lines.isEmpty else { throw HTTPReadError(status: 400, reason: "empty request") }
        let requestLine = lines.removeFirst()
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty,
            parts[0].utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") })
        else {
            throw HTTPReadError(status: 400, reason: "malformed request line")
        }
        let version = parts[2]
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            if version.hasPrefix("HTTP/") { throw HTTPReadError(status: 505, reason: "only HTTP/1.0 and HTTP/1.1 are served") }
            throw HTTPReadError(status: 400, reason: "malformed request line")
        }
        var headers: [String: String] = [:]
        var contentLengths: Set<String> = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":"), colon > line.startIndex else {
                throw HTTPReadError(status: 400, reason: "malformed header line")
            }
            let name = line[..<colon]
            guard !name.contains(" "), !name.contains("\t") else { throw HTTPReadError(status: 400, reason: "malformed header name") }
            let key = name.lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if key == "content-length" {
                for v in value.split(separator: ",") { contentLengths.insert(v.trimmingCharacters(in: .whitespaces)) }
            }
            if let existing = headers[key] { headers[key] = existing + ", " + value } else { headers[key] = value }
        }

        let target = parts[1]
        guard target.hasPrefix("/") else { throw HTTPReadError(status: 400, reason: "request target must be an absolute path") }
        let path: Substring
        let queryText: Substring
        if let q = target.firstIndex(of: "?") {
            path = target[..<q]
            queryText = target[target.index(after: q)...]
        } else {
            path = target
            queryText = ""
        }

        let isHTTP10 = version == "HTTP/1.0"
        let connectionTokens = (headers["connection"] ?? "").lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let keepAlive = isHTTP10 ? connectionTokens.contains("keep-alive") : !connectionTokens.contains("close")

        let body = try readBody(headers: headers, contentLengths: contentLengths)
        let request = HTTPRequest(
            method: String(parts[0]),
            path: URLDecoding.decode(path, plusIsSpace: false),
            rawPath: String(path),
            query: URLDecoding.query(queryText),
            headers: headers,
            body: Data(body))
        return (request, keepAlive)
    }

    private func readBody(headers: [String: String], contentLengths: Set<String>) throws -> [UInt8] {
        let maxBodyBytes = limits.maxBodyBytes
        let transferEncoding = headers["transfer-encoding"]?.lowercased()
        if transferEncoding != nil && !contentLengths.isEmpty {
            throw HTTPReadError(status: 400, reason: "both Transfer-Encoding and Content-Length given")
        }
        if (headers["expect"] ?? "").lowercased() == "100-continue" && (transferEncoding != nil || !contentLengths.isEmpty) {
            if let declared = contentLengths.first.flatMap({ Int($0) }), declared > maxBodyBytes {
                throw HTTPReadError(status: 413, reason: "request body of \(declared) bytes exceeds the \(maxBodyBytes)-byte limit")
            }
            _ = send(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        var body: [UInt8] = []
        if let te = transferEncoding {
            guard te == "chunked" else { throw HTTPReadError(status: 501, reason: "unsupported Transfer-Encoding \(te)") }
            while true {
                guard let sizeLine = try readLine(limit: 4096) else {
                    throw HTTPReadError(status: 400, reason: "connection closed in a chunked body")
                }
                let sizeText = String(decoding: sizeLine, as: UTF8.self).split(separator: ";", maxSplits: 1).first.map {
                    $0.trimmingCharacters(in: .whitespaces)
                } ?? ""
                guard !sizeText.isEmpty, sizeText.count <= 16, let size = Int(sizeText, radix: 16), size >= 0 else {
                    throw HTTPReadError(status: 400, reason: "bad chunk size")
                }
                if size == 0 {
                    // Trailers until an empty line.
                    while true {
                        guard let trailer = try readLine(limit: limits.maxHeaderBytes) else {
                            throw HTTPReadError(status: 400, reason: "connection closed in chunked trailers")
                        }
                        if trailer.isEmpty { break }
                    }
                    break
                }
                if body.count + size > maxBodyBytes {
                    throw HTTPReadError(status: 413, reason: "request body exceeds the \(maxBodyBytes)-byte limit")
                }
                try reserve(size)
                guard let chunk = try readExactly(size + 2) else {
                    throw HTTPReadError(status: 400, reason: "connection closed in a chunk")
                }
                guard chunk[size] == 0x0D && chunk[size + 1] == 0x0A else {
                    throw HTTPReadError(status: 400, reason: "chunk not followed by CRLF")
                }
                body.append(contentsOf: chunk[0..<size])
            }
        } else if !contentLengths.isEmpty {
            guard contentLengths.count == 1, let text = contentLengths.first, !text.isEmpty, text.count <= 18,
                text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let length = Int(text)
            else {
                throw HTTPReadError(status: 400, reason: "bad Content-Length")
            }
            if length > maxBodyBytes {
                throw HTTPReadError(status: 413, reason: "request body of \(length) bytes exceeds the \(maxBodyBytes)-byte limit")
            }
            try reserve(length)
            guard let bytes = try readExactly(length) else {
                throw HTTPReadError(status: 400, reason: "connection closed before the \(length)-byte body was complete")
            }
            body = bytes
        }
        return body
    }

    /// The head (with the full `Content-Length`) and only the first `bodyBytes` bytes of the body.
    func writePartial(_ response: HTTPResponse, bodyBytes: Int) -> Bool {
        var head = "HTTP/1.1 \(response.status) \(HTTPResponse.reason(for: response.status))\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(response.body.count)\r\nConnection: close\r\n\r\n"
        return send(Array(head.utf8) + response.body.prefix(max(0, bodyBytes)))
    }

    func write(_ response: HTTPResponse, keepAlive: Bool, headOnly: Bool = false) -> Bool {
        var head = "HTTP/1.1 \(response.status) \(HTTPResponse.reason(for: response.status))\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(response.body.count)\r\n"
        head += "Connection: \(keepAlive ? "keep-alive" : "close")\r\n\r\n"
        var bytes = Array(head.utf8)
        if !headOnly { bytes.append(contentsOf: response.body) }
        return send(bytes)
    }
}
