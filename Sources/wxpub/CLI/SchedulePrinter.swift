import Foundation
import WXContent
import WXPublish

/// How the calendar reads on a terminal: one block per quota window, times in the site's zone.
enum SchedulePrinter {
    static func print(_ schedule: Schedule, config: SiteConfig, console: Console) {
        let zone = config.timeZone
        let per = config.accountType == .subscription ? "a day" : "a month"
        let limit = schedule.windows.first?.limit ?? 0
        var head = "schedule for \(config.accountName) — \(schedule.accountType) account, \(limit) broadcast\(limit == 1 ? "" : "s") \(per), bundle \(schedule.bundle)"
        if let sendTime = schedule.sendTime { head += ", send_time \(sendTime)" }
        console.out(head + "; times in \(zone.identifier)")
        console.out("as of \(SiteTime.text(schedule.now, in: zone))")
        for window in schedule.windows {
            let planned = window.used - window.usedBefore
            console.out("\nwindow \(window.id): \(window.usedBefore) of \(window.limit) used before, \(planned) planned, \(window.left) left")
            if window.broadcasts.isEmpty { console.out("    nothing goes out") }
            for b in window.broadcasts {
                let audience = b.audience == "all" ? "all followers" : b.audience == "-" ? (b.mode == .publish ? "freepublish (no push)" : "draft box") : "group \(b.group) (\(b.audience))"
                let titles = b.articles.enumerated().map { $0.offset == 0 ? $0.element.title : "+ " + $0.element.title }.joined(separator: " ")
                let resume = b.state == "resume" ? " (finishing an earlier run)" : ""
                console.out("    \(SiteTime.clock(b.at, in: zone))  \(b.mode.rawValue) to \(audience): \(titles)\(resume)")
            }
            for d in window.deferred {
                switch d.reason {
                case .waiting:
                    console.out("    waiting  \(d.title) (\(d.slug)) — due \(d.dueAt.map { SiteTime.text($0, in: zone) } ?? "later")")
                default:
                    console.out("    deferred \(d.title) (\(d.slug))\(d.group.map { " to \($0)" } ?? ""): \(d.reason.rawValue) — \(d.note)")
                }
            }
        }
    }
}

/// Times as the editor reads them: in the site's time zone, with its offset.
enum SiteTime {
    static func text(_ date: Date, in zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm xxx"
        return formatter.string(from: date)
    }

    static func clock(_ date: Date, in zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
