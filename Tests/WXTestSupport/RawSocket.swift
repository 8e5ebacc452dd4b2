import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A raw TCP client on 127.0.0.1, so tests can send exactly the bytes a broken, slow or hostile
/// peer would.
public final class RawSocket {
    public let fd: Int32

    /// `timeout`: how long a read waits for the next bytes before giving up.
    public init(port: Int, timeout: Int = 5) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
        var t = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &t, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    @discardableResult
    public func write(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    @discardableResult
    public func write(_ text: String) -> Bool { write(Array(text.utf8)) }

    /// Everything until the peer closes (or the read timeout passes in silence).
    public func readAll() -> String {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One response with a Content-Length body (no body for `head`).
    public func readResponse(head isHead: Bool = false) -> String {
        var out: [UInt8] = []
        var byte = [UInt8](repeating: 0, count: 1)
        while !(out.count >= 4 && Array(out.suffix(4)) == [13, 10, 13, 10]) {
            guard recv(fd, &byte, 1, 0) == 1 else { return String(decoding: out, as: UTF8.self) }
            out.append(byte[0])
        }
        let head = String(decoding: out, as: UTF8.self)
        if isHead { return head }
        let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
            .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
        var body = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while body.count < length {
            let want = min(buffer.count, length - body.count)
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, want, 0) }
            guard n > 0 else { break }
            body.append(contentsOf: buffer[0..<n])
        }
        return head + String(decoding: body, as: UTF8.self)
    }

    /// True when the peer has closed (or reset) the connection: a read returns at once with nothing.
    public func isClosedByPeer() -> Bool {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, 0) <= 0
    }
}
