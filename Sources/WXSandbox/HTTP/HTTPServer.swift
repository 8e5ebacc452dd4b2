import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the application layer decided for one request.
enum HTTPOutcome {
    case respond(SandboxHTTPResponse)
    /// Close the connection without answering (the `drop_rate` fault).
    case drop
}

/// A small HTTP/1.1 server on a loopback TCP socket: one accept thread, one thread per
/// connection (blocking reads with an idle timeout), keep-alive, and a body cap. Every read
/// problem becomes a 4xx answer and a closed connection; nothing a peer sends can crash it.
final class HTTPServer: @unchecked Sendable {
    struct StartError: Error, CustomStringConvertible {
        let description: String
    }

    private let handler: @Sendable (SandboxHTTPRequest) -> HTTPOutcome
    private let maxBodyBytes: Int
    private let idleTimeoutSeconds: Int
    private let lock = NSLock()
    private var listenFD: Int32 = -1
    private var connections: Set<Int32> = []
    private var running = false
    private let acceptDone = DispatchSemaphore(value: 0)

    init(maxBodyBytes: Int, idleTimeoutSeconds: Int = 30, handler: @escaping @Sendable (SandboxHTTPRequest) -> HTTPOutcome) {
        self.maxBodyBytes = maxBodyBytes
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.handler = handler
    }

    /// Binds 127.0.0.1:`port` (0 picks a free port) and starts accepting; returns the bound port.
    func start(port: Int) throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw StartError(description: "cannot create a socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw StartError(description: "cannot listen on 127.0.0.1:\(port): \(reason); choose another --port, or 0 for a free one")
        }
        guard listen(fd, 128) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw StartError(description: "cannot listen on 127.0.0.1:\(port): \(reason)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        let boundPort = Int(UInt16(bigEndian: actual.sin_port))
        lock.lock()
        listenFD = fd
        running = true
        lock.unlock()
        let thread = Thread { [self] in acceptLoop(fd) }
        thread.name = "wxsandbox-accept"
        thread.start()
        return boundPort
    }

    /// Stops accepting, closes every open connection and waits for the accept thread to end.
    func stop() {
        lock.lock()
        guard running else {
            lock.unlock()
            return
        }
        running = false
        let fd = listenFD
        listenFD = -1
        let open = connections
        lock.unlock()
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
        for c in open { shutdown(c, Int32(SHUT_RDWR)) }
        acceptDone.wait()
    }

    private func acceptLoop(_ fd: Int32) {
        defer { acceptDone.signal() }
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                lock.lock()
                let stillRunning = running
                lock.unlock()
                if stillRunning && (errno == EMFILE || errno == ENFILE) {
                    usleep(10_000)
                    continue
                }
                return
            }
            lock.lock()
            guard running else {
                lock.unlock()
                close(client)
                return
            }
            connections.insert(client)
            lock.unlock()
            var timeout = timeval(tv_sec: idleTimeoutSeconds, tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var one: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let thread = Thread { [self] in serve(client) }
            thread.name = "wxsandbox-conn"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Reads and discards what the peer is still sending (e.g. the rest of an oversized body) so
    /// that closing the socket does not reset the connection before the client reads our answer.
    private func drain(_ fd: Int32) {
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var scratch = [UInt8](repeating: 0, count: 64 * 1024)
        var total = 0
        while total < 64 << 20 {
            let n = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return }
            total += n
        }
    }

    private func serve(_ fd: Int32) {
        defer {
            lock.lock()
            connections.remove(fd)
            lock.unlock()
            close(fd)
        }
        let connection = HTTPConnection(fd: fd, maxBodyBytes: maxBodyBytes)
        while true {
            let next: (request: SandboxHTTPRequest, keepAlive: Bool)?
            do {
                next = try connection.readRequest()
            } catch let error as HTTPReadError {
                let body = JSONValue.object([("error", .string(error.reason))])
                _ = connection.write(.json(body, status: error.status), keepAlive: false)
                shutdown(fd, Int32(SHUT_WR))
                drain(fd)
                return
            } catch {
                return
            }
            guard let (request, keepAlive) = next else { return }
            switch handler(request) {
            case .drop:
                // Reset rather than close: a peer waiting on a reused keep-alive connection
                // notices a reset at once (libcurl otherwise sits out its whole timeout).
                var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
                setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
                return
            case .respond(let response):
                guard connection.write(response, keepAlive: keepAlive, headOnly: request.method == "HEAD") else { return }
            }
            if !keepAlive {
                shutdown(fd, Int32(SHUT_WR))
                return
            }
        }
    }
}
