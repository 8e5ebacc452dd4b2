import Foundation
import WXContent
import WXPublish
import WXRender

/// Where a post stands on its way to readers, as the index shows it.
public enum PostState: Sendable, Equatable {
    case hasErrors
    case draft
    /// Its `publish_at` is still ahead.
    case waiting(Date)
    /// Would go out on the next `wxpub publish`.
    case due
    /// Broadcast (or published), with the msg_ids the journal recorded.
    case sent([String])
    /// Over the quota of the current window; the note says when it can go.
    case deferred(String)
    /// Cannot go until someone acts; the note says what to do.
    case blocked(String)

    /// A stable word for styling and tests.
    public var key: String {
        switch self {
        case .hasErrors: return "errors"
        case .draft: return "draft"
        case .waiting: return "waiting"
        case .due: return "due"
        case .sent: return "sent"
        case .deferred: return "deferred"
        case .blocked: return "blocked"
        }
    }
}

/// The index of a site: every post with its state and finding counts, and the quota in one line.
/// Read-only and offline: the journal and media cache are read, never written; no secret is needed.
public struct SiteOverview: Sendable {
    public struct Entry: Sendable {
        public var path: String
        public var slug: String
        public var title: String
        /// `publish_at` in the site's time zone, else the file name's `YYYY-MM-DD`, else empty.
        public var date: String
        public var state: PostState
        public var stateText: String
        public var errors: Int
        public var warnings: Int
    }

    public var accountName: String
    public var entries: [Entry]
    public var quotaLine: String
    /// Set when the journal could not be read: states are then planned as if nothing was sent.
    public var stateNote: String?

    public init(config: SiteConfig, posts: [PreviewedPost], now: Date = Date()) {
        accountName = config.accountName
        let planner = Planner(config: config)
        let store = FileStateStore(directory: config.root.appendingPathComponent(config.stateDirectory))
        var journal = Journal()
        var media = MediaCache()
        do {
            journal = try Journal.load(from: store)
            media = try MediaCache.load(from: store)
        } catch {
            stateNote = "cannot read the state in \(config.stateDirectory)/: \(error); states below assume nothing was sent"
        }
        let compiled = posts.compactMap { item -> CompiledPost? in
            guard item.errors == 0, let post = item.post, let article = item.article else { return nil }
            var compiled = CompiledPost(post: post, article: article)
            compiled.precomputedContentHash = item.contentHash
            return compiled
        }
        // Only the states are shown: the broadcasts' images are left out.
        let plan = try? planner.plan(compiled, journal: journal, media: media, now: now, options: Planner.Options(images: false))
        let index = plan.map(PlanIndex.init)
        // One calendar for every entry's dates (making one per date was most of formatting it).
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = config.timeZone
        entries = posts.map { item in
            let state = Self.state(of: item, plan: plan, index: index, journal: journal, account: planner.account)
            return Entry(
                path: item.path, slug: item.slug, title: item.displayTitle, date: Self.date(of: item, calendar: calendar),
                state: state, stateText: Self.describe(state, calendar: calendar), errors: item.errors, warnings: item.warnings)
        }
        quotaLine = Self.quotaLine(planner: planner, plan: plan, now: now)
    }

    /// The plan's waiting posts and broadcasts by slug, so each post's state is found without a
    /// walk over the whole plan (the index of 1,000 posts walked it 1,000 times). Broadcasts by
    /// their place in the plan: a copy of each per article retained all its texts and lists.
    struct PlanIndex {
        var waiting: [String: Date] = [:]
        var broadcasts: [String: [Int]] = [:]

        init(_ plan: Plan) {
            for post in plan.waiting where waiting[post.slug] == nil { waiting[post.slug] = post.publishAt }
            for (position, broadcast) in plan.broadcasts.enumerated() {
                for (offset, article) in broadcast.articles.enumerated()
                where !broadcast.articles[..<offset].contains(where: { $0.slug == article.slug }) {
                    broadcasts[article.slug, default: []].append(position)
                }
            }
        }
    }

    static func state(of item: PreviewedPost, plan: Plan?, index: PlanIndex? = nil, journal: Journal, account: String) -> PostState {
        // The post's flag read in place: binding the post copied it (every field retained).
        guard item.errors == 0, let draft = item.post?.draft else { return .hasErrors }
        if draft { return .draft }
        guard let plan else { return .due }
        let index = index ?? PlanIndex(plan)
        if let publishAt = index.waiting[item.slug] { return .waiting(publishAt) }
        // This post's broadcasts, by place: their fields are read in the plan, not copied out.
        let mine = index.broadcasts[item.slug] ?? []
        let broadcasts = plan.broadcasts
        if let deferred = mine.first(where: { broadcasts[$0].state == .deferred }) { return .deferred(broadcasts[deferred].note ?? "over the quota") }
        if let blocked = mine.first(where: { broadcasts[$0].state == .blocked }) { return .blocked(broadcasts[blocked].note ?? "blocked") }
        if !mine.isEmpty, mine.allSatisfy({ broadcasts[$0].state == .done }) {
            var ids = mine.compactMap { journal.entries[broadcasts[$0].clientMsgID]?.msgID }
            if ids.isEmpty {
                // Delivered as an earlier version: the journal entries that carried this post.
                ids = journal.entries.values.filter { $0.account == account && $0.posts.contains(item.slug) && $0.step.isDone }
                    .sorted { $0.createdAt < $1.createdAt }.compactMap(\.msgID)
            }
            return .sent(ids)
        }
        return .due
    }

