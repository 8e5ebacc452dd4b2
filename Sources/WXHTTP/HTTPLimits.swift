import Foundation

/// What one server holds at most, so no peer — slow, broken or hostile — can exhaust its file
/// descriptors, threads or memory, and a normal request is still answered promptly.
public struct HTTPLimits: Sendable {
    /// Open connections at once. At the cap, a new connection evicts the one that has waited
    /// longest for request bytes (a slow or idle peer); when every connection is busy in a
    /// handler, the new one is answered 503.
    public var maxConnections: Int
    /// Request line plus headers.
    public var maxHeaderBytes: Int
    /// One request body.
    public var maxBodyBytes: Int
    /// Bodies of every connection together, held while read and handled; a request that would go
    /// over is answered 503 with `Retry-After`.
    public var bodyBudgetBytes: Int
    /// From a request's first byte to its last body byte: a peer dripping a byte at a time is
    /// answered 408 and closed when it runs out.
    public var requestDeadline: TimeInterval
    /// How long a keep-alive connection waits for the next request's first byte.
    public var idleTimeout: TimeInterval
    /// How long one write may block on a peer that does not read.
    public var writeTimeout: TimeInterval

    public init(
        maxConnections: Int = 256, maxHeaderBytes: Int = 64 * 1024, maxBodyBytes: Int = 20 * 1024 * 1024,
        bodyBudgetBytes: Int? = nil, requestDeadline: TimeInterval = 30, idleTimeout: TimeInterval = 30, writeTimeout: TimeInterval = 30
    ) {
        self.maxConnections = max(1, maxConnections)
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
        self.bodyBudgetBytes = bodyBudgetBytes ?? max(4 * maxBodyBytes, 64 * 1024 * 1024)
        self.requestDeadline = requestDeadline
        self.idleTimeout = idleTimeout
        self.writeTimeout = writeTimeout
    }
}

/// Bytes of request bodies in flight across all connections, against `HTTPLimits.bodyBudgetBytes`.
final class BodyBudget: @unchecked Sendable {
    private let lock = NSLock()
    private let limit: Int
    private var used = 0

    init(limit: Int) { self.limit = limit }

    /// Takes `bytes` from the budget; false (nothing taken) when they do not fit.
    func reserve(_ bytes: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard bytes <= limit - used else { return false }
        used += bytes
        return true
    }

    func release(_ bytes: Int) {
        lock.lock()
        used = max(0, used - bytes)
        lock.unlock()
    }

    var inUse: Int {
        lock.lock()
        defer { lock.unlock() }
        return used
    }
}
