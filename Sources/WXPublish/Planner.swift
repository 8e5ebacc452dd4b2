import Foundation
import WXAPI
import WXContent
import WXRender

/// Decides what to send now: which posts are due, one broadcast per post and group (or one bundle),
/// what each needs uploaded, and what the quota allows. Pure: the same inputs give the same plan.
public struct Planner: Sendable {
    public var config: SiteConfig
    public var quota: BroadcastQuota
    /// The account key used for the media cache and journal (`appid@host`).
    public var account: String
    public var appID: String

    public init(config: SiteConfig, appID: String? = nil, apiBase: String? = nil) {
        self.config = config
        self.quota = BroadcastQuota(accountType: config.accountType, limit: config.broadcastsPerWindow)
        self.appID = appID ?? config.appID ?? "unset-appid"
        self.account = MediaCache.accountKey(appID: self.appID, apiBase: apiBase ?? config.apiBase)
    }

    public struct Options: Sendable {
        /// Put every post into one broadcast per group (up to 8 articles).
        public var bundle = false
        /// Posts named explicitly are sent even if their `publish_at` is ahead.
        public var ignoreSchedule = false
        /// Replace a draft added for an earlier version of a post.
        public var forceNewDraft = false
        /// List each broadcast's images (what to upload, what the cache has). Off for a plan read
        /// only for the posts' states (the index): nine images a post were most of planning them.
        public var images = true

        public init(bundle: Bool = false, ignoreSchedule: Bool = false, forceNewDraft: Bool = false, images: Bool = true) {
            self.bundle = bundle
            self.ignoreSchedule = ignoreSchedule
            self.forceNewDraft = forceNewDraft
            self.images = images
        }
    }

    public struct PlanningError: Error, CustomStringConvertible {
        public var description: String
    }

