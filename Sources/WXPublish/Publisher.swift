import Foundation
import WXAPI
import WXContent
import WXRender
import WXSupport

/// Carries out a plan against the account, one journaled step at a time:
/// upload media → add draft → send (or publish) → record. Every step is written to the journal
/// before and after its remote call, so a run stopped anywhere can simply be run again.
public final class Publisher: @unchecked Sendable {
    public let planner: Planner
    let client: WeChatClient
    let store: StateStore
    let clock: any WXSupport.Clock
    let fetcher: RemoteImageFetcher
    /// Called after each state write (journal steps as `<clientmsgid>:<step>`, media-cache writes as
    /// `media:<kind>:<sha>`); a test throws `SimulatedCrash` from it to simulate the process dying
    /// at that point (nothing more is written).
    public var afterJournalWrite: (@Sendable (String) throws -> Void)?
    /// Progress for a terminal: `(done, total, what)`.
    public var progress: (@Sendable (Int, Int, String) -> Void)?
    /// How many uploads run at once.
    public var uploadConcurrency = 4

    private var journal = Journal()
    private var media = MediaCache()
    /// One per run, so every broadcast sees what earlier ones uploaded (even ones that failed later).
    private var uploader: MediaUploader?
    private var tagIDs: [String: Int]?

    public init(planner: Planner, client: WeChatClient, store: StateStore, clock: any WXSupport.Clock = SystemClock(), fetcher: RemoteImageFetcher? = nil) {
        self.planner = planner
        self.client = client
        self.store = store
        self.clock = clock
        self.fetcher = fetcher ?? RemoteImageFetcher(store: store)
    }

    /// What happened to one planned broadcast.
    public struct Outcome: Sendable, Equatable {
        public enum Result: Sendable, Equatable {
            case sent(msgID: String, confirmedEarlier: Bool)
            case published(publishID: String)
            case drafted(mediaID: String)
            /// Done earlier, blocked or over the quota: nothing was attempted.
            case skipped(String)
            /// The platform refused for quota (45028): nothing went out; the draft waits for the next window.
            case deferred(String)
            case failed(String)
        }

        public var broadcast: PlannedBroadcast
        public var result: Result
        public var uploads: Int
    }

    /// Takes the journal lock (a second run fails at once rather than interleaving), finishes any
    /// send an earlier run left uncertain, then executes every ready broadcast in order. A failure
    /// stops only its own broadcast.
    public func run(_ posts: [CompiledPost], options: Planner.Options = Planner.Options()) async throws -> (plan: Plan, outcomes: [Outcome]) {
        let lock = try Self.takeLock(store)
        defer { withExtendedLifetime(lock) {} }
        journal = try Journal.load(from: store)
        media = try MediaCache.load(from: store)
        uploader = makeUploader()
        var plan = try planner.plan(posts, journal: journal, media: media, now: clock.now(), options: options)
        var outcomes: [Outcome] = []
        let planned = Set(plan.broadcasts.map(\.clientMsgID))
        let orphans = journal.entries.values
            .filter { $0.account == planner.account && $0.step == .sending && $0.mode != .draft && !planned.contains($0.clientMsgID) }
            .sorted { $0.createdAt < $1.createdAt }
        if !orphans.isEmpty {
            for entry in orphans { outcomes.append(await finishInterruptedSend(entry)) }
            plan = try planner.plan(posts, journal: journal, media: media, now: clock.now(), options: options)
        }
        let bySlug = Dictionary(posts.map { ($0.post.slug, $0) }, uniquingKeysWith: { a, _ in a })
        var stopped: String?
        for broadcast in plan.broadcasts {
            switch broadcast.state {
            case .done, .deferred, .blocked:
                outcomes.append(Outcome(broadcast: broadcast, result: .skipped(broadcast.note ?? broadcast.state.rawValue), uploads: 0))
                continue
            case .ready, .resume:
                break
            }
            if let stopped {
                outcomes.append(Outcome(broadcast: broadcast, result: .failed("not attempted: \(stopped)"), uploads: 0))
                continue
            }
            let items = broadcast.articles.compactMap { bySlug[$0.slug] }
            do {
                outcomes.append(try await execute(broadcast, items, options: options))
            } catch let error as WeChatAPIError {
                try record(broadcast.clientMsgID) { $0.lastError = error.description }
                outcomes.append(Outcome(broadcast: broadcast, result: .failed(error.description), uploads: 0))
                // Every later call would fail the same way.
                if error.classification == .token || error.classification == .permission { stopped = error.description }
            } catch let error as PublishError {
                try record(broadcast.clientMsgID) { $0.lastError = error.description }
                outcomes.append(Outcome(broadcast: broadcast, result: .failed(error.description), uploads: 0))
            } catch let error as RemoteImageFetcher.FetchError {
                try record(broadcast.clientMsgID) { $0.lastError = error.description }
                outcomes.append(Outcome(broadcast: broadcast, result: .failed(error.description), uploads: 0))
            }
        }
        return (plan, outcomes)
    }

