import Foundation
import XCTest
@testable import WXServe

/// The index's dates are worked out by arithmetic; the calendar is the reference, for every zone
/// a site may set (DST, half-hour offsets, before 1970, leap days, fractions of a second).
final class OverviewDateTests: XCTestCase {
    func calendarText(_ date: Date, _ zone: TimeZone, time: Bool) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let day = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        return time ? day + String(format: " %02d:%02d", c.hour!, c.minute!) : day
    }

    func testDatesAreTheCalendarsInEveryKindOfZone() {
        let zones = ["Asia/Shanghai", "UTC", "America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Kiritimati", "America/St_Johns"]
            .compactMap(TimeZone.init(identifier:))
        XCTAssertEqual(zones.count, 8)
        var generator = SystemRandomNumberGenerator()
        // Around the edges that matter, then spread from 1601 to 2400.
        var instants: [Double] = [0, -1, -0.5, 59.999, 951_782_400 /* 2000-02-29 */, 4_107_542_400 /* 2100-03-01 */, -11_644_473_600 /* 1601-01-01 */]
        instants += (0..<400).map { _ in Double.random(in: -11_600_000_000...13_500_000_000, using: &generator) }
        for zone in zones {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            for seconds in instants {
                let date = Date(timeIntervalSince1970: seconds)
                for time in [true, false] {
                    XCTAssertEqual(SiteOverview.format(date, calendar: calendar, time: time), calendarText(date, zone, time: time), "\(zone.identifier) \(seconds)")
                }
            }
        }
    }

    func testDatesOutsideTheArithmeticsRangeAreTheCalendarsToo() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        for seconds in [-30_000_000_000.0 /* 1019, Julian in the calendar */, -12_300_000_000 /* 1580 */] {
            let date = Date(timeIntervalSince1970: seconds)
            XCTAssertEqual(SiteOverview.format(date, calendar: calendar), calendarText(date, calendar.timeZone, time: true))
        }
    }

    func undatedPost(_ path: String) -> PreviewedPost {
        PreviewedPost(path: path, slug: "p", post: nil, article: nil, content: nil, diagnostics: [])
    }

    func testAPostWithoutPublishAtIsDatedByItsFileName() {
        let calendar = Calendar(identifier: .gregorian)
        XCTAssertEqual(SiteOverview.date(of: undatedPost("content/posts/2026-03-09-spring.md"), calendar: calendar), "2026-03-09")
        XCTAssertEqual(SiteOverview.date(of: undatedPost("2026-03-09.md"), calendar: calendar), "2026-03-09", "no folder")
        XCTAssertEqual(SiteOverview.date(of: undatedPost("content/2026-03-09/spring.md"), calendar: calendar), "", "only the file's own name counts")
        XCTAssertEqual(SiteOverview.date(of: undatedPost("content/posts/2026-3-09-spring.md"), calendar: calendar), "")
        XCTAssertEqual(SiteOverview.date(of: undatedPost("content/posts/２０２６-03-09-spring.md"), calendar: calendar), "", "ASCII digits only")
    }

    func testADateWhoseLastDigitCarriesACombiningMarkIsNoDate() {
        // `9` + U+0301 is one character: the name's first ten characters are not a date.
        let calendar = Calendar(identifier: .gregorian)
        XCTAssertEqual(SiteOverview.date(of: undatedPost("content/posts/2026-03-09\u{301}-spring.md"), calendar: calendar), "")
        XCTAssertEqual(SiteOverview.date(of: undatedPost("content/posts/2026-03-09春.md"), calendar: calendar), "2026-03-09")
    }

    func testCivilDatesOfKnownDays() {
        XCTAssertTrue(SiteOverview.civilDate(days: 0) == (1970, 1, 1))
        XCTAssertTrue(SiteOverview.civilDate(days: -1) == (1969, 12, 31))
        XCTAssertTrue(SiteOverview.civilDate(days: 11_016) == (2000, 2, 29))
        XCTAssertTrue(SiteOverview.civilDate(days: 20_818) == (2026, 12, 31))
    }
}