    static func describe(_ state: PostState, timeZone: TimeZone) -> String {
        describe(state, calendar: calendar(timeZone))
    }

    static func describe(_ state: PostState, calendar: Calendar) -> String {
        switch state {
        case .hasErrors: return "has errors"
        case .draft: return "draft"
        case .waiting(let at): return "waiting for publish_at \(format(at, calendar: calendar))"
        case .due: return "due"
        case .sent(let ids): return ids.isEmpty ? "sent" : "sent, msg_id " + ids.joined(separator: ", ")
        case .deferred(let note): return "deferred: " + note
        case .blocked(let note): return "blocked: " + note
        }
    }

    static func date(of item: PreviewedPost, timeZone: TimeZone) -> String {
        date(of: item, calendar: calendar(timeZone))
    }

    static func date(of item: PreviewedPost, calendar: Calendar) -> String {
        if let at = item.post?.publishAt?.value { return format(at, calendar: calendar) }
        // The file name by string: a URL per post looked up the working folder (getcwd) each time.
        // Compared by byte; a non-ASCII byte after the ten (perhaps a combining mark, which would
        // make the tenth character another) leaves it to the characters.
        let path = item.path.utf8
        let name = path.lastIndex(of: UInt8(ascii: "/")).map { path[path.index(after: $0)...] } ?? path[...]
        let prefix = name.prefix(10)
        guard prefix.count == 10, prefix.enumerated().allSatisfy({ i, byte in
            (i == 4 || i == 7) ? byte == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }) else { return "" }
        if let next = name.dropFirst(10).first, next >= 0x80 {
            let characters = Substring(name).prefix(10)
            return characters.allSatisfy({ $0.isASCII }) ? String(characters) : ""
        }
        return String(Substring(prefix))
    }

    static func format(_ date: Date, timeZone: TimeZone, time: Bool = true) -> String {
        format(date, calendar: calendar(timeZone), time: time)
    }

    static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// `2026-01-01 08:00` (or the day alone), zero-padded as `%04d-%02d-%02d %02d:%02d` pads.
    /// The fields come from the day number by arithmetic (`civilDate`) with the zone's offset at
    /// that moment, as the calendar finds them: `Calendar.dateComponents` was most of the build
    /// index's serial tail (a date per post). Outside 1600–9999 the calendar itself answers (its
    /// Gregorian calendar is Julian before 1582).
    static func format(_ date: Date, calendar: Calendar, time: Bool = true) -> String {
        func padded(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return n >= 0 && digits.utf8.count < width ? String(repeating: "0", count: width - digits.utf8.count) + digits : digits
        }
        let local = (date.timeIntervalSince1970 + Double(calendar.timeZone.secondsFromGMT(for: date))).rounded(.down)
        var fields: (year: Int, month: Int, day: Int, hour: Int, minute: Int)
        if local.isFinite, abs(local) < 1e12, case let seconds = Int(local), case let civil = civilDate(days: seconds.floorDivided(by: 86_400)),
           (1600...9999).contains(civil.year) {
            let ofDay = seconds - seconds.floorDivided(by: 86_400) * 86_400
            fields = (civil.year, civil.month, civil.day, ofDay / 3600, ofDay % 3600 / 60)
        } else {
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            fields = (c.year!, c.month!, c.day!, c.hour!, c.minute!)
        }
        let day = padded(fields.year, 4) + "-" + padded(fields.month, 2) + "-" + padded(fields.day, 2)
        return time ? day + " " + padded(fields.hour, 2) + ":" + padded(fields.minute, 2) : day
    }

    /// The proleptic Gregorian date of a day counted from 1970-01-01 (H. Hinnant's `civil_from_days`).
    static func civilDate(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = z.floorDivided(by: 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func quotaLine(planner: Planner, plan: Plan?, now: Date) -> String {
        let quota = planner.quota
        let period = quota.period == .day ? "a day" : "a month"
        let current = quota.window(containing: now)
        let next = planner.nextWindow(after: now)
        let after = planner.nextWindow(after: next.start)
        var line = "quota: \(quota.limit) broadcast\(quota.limit == 1 ? "" : "s") \(period) (Beijing time)"
        if let plan {
            line += "; window \(current.id): \(plan.quota.usedBefore) used, \(plan.quota.plannedNow) planned now, "
                + "\(max(0, quota.limit - plan.quota.usedBefore - plan.quota.plannedNow)) left"
        } else {
            line += "; window \(current.id)"
        }
        line += "; next windows \(next.id) (from \(format(next.start, timeZone: BroadcastQuota.beijing))), \(after.id)"
        return line
    }
}

extension Int {
    /// Division rounding toward negative infinity (days before 1970 are negative).
    fileprivate func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
