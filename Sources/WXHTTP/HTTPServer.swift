import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small HTTP/1.1 server on a TCP socket, shared by the sandbox and `wxpub serve`: one accept
/// thread, one thread per connection, keep-alive, and the bounds of `HTTPLimits` (connection cap
/// with eviction of the slowest peer, a deadline per request, a body budget, write timeouts).
/// Every read problem becomes a 4xx/5xx answer and a closed connection; nothing a peer sends can
/// crash it or keep a normal request from being answered.
public final class HTTPServer: @unchecked Sendable {
    /// Why the server could not start, in words for the person who chose the host and port.
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
        /// The port is taken by another program.
        public let addressInUse: Bool
    }

    public let limits: HTTPLimits
    private let handler: @Sendable (HTTPRequest) -> HTTPOutcome
    private let errorResponse: @Sendable (Int, String) -> HTTPResponse
    private let budget: BodyBudget
    private let lock = NSLock()
    private var listenFD: Int32 = -1
    private var connections: [Int32: ConnectionState] = [:]
    private var running = false
    private let acceptDone = DispatchSemaphore(value: 0)
    private var evictedCount = 0
    private var refusedCount = 0

    private struct ConnectionState {
        /// When the connection started waiting for request bytes; nil while a handler runs.
        var waitingSince: Date?
        var evicted = false
    }

    /// `errorResponse` builds the answer to a request that could not be read (status, reason);
    /// plain text by default.
    public init(
        limits: HTTPLimits = HTTPLimits(),
        errorResponse: @escaping @Sendable (Int, String) -> HTTPResponse = { status, reason in .text(reason + "\n", status: status) },
        handler: @escaping @Sendable (HTTPRequest) -> HTTPOutcome
    ) {
        self.limits = limits
        self.handler = handler
        self.errorResponse = errorResponse
        self.budget = BodyBudget(limit: limits.bodyBudgetBytes)
    }

    /// Binds `host`:`port` (an IPv4 address, or `localhost`; port 0 picks a free one) and starts
    /// accepting; returns the bound port.
    public func start(host: String = "127.0.0.1", port: Int) throws -> Int {
        let address = host == "localhost" ? "127.0.0.1" : host
        var addr = in_addr()
        guard inet_pton(AF_INET, address, &addr) == 1 else {
            throw StartError(description: "cannot listen on \(host): not an IPv4 address; use 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)", addressInUse: false)
        }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else {
            throw StartError(description: "cannot create a socket: \(String(cString: strerror(errno)))", addressInUse: false)
        }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
        socketAddress.sin_addr = addr
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let code = errno
            let reason = String(cString: strerror(code))
            close(fd)
            if code == EADDRINUSE {
                throw StartError(
                    description: "port \(port) on \(address) is already in use by another program; stop it, or choose another --port (0 picks a free one)",
                    addressInUse: true)
            }
            throw StartError(description: "cannot listen on \(address):\(port): \(reason); choose another --port, or 0 for a free one", addressInUse: false)
        }
        guard listen(fd, 512) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw StartError(description: "cannot listen on \(address):\(port): \(reason)", addressInUse: false)
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
        thread.name = "wxhttp-accept"
        thread.start()
        return boundPort
    }

    /// Stops accepting, closes every open connection and waits for the accept thread to end.
    public func stop() {
        lock.lock()
        guard running else {
            lock.unlock()
            return
        }
        running = false
        let fd = listenFD
        listenFD = -1
        // Under the lock: a connection closes its descriptor under it too, so none is reused here.
        for c in connections.keys { shutdown(c, Int32(SHUT_RDWR)) }
        lock.unlock()
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
        acceptDone.wait()
    }

    /// Live connections (the cap counts these; an evicted one is already shut down and leaves the
    /// table when its thread notices), evictions and 503 refusals so far, and body bytes held now.
    public var statistics: (open: Int, evicted: Int, refused: Int, bodyBytes: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (connections.values.filter { !$0.evicted }.count, evictedCount, refusedCount, budget.inUse)
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
                if stillRunning && (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
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
            let admitted = makeRoom()
            if admitted { connections[client] = ConnectionState(waitingSince: Date()) } else { refusedCount += 1 }
            lock.unlock()
            configure(client)
            guard admitted else {
                refuse(client)
                continue
            }
            let thread = Thread { [self] in serve(client) }
            thread.name = "wxhttp-conn"
            thread.stackSize = 512 << 10
            thread.start()
        }
    }

    /// With the lock held: true when a new connection may be served, after evicting the
    /// connection that has waited longest for request bytes if the cap is reached.
    private func makeRoom() -> Bool {
        let live = connections.values.filter { !$0.evicted }.count
        guard live >= limits.maxConnections else { return true }
        let victim = connections.filter { !$0.value.evicted && $0.value.waitingSince != nil }
            .min { $0.value.waitingSince! < $1.value.waitingSince! }
        guard let (fd, _) = victim else { return false }
        connections[fd]?.evicted = true
        evictedCount += 1
        shutdown(fd, Int32(SHUT_RDWR))
        return true
    }

    private func configure(_ client: Int32) {
        var timeout = timeval(tv_sec: Int(limits.writeTimeout), tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Every connection is busy in a handler: answer 503 at once instead of queueing.
    private func refuse(_ client: Int32) {
        let connection = HTTPConnection(fd: client, limits: limits, budget: budget)
        var response = errorResponse(503, "the server is busy with \(limits.maxConnections) connections; retry in a moment")
        response.headers.append(("Retry-After", "1"))
        _ = connection.write(response, keepAlive: false)
        shutdown(client, Int32(SHUT_WR))
        close(client)
    }

    private func setWaiting(_ fd: Int32, _ waiting: Bool) {
        lock.lock()
        connections[fd]?.waitingSince = waiting ? Date() : nil
        lock.unlock()
    }

    /// Reads and discards what the peer is still sending (e.g. the rest of an oversized body) so
    /// that closing the socket does not reset the connection before the client reads our answer.
    /// Bounded in bytes and in time, so a dripping peer cannot hold the thread.
    private func drain(_ fd: Int32) {
        let until = Date().addingTimeInterval(1)
        var scratch = [UInt8](repeating: 0, count: 16 * 1024)
        var total = 0
        while total < 64 << 20 {
            let remaining = until.timeIntervalSinceNow
            if remaining <= 0 { return }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, Int32(remaining * 1000) + 1) > 0 else { return }
            let n = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return }
            total += n
        }
    }

    private func serve(_ fd: Int32) {
        let connection = HTTPConnection(fd: fd, limits: limits, budget: budget)
        defer {
            connection.releaseBody()
            lock.lock()
            connections.removeValue(forKey: fd)
            close(fd)
            lock.unlock()
        }
        while true {
            setWaiting(fd, true)
            let next: (request: HTTPRequest, keepAlive: Bool)?
            do {
                next = try connection.readRequest()
            } catch let error as HTTPReadError {
                connection.releaseBody()
                setWaiting(fd, false)
                _ = connection.write(errorResponse(error.status, error.reason), keepAlive: false)
                shutdown(fd, Int32(SHUT_WR))
                drain(fd)
                return
            } catch {
                return
            }
            guard let (request, keepAlive) = next else { return }
            setWaiting(fd, false)
            let outcome = handler(request)
            connection.releaseBody()
            switch outcome {
            case .drop:
                // Reset rather than close: a peer waiting on a reused keep-alive connection
                // notices a reset at once (libcurl otherwise sits out its whole timeout).
                var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
                setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
                return
            case .respond(let response):
                guard connection.write(response, keepAlive: keepAlive, headOnly: request.method == "HEAD") else { return }
            case .stall(let response, let bodyBytes, let seconds):
                guard connection.writePartial(response, bodyBytes: bodyBytes) else { return }
                // Silent until the time is up, the peer gives up, or the server stops (its
                // shutdown of this socket ends the wait).
                var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let until = Date().addingTimeInterval(seconds)
                var scratch = [UInt8](repeating: 0, count: 4096)
                while until.timeIntervalSinceNow > 0, poll(&pfd, 1, Int32(until.timeIntervalSinceNow * 1000) + 1) > 0 {
                    if scratch.withUnsafeMutableBytes({ recv(fd, $0.baseAddress, $0.count, 0) }) <= 0 { break }
                }
                return
            }
            if !keepAlive {
                shutdown(fd, Int32(SHUT_WR))
                return
            }
        }
    }
}
