import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a request could not be read; becomes a clean 4xx answer and the connection is closed.
struct HTTPReadError: Error {
    let status: Int
    let reason: String
}

/// Reads HTTP/1.1 requests off one socket: request line, headers, `Content-Length` or chunked
/// bodies, `Expect: 100-continue`, with caps on header and body sizes.
final class HTTPConnection {
    static let maxHeaderBytes = 64 * 1024

    let fd: Int32
    let maxBodyBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0  // consumed prefix of buffer

    init(fd: Int32, maxBodyBytes: Int) {
        self.fd = fd
        self.maxBodyBytes = maxBodyBytes
    }

    private var available: Int { buffer.count - start }

    /// Reads more bytes; false at end of stream or on error (including the idle timeout).
    private func fill() -> Bool {
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 1 << 20 {
            buffer.removeFirst(start)
            start = 0
        }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                buffer.append(contentsOf: chunk[0..<n])
                return true
            }
            if n < 0 && errno == EINTR { continue }
            return false
        }
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
            guard fill() else { return nil }
        }
    }

    private func readExactly(_ count: Int) -> [UInt8]? {
        while available < count {
            guard fill() else { return nil }
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

    /// Next request, nil when the peer closed the connection cleanly between requests.
    /// `keepAlive` reports whether the connection may serve another request afterwards.
    func readRequest() throws -> (request: SandboxHTTPRequest, keepAlive: Bool)? {
        // Tolerate stray CRLFs between requests (RFC 9112 §2.2).
        var headerEnd: Int?
        var searched = 0
        while true {
            while available >= 2 && buffer[start] == 0x0D && buffer[start + 1] == 0x0A { start += 2 }
            if let end = findHeaderEnd(from: searched) { headerEnd = end; break }
            searched = available
            if available > HTTPConnection.maxHeaderBytes {
                throw HTTPReadError(status: 431, reason: "request headers larger than \(HTTPConnection.maxHeaderBytes) bytes")
            }
            guard fill() else {
                if available == 0 { return nil }
                throw HTTPReadError(status: 400, reason: "connection closed in the middle of the request headers")
            }
        }
        guard let headerLength = headerEnd else { return nil }
        if headerLength > HTTPConnection.maxHeaderBytes {
            throw HTTPReadError(status: 431, reason: "request headers larger than \(HTTPConnection.maxHeaderBytes) bytes")
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

        // Body framing.
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
                        guard let trailer = try readLine(limit: HTTPConnection.maxHeaderBytes) else {
                            throw HTTPReadError(status: 400, reason: "connection closed in chunked trailers")
                        }
                        if trailer.isEmpty { break }
                    }
                    break
                }
                if body.count + size > maxBodyBytes {
                    throw HTTPReadError(status: 413, reason: "request body exceeds the \(maxBodyBytes)-byte limit")
                }
                guard let chunk = readExactly(size + 2) else {
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
            guard let bytes = readExactly(length) else {
                throw HTTPReadError(status: 400, reason: "connection closed before the \(length)-byte body was complete")
            }
            body = bytes
        }

        let request = SandboxHTTPRequest(
            method: String(parts[0]),
            path: URLDecoding.decode(path, plusIsSpace: false),
            query: URLDecoding.query(queryText),
            headers: headers,
            body: Data(body))
        return (request, keepAlive)
    }

    func write(_ response: SandboxHTTPResponse, keepAlive: Bool, headOnly: Bool = false) -> Bool {
        var head = "HTTP/1.1 \(response.status) \(SandboxHTTPResponse.reason(for: response.status))\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(response.body.count)\r\n"
        head += "Connection: \(keepAlive ? "keep-alive" : "close")\r\n\r\n"
        var bytes = Array(head.utf8)
        if !headOnly { bytes.append(contentsOf: response.body) }
        return send(bytes)
    }
}