    static func takeLock(_ store: StateStore) throws -> AnyObject {
        do {
            return try store.lock(Journal.lockName, wait: false)
        } catch is FileLock.Busy {
            throw PublishError.busy
        }
    }

    private func execute(_ broadcast: PlannedBroadcast, _ items: [CompiledPost], options: Planner.Options) async throws -> Outcome {
        let key = broadcast.clientMsgID
        let now = clock.now()
        if journal.entries[key] == nil {
            if options.forceNewDraft, let stale = planner.staleEntry(for: items, group: broadcast.group, excluding: key, journal: journal), stale.step < .sending {
                if let draft = stale.draftMediaID {
                    do {
                        try await client.deleteDraft(mediaID: draft)
                    } catch let error as WeChatAPIError where error.classification == .fatal {
                        // Already gone (deleted by hand in 公众平台): nothing left to replace.
                    }
                }
                journal.entries[stale.clientMsgID] = nil
            }
            // An earlier version that stopped before its draft left nothing remote behind: forget it.
            let slugs = items.map(\.post.slug)
            for old in journal.entries.values
            where old.account == planner.account && old.posts == slugs && old.group == broadcast.group && old.step < .addingDraft {
                journal.entries[old.clientMsgID] = nil
            }
            journal.entries[key] = Journal.Entry(
                clientMsgID: key, mode: broadcast.mode, account: planner.account, group: broadcast.group,
                audience: broadcast.audience, window: broadcast.window, posts: items.map(\.post.slug), titles: items.map(\.article.title),
                articleHashes: items.map(\.contentHash), step: .planned, createdAt: now, updatedAt: now)
            try save(key, .planned)
        }

        // 1. Media: each distinct file once, ever. A `sending` entry needs none: its draft exists.
        var uploads = 0
        var uploaded: MediaUploader.Uploaded?
        if journal.entries[key]!.step < .draftAdded {
            let uploader = self.uploader ?? makeUploader()
            self.uploader = uploader
            let result = try await uploader.upload(items)
            uploads = result.uploads
            uploaded = result
            if journal.entries[key]!.step < .mediaUploaded {
                try record(key) { $0.step = .mediaUploaded }
                try hook(key, .mediaUploaded)
            }
        }

        // 2. Draft.
        if journal.entries[key]!.draftMediaID == nil || journal.entries[key]!.step < .draftAdded, let uploaded {
            try record(key) { $0.step = .addingDraft }
            try hook(key, .addingDraft)
            let draftID = try await client.addDraft(articles: MediaUploader.draftArticles(items, uploaded: uploaded))
            try record(key) {
                $0.draftMediaID = draftID
                $0.step = .draftAdded
            }
            try hook(key, .draftAdded)
        }
        let entry = journal.entries[key]!
        guard let draftID = entry.draftMediaID else { throw PublishError.missingDraft(key) }

        // 3. Deliver.
        switch broadcast.mode {
        case .draft:
            try record(key) { $0.step = .drafted }
            try hook(key, .drafted)
            return Outcome(broadcast: broadcast, result: .drafted(mediaID: draftID), uploads: uploads)
        case .publish:
            if entry.step == .sending, try await draftIsConsumed(draftID) {
                // freepublish/submit has no idempotency key: a submit whose answer was lost is
                // recognised by its draft being gone, and never submitted again.
                let note = "an earlier run submitted this draft (WeChat consumed it) but its publish_id was lost; see 公众平台 → 发表记录"
                try record(key) {
                    $0.step = .sent
                    $0.status = "SUBMITTED"
                    $0.lastError = nil
                }
                try hook(key, .sent)
                return Outcome(broadcast: broadcast, result: .skipped(note), uploads: uploads)
            }
            try record(key) { $0.step = .sending }
            try hook(key, .sending)
            let submission: PublishSubmission
            do {
                submission = try await client.submitPublish(mediaID: draftID)
            } catch let error as WeChatAPIError where Self.surelyRefused(error) && entry.step < .sending {
                try record(key) { $0.step = .draftAdded }
                throw error
            }
            try record(key) {
                $0.publishID = submission.publishID
                $0.msgDataID = submission.msgDataID ?? $0.msgDataID
                $0.step = .sent
                $0.lastError = nil
            }
            try hook(key, .sent)
            return Outcome(broadcast: broadcast, result: .published(publishID: submission.publishID), uploads: uploads)
        case .broadcast:
            let audience = try await massAudience(group: broadcast.group, audience: broadcast.audience)
            do {
                let result = try await send(key, draftID: draftID, audience: audience)
                return Outcome(broadcast: broadcast, result: .sent(msgID: result.msgID, confirmedEarlier: result.wasAlreadySent), uploads: uploads)
            } catch let error as WeChatAPIError where error.errcode == 45028 && entry.step < .sending {
                let note = "WeChat refused the send: the broadcast quota of window \(broadcast.window) is used up (45028, perhaps by sends made outside wxpub); the draft is kept and goes out in window \(planner.nextWindow(after: clock.now()).id)"
                try record(key) { $0.lastError = note }
                return Outcome(broadcast: broadcast, result: .deferred(note), uploads: uploads)
            }
        }
    }

