import Foundation
import WXContent

/// Builds the calendar of the next quota windows by playing `publish` forward: in each window it
/// runs the planner at every moment something can become due (the window's start, each post's due
/// time, each send_time) and records what would go out as if sent, in a copy of the journal. No
/// network, no secrets; the real journal is never written.
public struct Scheduler: Sendable {
    public var planner: Planner

    public init(planner: Planner) { self.planner = planner }

    /// Default horizon: a week of days on a subscription account, three months on a service account.
    public static func defaultWindows(for type: SiteConfig.AccountType) -> Int {
        type == .subscription ? 7 : 3
    }

    /// A post that could not be compiled: listed as deferred for its errors.
    public struct Failed: Sendable {
        public var slug: String
        public var path: String
        public var errors: Int
        public init(slug: String, path: String, errors: Int) {
            self.slug = slug
            self.path = path
            self.errors = errors
        }
    }

    public func calendar(_ posts: [CompiledPost], failed: [Failed] = [], journal start: Journal, media: MediaCache,
                         now: Date, windows count: Int, options: Planner.Options = Planner.Options()) throws -> Schedule {
        let config = planner.config
        let quota = planner.quota
        let tagSendsCount = config.accountType == .subscription
        var journal = start
        var windows: [Schedule.Window] = []
        var window = quota.window(containing: now)
        var later: [Plan.WaitingPost] = []
        for index in 0..<max(count, 1) {
            let from = index == 0 ? now : window.start
            let usedBefore = start.quotaUsed(account: planner.account, window: window.id, tagSendsCount: tagSendsCount)
            var broadcasts: [Schedule.Broadcast] = []
            var last: Plan?
            for moment in moments(posts, from: from, to: window.end) {
                let plan = try planner.plan(posts, journal: journal, media: media, now: moment, options: options)
                for b in plan.broadcasts where b.state == .ready || b.state == .resume {
                    broadcasts.append(Schedule.Broadcast(
                        at: moment, clientMsgID: b.clientMsgID, mode: b.mode, group: b.group, audience: b.audience, articles: b.articles,
                        countsAgainstQuota: b.countsAgainstQuota, state: b.state == .resume ? "resume" : "planned"))
                    journal.entries[b.clientMsgID] = Journal.Entry(
                        clientMsgID: b.clientMsgID, mode: b.mode, account: planner.account, group: b.group, audience: b.audience,
                        window: b.window, posts: b.articles.map(\.slug), titles: b.articles.map(\.title),
                        articleHashes: b.articles.map(\.contentHash), step: b.mode == .draft ? .drafted : .sent, createdAt: moment, updatedAt: moment)
                }
                last = plan
            }
            var deferred: [Schedule.Deferred] = []
            if let last {
                for b in last.broadcasts where b.state == .deferred || b.state == .blocked {
                    for article in b.articles {
                        deferred.append(Schedule.Deferred(
                            slug: article.slug, title: article.title, group: b.group, reason: b.state == .deferred ? .quota : .blocked,
                            note: b.note ?? b.state.rawValue, dueAt: nil))
                    }
                }
                for w in last.waiting {
                    deferred.append(Schedule.Deferred(slug: w.slug, title: w.title, group: nil, reason: .waiting, note: "waiting for its publish_at or the send_time", dueAt: w.publishAt))
                }
                later = last.waiting
            }
            if index == 0 {
                for f in failed {
                    deferred.append(Schedule.Deferred(
                        slug: f.slug, title: f.path, group: nil, reason: .errors,
                        note: "\(f.errors) error\(f.errors == 1 ? "" : "s"); fix them (`wxpub check`) and it is planned again", dueAt: nil))
                }
            }
            let used = journal.quotaUsed(account: planner.account, window: window.id, tagSendsCount: tagSendsCount)
            windows.append(Schedule.Window(
                id: window.id, start: window.start, end: window.end, limit: quota.limit, usedBefore: usedBefore, used: used,
                left: max(0, quota.limit - used), broadcasts: broadcasts, deferred: deferred))
            window = quota.window(containing: window.end)
        }
        return Schedule(
            account: planner.account, accountType: config.accountType.rawValue, timeZone: config.timeZone.identifier, now: now,
            sendTime: config.sendTime?.description, bundle: config.effectiveBundle.rawValue, windows: windows, later: later)
    }

    /// The moments in `[from, to)` at which a timer run could find something new to do: `from`,
    /// every due time of a post, every send_time, and the window's last second.
    func moments(_ posts: [CompiledPost], from: Date, to: Date) -> [Date] {
        let config = planner.config
        var out: Set<Date> = [from]
        for item in posts where !item.post.draft {
            let schedule = item.post.schedule(in: config)
            if let at = planner.dueTime(of: item.post, schedule: schedule, now: from), at > from, at < to { out.insert(at) }
        }
        if let sendTime = config.sendTime {
            var t = sendTime.next(atOrAfter: from, in: config.timeZone)
            while t < to {
                out.insert(t)
                t = sendTime.next(atOrAfter: t.addingTimeInterval(60), in: config.timeZone)
            }
        }
        let lastSecond = to.addingTimeInterval(-1)
        if lastSecond > from { out.insert(lastSecond) }
        return out.sorted()
    }
}
