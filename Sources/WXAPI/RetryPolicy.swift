import Foundation
import WXSupport

/// Exponential backoff with jitter, bounded both in attempts and in total waiting time, so a
/// flaky network costs seconds, never an unbounded hang. The default (6 attempts, waits of
/// 0.5–1, 1–2, 2–4, 4–8, 8–16 s, at most 120 s in all) leaves room for the one-minute wait that
/// 45011 and 45066 ask for.
public struct RetryPolicy: Sendable, Equatable {
    /// Requests per call, the first one included (1 disables retries).
    public var maxAttempts: Int
    /// The wait before the first retry, before jitter.
    public var baseDelay: TimeInterval
    /// No single wait is longer than this.
    public var maxDelay: TimeInterval
    /// The waits of one call add up to at most this; a retry that would exceed it is not made.
    public var maxTotalDelay: TimeInterval

    public init(maxAttempts: Int = 6, baseDelay: TimeInterval = 1, maxDelay: TimeInterval = 30, maxTotalDelay: TimeInterval = 120) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxTotalDelay = maxTotalDelay
    }

    public static let `default` = RetryPolicy()
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The wait before retry number `retry` (1 for the first retry): `baseDelay · 2^(retry-1)`,
    /// capped at `maxDelay`, then scaled into its upper half by `jitter` in 0..<1 ("equal
    /// jitter": never less than half the step, so retries from many processes spread out
    /// without collapsing to zero).
    public func delay(beforeRetry retry: Int, jitter: Double) -> TimeInterval {
        let exponent = Double(max(0, retry - 1))
        let step = min(maxDelay, baseDelay * pow(2, exponent))
        let unit = min(max(jitter, 0), 1)
        return step / 2 + step / 2 * unit
    }
}

/// Waiting between retries, injectable so tests run at full speed and can read the schedule.
public typealias Sleeper = @Sendable (TimeInterval) async throws -> Void

public enum Sleepers {
    /// Real waiting with `Task.sleep`.
    public static let real: Sleeper = { seconds in
        if seconds > 0 { try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000)) }
    }
}