    /// `sending` is written before the call, `sent` after it. A clientmsgid is never changed once
    /// `sending` was written: a repeat within 24 hours answers 45065 with the original msg_id.
    /// When WeChat surely refused (a platform error on the first attempt), the entry goes back to
    /// `draft_added`: nothing went out and the draft is still live.
    private func send(_ key: String, draftID: String, audience: MassAudience) async throws -> MassSendResult {
        let before = journal.entries[key]!.step
        try record(key) { $0.step = .sending }
        try hook(key, .sending)
        let result: MassSendResult
        do {
            result = try await client.massSendAll(audience: audience, message: .mpnews(mediaID: draftID), clientMsgID: key)
        } catch let error as WeChatAPIError where Self.surelyRefused(error) && before < .sending {
            try record(key) { $0.step = .draftAdded }
            throw error
        }
        try record(key) {
            $0.msgID = result.msgID
            $0.msgDataID = result.msgDataID ?? $0.msgDataID
            $0.status = "SENDING"
            $0.step = .sent
            $0.lastError = nil
        }
        try hook(key, .sent)
        return result
    }

    /// draft/get answers 40007 for a draft that was published (or deleted by hand).
    private func draftIsConsumed(_ mediaID: String) async throws -> Bool {
        do {
            _ = try await client.getDraft(mediaID: mediaID)
            return false
        } catch let error as WeChatAPIError where error.errcode == 40007 {
            return true
        }
    }

    /// A platform answer (errcode) that is not "busy, try again": the call was not carried out.
    static func surelyRefused(_ error: WeChatAPIError) -> Bool {
        error.errcode != nil && error.classification != .retryable && error.classification != .duplicate && !error.mayHaveBeenApplied
    }

