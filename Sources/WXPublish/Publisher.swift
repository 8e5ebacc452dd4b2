import Foundation
import WXAPI
import WXContent
import WXRender
import WXSupport

/// Carries out a plan against the account as named steps (upload media → add draft → send,
/// submit or leave the draft; settle what an interrupted run left at `sending`). One loop runs
/// the next step of each journal entry, writes the journal before and after every remote call and
/// calls the test hook after each write, so a run stopped anywhere can simply be run again.
/// An actor: one run at a time per publisher, and the journal lock keeps processes apart.
public actor Publisher {
    public nonisolated let planner: Planner
    let client: WeChatClient
    let store: StateStore
    let clock: any WXSupport.Clock
    let fetcher: RemoteImageFetcher
    /// Called after each state write (journal steps as `<clientmsgid>:<step>`, media-cache writes as
    /// `media:<kind>:<sha>`); a test throws `SimulatedCrash` from it to simulate the process dying
    /// at that point (nothing more is written).
    let afterJournalWrite: (@Sendable (String) throws -> Void)?
    /// Upload progress: `(done, total, what)`.
    let progress: (@Sendable (Int, Int, String) -> Void)?
    /// Each step as it starts and finishes, for progress output.
    let events: (@Sendable (Event) -> Void)?
    /// How many uploads run at once.
    let uploadConcurrency: Int

    private var journal = Journal()
    private var media = MediaCache()
    /// One per run, so every broadcast sees what earlier ones uploaded (even ones that failed later).
    private var uploader: MediaUploader?
    private var tagIDs: [String: Int]?
    /// The step running now, so a failure says where it happened (`sending: …`).
    private var currentStep: String?

    public init(planner: Planner, client: WeChatClient, store: StateStore, clock: any WXSupport.Clock = SystemClock(), fetcher: RemoteImageFetcher? = nil,
                uploadConcurrency: Int = 4, afterJournalWrite: (@Sendable (String) throws -> Void)? = nil,
                progress: (@Sendable (Int, Int, String) -> Void)? = nil, events: (@Sendable (Event) -> Void)? = nil) {
        self.planner = planner
        self.client = client
        self.store = store
        self.clock = clock
        self.fetcher = fetcher ?? RemoteImageFetcher(store: store)
        self.uploadConcurrency = uploadConcurrency
        self.afterJournalWrite = afterJournalWrite
        self.progress = progress
        self.events = events
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

    /// A step starting or finishing, for progress output: `index` of `total` broadcasts of the run.
    public struct Event: Sendable, Equatable {
        public enum Phase: String, Sendable { case started, finished }
        public var phase: Phase
        public var step: String
        public var index: Int
        public var total: Int
        /// The headline's title.
        public var title: String
    }

    /// Takes the journal lock (a second run fails at once rather than interleaving), settles any
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
            for (i, entry) in orphans.enumerated() { outcomes.append(await settle(entry, index: i + 1, total: orphans.count)) }
            plan = try planner.plan(posts, journal: journal, media: media, now: clock.now(), options: options)
        }
        let bySlug = Dictionary(posts.map { ($0.post.slug, $0) }, uniquingKeysWith: { a, _ in a })
        let total = plan.ready.count
        var index = 0
        var stopped: String?
        for broadcast in plan.broadcasts {
            switch broadcast.state {
            case .done, .deferred, .blocked:
                outcomes.append(Outcome(broadcast: broadcast, result: .skipped(broadcast.note ?? broadcast.state.rawValue), uploads: 0))
                continue
            case .ready, .resume:
                index += 1
            }
            if let stopped {
                outcomes.append(Outcome(broadcast: broadcast, result: .failed("not attempted: \(stopped)"), uploads: 0))
                continue
            }
            let items = broadcast.articles.compactMap { bySlug[$0.slug] }
            currentStep = nil
            do {
                try await replaceStale(broadcast, items, options: options)
                try start(broadcast, items, options: options)
                let (result, uploads) = try await advance(broadcast.clientMsgID, items: items, orphan: false, index: index, total: total)
                outcomes.append(Outcome(broadcast: broadcast, result: result, uploads: uploads))
            } catch let error as WeChatAPIError {
                try record(broadcast.clientMsgID) { $0.lastError = error.description }
                outcomes.append(Outcome(broadcast: broadcast, result: .failed(failure(error.description)), uploads: 0))
                // Every later call would fail the same way.
                if error.classification == .token || error.classification == .permission { stopped = error.description }
            } catch let error as PublishError {
                try record(broadcast.clientMsgID) { $0.lastError = error.description }
                outcomes.append(Outcome(broadcast: broadcast, result: .failed(failure(error.description)), uploads: 0))
            } catch let error as RemoteImageFetcher.FetchError {
                try record(broadcast.clientMsgID) { $0.lastError = error.description }
                outcomes.append(Outcome(broadcast: broadcast, result: .failed(failure(error.description)), uploads: 0))
            }
        }
        return (plan, outcomes)
    }

    /// A failure's message with the step it happened in.
    private func failure(_ message: String) -> String {
        currentStep.map { "\($0): \(message)" } ?? message
    }

    static func takeLock(_ store: StateStore) throws -> AnyObject {
        do {
            return try store.lock(Journal.lockName, wait: false)
        } catch is FileLock.Busy {
            throw PublishError.busy
        }
    }

    /// Writes the entry for a broadcast that has none yet, at `planned`.
    private func start(_ broadcast: PlannedBroadcast, _ items: [CompiledPost], options: Planner.Options) throws {
        let key = broadcast.clientMsgID
        guard journal.entries[key] == nil else { return }
        let now = clock.now()
        journal.entries[key] = Journal.Entry(
            clientMsgID: key, mode: broadcast.mode, account: planner.account, group: broadcast.group,
            audience: broadcast.audience, window: broadcast.window, posts: items.map(\.post.slug), titles: items.map(\.article.title),
            articleHashes: items.map(\.contentHash), step: .planned, createdAt: now, updatedAt: now)
        try journal.save(to: store)
        try hook(key, .planned)
    }

    /// Clears what earlier versions of a new broadcast's posts left, before its entry is written:
    /// with --force-new-draft the unsent draft of an edited post is deleted (only 40007 means it is
    /// already gone; any other failure keeps the old entry, so a live draft is never forgotten),
    /// and entries that stopped before their draft are forgotten.
    private func replaceStale(_ broadcast: PlannedBroadcast, _ items: [CompiledPost], options: Planner.Options) async throws {
        let key = broadcast.clientMsgID
        guard journal.entries[key] == nil else { return }
        if options.forceNewDraft, let stale = planner.staleEntry(for: items, group: broadcast.group, excluding: key, journal: journal), stale.step < .sending {
            if let draft = stale.draftMediaID {
                do {
                    try await client.deleteDraft(mediaID: draft)
                } catch let error as WeChatAPIError where error.errcode == 40007 {
                    // Already gone (deleted by hand in 公众平台): nothing left to replace.
                } catch let error as WeChatAPIError {
                    throw PublishError.staleDraftNotDeleted(draft: draft, reason: error.description)
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
    }

    /// The one loop: runs the entry's next step until a step finishes the entry for this run.
    private func advance(_ key: String, items: [CompiledPost], orphan: Bool, index: Int, total: Int) async throws -> (Outcome.Result, Int) {
        var uploaded: MediaUploader.Uploaded?
        var uploads = 0
        let title = journal.entries[key]?.titles.first ?? key
        while true {
            guard let entry = journal.entries[key] else { throw PublishError.missingDraft(key) }
            guard let step = try nextStep(entry, uploaded: uploaded, orphan: orphan) else {
                return (Self.finished(entry), uploads)
            }
            events?(Event(phase: .started, step: step.name, index: index, total: total, title: title))
            currentStep = step.name
            let before = entry.step
            if let marker = step.marker {
                try record(key) { $0.step = marker }
                try hook(key, marker)
            }
            let uploader = self.uploader ?? makeUploader()
            self.uploader = uploader
            let context = StepContext(
                entry: journal.entries[key]!, before: before, items: items, uploaded: uploaded, client: client, uploader: uploader,
                audience: { [self] group, audience in try await self.massAudience(group: group, audience: audience) },
                nextWindow: planner.nextWindow(after: clock.now()).id, now: clock.now())
            let outcome: StepOutcome
            do {
                outcome = try await step.run(context)
            } catch let refused as StepRefused {
                try record(key) { $0.step = refused.revertTo }
                throw refused.error
            }
            if let change = outcome.change {
                try record(key, change)
                if outcome.hook { try hook(key, journal.entries[key]!.step) }
            }
            if let fresh = outcome.uploaded { uploaded = fresh }
            uploads += outcome.uploads
            events?(Event(phase: .finished, step: step.name, index: index, total: total, title: title))
            if let result = outcome.result { return (result, uploads) }
        }
    }

    /// The step an entry needs next, from its journal step and mode; nil when it is finished.
    private func nextStep(_ entry: Journal.Entry, uploaded: MediaUploader.Uploaded?, orphan: Bool) throws -> (any PublishStep)? {
        switch entry.step {
        case .planned, .mediaUploaded, .addingDraft:
            if orphan { throw PublishError.missingDraft(entry.clientMsgID) }
            return uploaded == nil ? UploadMediaStep() : AddDraftStep()
        case .draftAdded:
            guard entry.draftMediaID != nil else { throw PublishError.missingDraft(entry.clientMsgID) }
            if orphan { return nil }
            switch entry.mode {
            case .broadcast: return SendBroadcastStep()
            case .publish: return SubmitPublishStep()
            case .draft: return LeaveDraftStep()
            }
        case .sending:
            return SettleInterruptedSendStep(orphan: orphan)
        case .sent, .drafted:
            return nil
        }
    }

    /// The result of an entry that needs no more steps.
    private static func finished(_ entry: Journal.Entry) -> Outcome.Result {
        if let id = entry.msgID { return .sent(msgID: id, confirmedEarlier: true) }
        if let id = entry.publishID { return .published(publishID: id) }
        if entry.step == .drafted, let id = entry.draftMediaID { return .drafted(mediaID: id) }
        return .skipped("nothing left to do (step \(entry.step.rawValue))")
    }

    /// A broadcast left at `sending` whose posts changed since (so the plan no longer names it):
    /// it may have gone out, so it is settled first with its own clientmsgid and draft; 45065
    /// confirms it, and the edited post then counts as delivered rather than going out twice.
    private func settle(_ entry: Journal.Entry, index: Int, total: Int) async -> Outcome {
        currentStep = nil
        let broadcast = PlannedBroadcast(
            clientMsgID: entry.clientMsgID, mode: entry.mode, group: entry.group, audience: entry.audience, window: entry.window,
            articles: zip(entry.posts, entry.titles).map { PlannedArticle(slug: $0, path: $0, title: $1, contentHash: "") },
            images: [], countsAgainstQuota: false, state: .resume,
            note: "an earlier run stopped while sending this version; settling it with its clientmsgid")
        do {
            let (result, _) = try await advance(entry.clientMsgID, items: [], orphan: true, index: index, total: total)
            return Outcome(broadcast: broadcast, result: result, uploads: 0)
        } catch {
            try? record(entry.clientMsgID) { $0.lastError = "\(error)" }
            return Outcome(broadcast: broadcast, result: .failed(failure("\(error)")), uploads: 0)
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

    private func hook(_ key: String, _ step: Journal.Step) throws {
        try afterJournalWrite?("\(key):\(step.rawValue)")
    }
}
