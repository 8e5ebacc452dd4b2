import Foundation
import WXContent

/// How many broadcasts (群发) an account may make, and in which calendar window.
/// 订阅号: one a calendar day; 服务号: four a calendar month — both in Beijing time, where the
/// platform resets its counters at 0:00.
public struct BroadcastQuota: Sendable, Equatable {
    public enum Period: String, Sendable, Codable { case day, month }

    public var period: Period
    public var limit: Int
    public var timeZone: TimeZone

    public init(period: Period, limit: Int, timeZone: TimeZone = BroadcastQuota.beijing) {
        self.period = period
        self.limit = limit
        self.timeZone = timeZone
    }

    public static let beijing = TimeZone(identifier: "Asia/Shanghai")!

    /// The platform's rule for the account type, with the config's override of the count.
    public init(accountType: SiteConfig.AccountType, limit: Int? = nil) {
        switch accountType {
        case .subscription: self.init(period: .day, limit: limit ?? 1)
        case .service: self.init(period: .month, limit: limit ?? 4)
        }
    }

    /// The calendar window holding `date`.
    public func window(containing date: Date) -> Window {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        switch period {
        case .day:
            let start = calendar.date(from: DateComponents(year: c.year, month: c.month, day: c.day))!
            let end = calendar.date(byAdding: .day, value: 1, to: start)!
            return Window(id: String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!), start: start, end: end)
        case .month:
            let start = calendar.date(from: DateComponents(year: c.year, month: c.month, day: 1))!
            let end = calendar.date(byAdding: .month, value: 1, to: start)!
            return Window(id: String(format: "%04d-%02d", c.year!, c.month!), start: start, end: end)
        }
    }

    /// A quota window: `2026-11-25` (a day) or `2026-11` (a month), Beijing time.
    public struct Window: Sendable, Hashable, Codable, CustomStringConvertible {
        public var id: String
        public var start: Date
        public var end: Date

        public func contains(_ date: Date) -> Bool { date >= start && date < end }
        public var description: String { id }
    }
}