    public func plan(_ posts: [CompiledPost], journal: Journal, media: MediaCache, now: Date, options: Options = Options()) throws -> Plan {
        let window = quota.window(containing: now)
        let tagSendsCount = config.accountType == .subscription
        var waiting: [Plan.WaitingPost] = []
        var due: [CompiledPost] = []
        var rank: [String: (priority: Int, due: Date)] = [:]
        for item in posts where !item.post.draft {
            let schedule = item.post.schedule(in: config)
            let dueAt = dueTime(of: item.post, schedule: schedule, now: now)
            if let dueAt, dueAt > now, !options.ignoreSchedule {
                waiting.append(Plan.WaitingPost(slug: item.post.slug, title: item.article.title, publishAt: dueAt))
            } else {
                due.append(item)
                rank[item.post.slug] = (schedule.priority, dueAt ?? .distantPast)
            }
        }
        // What competes for a window: higher priority first, then the earlier due time, then the file name.
        // The keys are looked up once and the positions sorted, so the (large) posts are moved once, not
        // copied in and out of every comparison.
        let keys = due.map { item in
            let r = rank[item.post.slug]!
            return (priority: r.priority, due: r.due, path: item.post.path, part: item.series?.part ?? 0)
        }
        let order = keys.indices.sorted { i, j in
            let a = keys[i], b = keys[j]
            if a.priority != b.priority { return a.priority > b.priority }
            return (a.due, a.path, a.part) < (b.due, b.path, b.part)
        }
        due = order.map { due[$0] }

        // The parts of a split post go out together, in order, as one broadcast per group.
        var units: [Unit] = []
        var seriesDone = Set<String>()
        for item in due {
            guard let series = item.series, seriesDone.insert(series.of).inserted else { continue }
            let parts = due.filter { $0.series?.of == series.of }.sorted { $0.series!.part < $1.series!.part }
            let groups = item.post.mode == .broadcast ? item.post.groups.map(\.value) : ["-"]
            for group in groups { units.append(Unit(mode: item.post.mode, group: group, posts: parts)) }
        }
        let position = Dictionary(due.enumerated().map { ($1.post.slug, $0) }, uniquingKeysWith: { a, _ in a })
        due.removeAll { $0.series != nil }

        // Group the other posts into broadcasts: (mode, group) → articles.
        if options.bundle, !due.isEmpty {
            let groups = due[0].post.groups.map(\.value)
            let mode = due[0].post.mode
            for item in due.dropFirst() {
                if item.post.groups.map(\.value) != groups {
                    throw PlanningError(description: "cannot bundle \(item.post.path) with \(due[0].post.path): their groups differ (\(item.post.groups.map(\.value)) vs \(groups)); a bundle goes to one audience")
                }
                if item.post.mode != mode {
                    throw PlanningError(description: "cannot bundle \(item.post.path) (mode \(item.post.mode.rawValue)) with \(due[0].post.path) (mode \(mode.rawValue))")
                }
            }
            if due.count > 8 {
                throw PlanningError(description: "a broadcast holds at most 8 articles; \(due.count) were given")
            }
            for group in groups { units.append(Unit(mode: mode, group: group, posts: due)) }
        } else if config.effectiveBundle == .auto {
            units += autoBundles(due, journal: journal)
        } else {
            for item in due {
                let groups = item.post.mode == .broadcast ? item.post.groups.map(\.value) : ["-"]
                for group in groups { units.append(Unit(mode: item.post.mode, group: group, posts: [item])) }
            }
        }

        // What competes for the quota comes in priority order; a broadcast an earlier run started keeps its slot first.
        // Keys made once per unit, not per comparison (each was a text of the unit's slugs).
        let started = Set(journal.entries.values.filter { $0.account == account && !$0.step.isDone && $0.step > .planned }.map { "\($0.group)|\($0.posts)" })
        let unitKeys = units.enumerated().map { offset, unit in
            (started.isEmpty || !started.contains("\(unit.group)|\(unit.posts.map(\.post.slug))") ? 1 : 0, position[unit.posts[0].post.slug] ?? 0, offset)
        }
        units = unitKeys.indices.sorted { unitKeys[$0] < unitKeys[$1] }.map { units[$0] }

        // The same for every broadcast the quota defers (on a site's first run, nearly all of them).
        lazy var deferredNote: String = {
            let next = nextWindow(after: now)
            return "the \(quota.period == .day ? "daily" : "monthly") broadcast quota (\(quota.limit)) of window \(window.id) is used up; it can go out in window \(next.id) (from \(Planner.beijingText(next.start)) Beijing time)"
        }()
        let finished = journal.finishedDeliveries(account: account)
        var used = journal.quotaUsed(account: account, window: window.id, tagSendsCount: tagSendsCount)
        let usedBefore = used
        var planned = 0
        var broadcasts: [PlannedBroadcast] = []
        for unit in units {
            let audience = audienceKey(mode: unit.mode, group: unit.group)
            let hashes = unit.posts.map(\.contentHash)
            let key = ClientMsgID.derive(from: "wxpub/v1/\(appID)/\(unit.mode.rawValue)/\(audience)/\(hashes.joined(separator: ","))")
            let articles = zip(unit.posts, hashes).map { PlannedArticle(slug: $0.post.slug, path: $0.post.path, title: $0.article.title, contentHash: $1) }
            let images = options.images ? plannedImages(unit.posts, media: media) : []
            let counts = unit.mode == .broadcast && (tagSendsCount || audience == "all")
            var item = PlannedBroadcast(
                clientMsgID: key, mode: unit.mode, group: unit.group, audience: audience, window: window.id,
                articles: articles, images: images, countsAgainstQuota: counts, state: .ready, note: nil)

            if unit.mode == .broadcast && config.groups[unit.group] == nil {
                // Never fall back to every follower for a name wxpub.yml does not define.
                item.state = .blocked
                item.note = "group `\(unit.group)` is not defined under `groups:` in wxpub.yml; define it, or fix the post's `groups`"
                broadcasts.append(item)
                continue
            }
            if let entry = journal.entries[key], entry.account == account {
                if entry.step.isDone {
                    item.state = .done
                    item.note = entry.msgID.map { "sent as msg_id \($0)" } ?? entry.publishID.map { "publish_id \($0)" }
                        ?? (entry.status == SendAnswers.deliveredWithoutMsgID ? "sent (msg_id unknown: an attempt whose answer was lost delivered it)" : nil)
                        ?? "draft \(entry.draftMediaID ?? "")"
                    item.window = entry.window
                    broadcasts.append(item)
                    continue
                }
                if entry.step > .planned {
                    item.state = .resume
                    item.note = "an earlier run stopped after step `\(entry.step.rawValue)`; finishing it"
                    if entry.step == .sending {
                        // Possibly sent already: it occupies its quota slot either way.
                        item.window = entry.window
                        broadcasts.append(item)
                        continue
                    }
                }
            } else if !finished.isEmpty, unit.posts.allSatisfy({ finished.contains("\($0.post.slug)|\(unit.group)") }) {
                item.state = .done
                item.note = "already delivered (an earlier version of the post)"
                broadcasts.append(item)
                continue
            } else if let stale = staleEntry(for: unit.posts, group: unit.group, excluding: key, journal: journal) {
                if stale.step == .sending {
                    item.state = .blocked
                    item.note = "a run stopped while sending an earlier version of this post (clientmsgid \(stale.clientMsgID)); it may have gone out, so `wxpub publish` settles that send first (45065 confirms it) and this version is not sent on top of it"
                    broadcasts.append(item)
                    continue
                } else if options.forceNewDraft {
                    item.note = "replaces draft \(stale.draftMediaID ?? "-") of an earlier version"
                } else {
                    item.state = .blocked
                    item.note = "the post changed after draft \(stale.draftMediaID ?? "-") was added for it; run with --force-new-draft to delete that draft and add a new one"
                    broadcasts.append(item)
                    continue
                }
            }

            if counts {
                if used >= quota.limit {
                    item.state = .deferred
                    item.note = deferredNote
                    broadcasts.append(item)
                    continue
                }
                used += 1
                planned += 1
            }
            broadcasts.append(item)
        }
        // A deferred post could still go out in this window inside a broadcast to the same audience.
        for index in broadcasts.indices where broadcasts[index].state == .deferred {
            let deferred = broadcasts[index]
            guard let partner = broadcasts.first(where: {
                $0.state == .ready && $0.mode == deferred.mode && $0.audience == deferred.audience
                    && $0.articles.count + deferred.articles.count <= 8
            }) else { continue }
            let slugs = (partner.articles + deferred.articles).map(\.slug).joined(separator: " ")
            broadcasts[index].note = (deferred.note ?? "") + "; or send it in window \(deferred.window) in one broadcast with \(partner.articles.map(\.slug).joined(separator: ", ")): `wxpub publish \(slugs) --bundle`"
        }
        return Plan(
            account: account, accountType: config.accountType.rawValue,
            quota: Plan.QuotaSummary(period: quota.period.rawValue, limit: quota.limit, window: window.id, usedBefore: usedBefore, plannedNow: planned),
            now: now, broadcasts: broadcasts, waiting: waiting.sorted { $0.publishAt < $1.publishAt })
    }

