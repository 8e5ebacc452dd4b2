import Foundation
import WXSupport

/// The two kinds of Official Account whose mass-send rules differ (wechat-api.md §5).
/// Defined here so the sandbox does not depend on the content model.
public enum SandboxAccountType: String, Sendable, Codable, CaseIterable {
    /// 订阅号 / 公众号: one successful mass send per Beijing calendar day.
    case subscription
    /// 服务号: four `is_to_all` sends per Beijing calendar month; each follower receives at most four per month.
    case service
}

/// Everything that shapes one sandbox run. Defaults give a working account with 1,000 followers.
public struct SandboxConfiguration: Sendable {
    public var accountType: SandboxAccountType
    public var appID: String
    public var secret: String
    /// 0 picks a free port.
    public var port: Int
    /// Where state (tokens, media, drafts, broadcasts, audience) persists; nil keeps it in memory.
    /// An `audience.json` found there on first start replaces the demo audience.
    public var dataDirectory: URL?
    /// The sandbox clock's start; nil starts at real time.
    public var now: Date?
    /// When false the clock stands still except when moved by `setClock`/`advanceClock`
    /// (deterministic tests); when true it advances with real time from `now`.
    public var clockFollowsRealTime: Bool
    /// Added before every `/cgi-bin/` answer.
    public var latencyMilliseconds: Int
    /// Share of `/cgi-bin/` calls answered with `-1 system error` (nothing is done).
    public var failRate: Double
    /// Share of `/cgi-bin/` calls whose connection is closed without an answer *after* the call
    /// took effect — the case a client must recover from with an idempotency key.
    public var dropRate: Double
    /// Lifetime of access tokens, in seconds (the platform's is 7200).
    public var tokenTTL: TimeInterval
    /// Size of the built-in demo audience.
    public var followerCount: Int
    /// Unverified accounts get 48001 on mass send, publish, tags and users (wechat-api.md §5, §6).
    public var isVerified: Bool
    /// Larger bodies get HTTP 413.
    public var maxBodyBytes: Int
    /// Sandbox-clock seconds a mass send stays `SENDING` before `SEND_SUCCESS`.
    public var massSendSeconds: TimeInterval
    /// Sandbox-clock seconds a freepublish job stays at `publish_status` 1 (publishing).
    public var publishSeconds: TimeInterval
    /// Platform faults on from the start (`wxpub sandbox --faults`); `failRate`, `dropRate` and
    /// `latencyMilliseconds` above are added to them.
    public var faults = SandboxFaults()

    public init(
        accountType: SandboxAccountType = .subscription,
        appID: String = "wx5a4db0c0ffee0001",
        secret: String = "5a4db0c0ffee0001sandboxsecret000",
        port: Int = 0,
        dataDirectory: URL? = nil,
        now: Date? = nil,
        clockFollowsRealTime: Bool = true,
        latencyMilliseconds: Int = 0,
        failRate: Double = 0,
        dropRate: Double = 0,
        tokenTTL: TimeInterval = 7200,
        followerCount: Int = 1000,
        isVerified: Bool = true,
        maxBodyBytes: Int = 20 * 1024 * 1024,
        massSendSeconds: TimeInterval = 5,
        publishSeconds: TimeInterval = 10
    ) {
        self.accountType = accountType
        self.appID = appID
        self.secret = secret
        self.port = port
        self.dataDirectory = dataDirectory
        self.now = now
        self.clockFollowsRealTime = clockFollowsRealTime
        self.latencyMilliseconds = latencyMilliseconds
        self.failRate = failRate
        self.dropRate = dropRate
        self.tokenTTL = tokenTTL
        self.followerCount = followerCount
        self.isVerified = isVerified
        self.maxBodyBytes = maxBodyBytes
        self.massSendSeconds = massSendSeconds
        self.publishSeconds = publishSeconds
    }
}

/// The sandbox clock: an offset from real time (or a frozen instant), movable by test hooks.
public final class SandboxClock: WXSupport.Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var offset: TimeInterval
    private var frozen: Date?

    public init(start: Date?, followsRealTime: Bool) {
        let real = Date()
        offset = (start ?? real).timeIntervalSince(real)
        frozen = followsRealTime ? nil : (start ?? real)
    }

    public func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        return frozen ?? Date().addingTimeInterval(offset)
    }

    public func set(_ date: Date) {
        lock.lock()
        if frozen != nil { frozen = date } else { offset = date.timeIntervalSince(Date()) }
        lock.unlock()
    }

    public func advance(by seconds: TimeInterval) {
        lock.lock()
        if let f = frozen { frozen = f.addingTimeInterval(seconds) } else { offset += seconds }
        lock.unlock()
    }
}
