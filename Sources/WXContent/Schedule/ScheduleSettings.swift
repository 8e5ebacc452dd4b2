import Foundation
import WXSupport

/// `send_time: "20:00"` in wxpub.yml: the preferred time of day (in the site's time zone) at which
/// due posts go out. A post whose `publish_at` is only a date goes out at this time that day; a
/// post with no `publish_at` waits for the next one.
public struct SendTime: Sendable, Equatable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int

    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    /// `HH:MM` (24-hour); nil for anything else.
    public init?(parsing text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m) else { return nil }
        self.init(hour: h, minute: m)
    }

    public var description: String { String(format: "%02d:%02d", hour, minute) }

    /// This time of day on the calendar day (in `zone`) that holds `date`.
    public func on(dayOf date: Date, in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return calendar.date(from: DateComponents(year: c.year, month: c.month, day: c.day, hour: hour, minute: minute))!
    }

    /// The first occurrence of this time of day at or after `date`.
    public func next(atOrAfter date: Date, in zone: TimeZone) -> Date {
        let today = on(dayOf: date, in: zone)
        if today >= date { return today }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return on(dayOf: calendar.date(byAdding: .day, value: 1, to: today)!, in: zone)
    }
}

/// `bundle:` in wxpub.yml: whether due posts for the same audience that compete for one quota
/// window go out together as one broadcast (a scarce daily slot carries up to 8 articles).
public enum BundlePolicy: String, Sendable, Codable, CaseIterable {
    /// Bundle due posts per audience, highest priority as the headline.
    case auto
    /// One post per broadcast, in priority order.
    case never
}

extension SiteConfig {
    /// The bundling in effect: wxpub.yml's `bundle:`, else `auto` on a subscription account (one
    /// broadcast a day) and `never` on a service account.
    public var effectiveBundle: BundlePolicy {
        bundle ?? (accountType == .subscription ? .auto : .never)
    }
}