    /// One broadcast-to-be: a mode, a group and its articles in order (headline first).
    struct Unit {
        var mode: Post.PublishMode
        var group: String
        var posts: [CompiledPost]
    }

    /// When a post is due. `publish_at` with a time keeps its time; a date alone means `send_time`
    /// that day (midnight without one); no `publish_at` means today's `send_time` (so a run before
    /// it leaves the post waiting), or nil — due at once — when the site has no `send_time`.
    public func dueTime(of post: Post, schedule: PostSchedule, now: Date) -> Date? {
        if let at = post.publishAt?.value {
            if schedule.publishAtIsDateOnly, let sendTime = config.sendTime { return sendTime.on(dayOf: at, in: config.timeZone) }
            return at
        }
        return config.sendTime?.on(dayOf: now, in: config.timeZone)
    }

    /// `bundle: auto`: the due broadcast posts of each group, in priority order, go out together
    /// (up to 8 articles a broadcast, the first the headline). A bundle the journal shows under way
    /// (its draft added, or its send started) or done keeps its articles, so a post that became due
    /// since never changes a broadcast half done. Posts for other modes are never bundled.
    func autoBundles(_ due: [CompiledPost], journal: Journal) -> [Unit] {
        let order = Dictionary(due.enumerated().map { ($1.post.slug, $0) }, uniquingKeysWith: { a, _ in a })
        var units: [(first: Int, started: Bool, unit: Unit)] = []
        var pools: [(group: String, posts: [CompiledPost])] = []
        for item in due {
            guard item.post.mode == .broadcast else {
                units.append((order[item.post.slug]!, false, Unit(mode: item.post.mode, group: "-", posts: [item])))
                continue
            }
            for group in item.post.groups.map(\.value) {
                if let i = pools.firstIndex(where: { $0.group == group }) { pools[i].posts.append(item) } else { pools.append((group, [item])) }
            }
        }
        let finished = journal.finishedDeliveries(account: account)
        let underWay = journal.entries.values
            .filter { $0.account == account && $0.mode == .broadcast && $0.step > .planned }
            .sorted { $0.createdAt < $1.createdAt }
        for (group, pool) in pools {
            var rest = pool
            for entry in underWay where entry.group == group {
                let members = entry.posts.compactMap { slug in rest.first { $0.post.slug == slug } }
                guard members.count == entry.posts.count, members.map(\.contentHash) == entry.articleHashes else { continue }
                rest.removeAll { entry.posts.contains($0.post.slug) }
                units.append((members.compactMap { order[$0.post.slug] }.min() ?? 0, true, Unit(mode: .broadcast, group: group, posts: members)))
            }
            // Already delivered (perhaps in another bundle): planned alone, so they show as done.
            // (Keys made only when something was delivered: two texts a post otherwise.)
            if !finished.isEmpty {
                for item in rest where finished.contains("\(item.post.slug)|\(group)") {
                    units.append((order[item.post.slug]!, false, Unit(mode: .broadcast, group: group, posts: [item])))
                }
                rest.removeAll { finished.contains("\($0.post.slug)|\(group)") }
            }
            var start = 0
            while start < rest.count {
                let chunk = Array(rest[start..<min(start + 8, rest.count)])
                units.append((order[chunk[0].post.slug]!, false, Unit(mode: .broadcast, group: group, posts: chunk)))
                start += 8
            }
        }
        return units.enumerated()
            .sorted { ($0.element.started ? 0 : 1, $0.element.first, $0.offset) < ($1.element.started ? 0 : 1, $1.element.first, $1.offset) }
            .map(\.element.unit)
    }