    /// A broadcast left at `sending` whose posts changed since (so the plan no longer names it):
    /// it may have gone out, so it is settled first with its own clientmsgid and draft; 45065
    /// confirms it, and the edited post then counts as delivered rather than going out twice.
    private func finishInterruptedSend(_ entry: Journal.Entry) async -> Outcome {
        let mode = entry.mode
        let broadcast = PlannedBroadcast(
            clientMsgID: entry.clientMsgID, mode: mode, group: entry.group, audience: entry.audience, window: entry.window,
            articles: zip(entry.posts, entry.titles).map { PlannedArticle(slug: $0, path: $0, title: $1, contentHash: "") },
            images: [], countsAgainstQuota: false, state: .resume,
            note: "an earlier run stopped while sending this version; settling it with its clientmsgid")
        do {
            guard let draftID = entry.draftMediaID else { throw PublishError.missingDraft(entry.clientMsgID) }
            if mode == .publish {
                // No idempotency key for freepublish: a consumed draft means the submit went through;
                // a live one means it never arrived, and the entry is an ordinary unsent draft again.
                if try await draftIsConsumed(draftID) {
                    try record(entry.clientMsgID) {
                        $0.step = .sent
                        $0.status = "SUBMITTED"
                        $0.lastError = nil
                    }
                    return Outcome(broadcast: broadcast, result: .skipped("an earlier run published this version; its publish_id was lost (see 公众平台 → 发表记录)"), uploads: 0)
                }
                try record(entry.clientMsgID) { $0.step = .draftAdded }
                return Outcome(broadcast: broadcast, result: .skipped("the earlier version's submit never reached WeChat; its draft \(draftID) is kept"), uploads: 0)
            }
            let audience = try await massAudience(group: entry.group, audience: entry.audience)
            let result = try await send(entry.clientMsgID, draftID: draftID, audience: audience)
            return Outcome(broadcast: broadcast, result: .sent(msgID: result.msgID, confirmedEarlier: result.wasAlreadySent), uploads: 0)
        } catch {
            try? record(entry.clientMsgID) { $0.lastError = "\(error)" }
            return Outcome(broadcast: broadcast, result: .failed("\(error)"), uploads: 0)
        }
    }

    private func makeUploader() -> MediaUploader {
        let hook = afterJournalWrite
        return MediaUploader(
            client: client, store: store, fetcher: fetcher, account: planner.account, root: planner.config.root, clock: clock, media: media,
            concurrency: uploadConcurrency, afterWrite: hook.map { h in { try h($0) } }, progress: progress)
    }

    /// The send's audience. The journal's `audience` (`tag:<name>`) is used when the group is no
    /// longer in wxpub.yml, so an interrupted send always goes to whom it was meant for.
    private func massAudience(group: String, audience: String) async throws -> MassAudience {
        if audience == "all" { return .all }
        let tag = audience.hasPrefix("tag:") ? String(audience.dropFirst(4)) : audience
        if let id = Int(tag) { return .tag(id) }
        if tagIDs == nil {
            tagIDs = Dictionary(try await client.tags().map { ($0.name, $0.id) }, uniquingKeysWith: { a, _ in a })
        }
        guard let id = tagIDs?[tag] else { throw PublishError.unknownTag(group: group, tag: tag) }
        return .tag(id)
    }

    private func record(_ key: String, _ change: (inout Journal.Entry) -> Void) throws {
        guard var entry = journal.entries[key] else { return }
        change(&entry)
        entry.updatedAt = clock.now()
        journal.entries[key] = entry
        try journal.save(to: store)
    }

    private func save(_ key: String, _ step: Journal.Step) throws {
        try journal.save(to: store)
        try hook(key, step)
    }

    private func hook(_ key: String, _ step: Journal.Step) throws {
        try afterJournalWrite?("\(key):\(step.rawValue)")
    }
}

/// Thrown by a test's `afterJournalWrite` hook to stand for the process dying.
public struct SimulatedCrash: Error, Equatable {
    public var at: String
    public init(at: String) { self.at = at }
}

public enum PublishError: Error, CustomStringConvertible, Equatable {
    case busy
    case missingCover(String)
    case missingDraft(String)
    case unreadableImage(String)
    case imageChanged(String)
    case unknownTag(group: String, tag: String)

    public var description: String {
        switch self {
        case .busy: return "another wxpub run is using this site's state folder (the journal is locked); wait for it to finish, then run again"
        case .missingCover(let path): return "\(path): the cover was not uploaded; run again"
        case .missingDraft(let key): return "the journal entry \(key) is at `sending` but has no draft media_id; check it with `wxpub status` and fix journal.json by hand"
        case .unreadableImage(let path): return "cannot read the image \(path); it was there when the post was compiled — restore it and run again"
        case .imageChanged(let path): return "the image \(path) changed while publishing; run again"
        case .unknownTag(let group, let tag):
            return "group `\(group)` names the WeChat tag `\(tag)`, which the account does not have; create it with `wxpub groups sync` (or fix wxpub.yml), then run again"
        }
    }
}