    /// The quota window after the one holding `date`.
    public func nextWindow(after date: Date) -> BroadcastQuota.Window {
        quota.window(containing: quota.window(containing: date).end)
    }

    /// `all`, `tag:<id>` or `tag:<name>`; `-` for modes that have no audience.
    public func audienceKey(mode: Post.PublishMode, group: String) -> String {
        guard mode == .broadcast else { return "-" }
        switch config.groups[group] {
        case nil: return "undefined:\(group)"
        case .all?: return "all"
        case .tagID(let id)?: return "tag:\(id)"
        case .tagName(let name)?: return "tag:\(name)"
        }
    }

    /// An unfinished journal entry for the same posts and group made from different content.
    func staleEntry(for posts: [CompiledPost], group: String, excluding key: String, journal: Journal) -> Journal.Entry? {
        if journal.entries.isEmpty { return nil }
        let slugs = posts.map(\.post.slug)
        return journal.entries.values
            .filter { $0.account == account && $0.clientMsgID != key && $0.posts == slugs && $0.group == group && !$0.step.isDone && $0.draftMediaID != nil }
            .sorted { $0.createdAt < $1.createdAt }
            .last
    }

    func plannedImages(_ posts: [CompiledPost], media: MediaCache) -> [PlannedImage] {
        /// An image once per use: keyed by its digest (else its source) without making a text of
        /// the two, and looked up in the cache only when the account has uploads (each lookup
        /// makes a key).
        struct Seen: Hashable {
            var cover: Bool
            var id: String
        }
        var seen = Set<Seen>()
        var out: [PlannedImage] = []
        let anyUploads = !(media.accounts[account]?.isEmpty ?? true)
        for item in posts {
            for image in item.article.images {
                guard seen.insert(Seen(cover: false, id: image.sha256 ?? image.source)).inserted else { continue }
                let cached = anyUploads && image.sha256.map { media.lookup(account: account, kind: .bodyImage, sha256: $0) != nil } ?? false
                out.append(PlannedImage(source: image.source, use: .body, sha256: image.sha256, bytes: image.bytes, cached: cached))
            }
            let cover = item.article.cover
            if seen.insert(Seen(cover: true, id: cover.sha256 ?? cover.source)).inserted {
                let cached = anyUploads && cover.sha256.map { media.lookup(account: account, kind: .coverMaterial, sha256: $0) != nil } ?? false
                out.append(PlannedImage(source: cover.source, use: .cover, sha256: cover.sha256, bytes: cover.bytes, cached: cached))
            }
        }
        return out
    }

    static func beijingText(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = BroadcastQuota.beijing
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }
}
