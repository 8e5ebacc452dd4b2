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
    /// Called after each journal write with `<clientmsgid>:<step>`; a test throws from it to
    /// simulate the process dying at that point (nothing more is written).
    public var afterJournalWrite: (@Sendable (String) throws -> Void)?
    /// Progress for a terminal: `(done, total, what)`.
    public var progress: (@Sendable (Int, Int, String) -> Void)?
    /// How many uploads run at once.
    public var uploadConcurrency = 4

    private var journal = Journal()
    private var media = MediaCache()
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
            case skipped(String)
            case failed(String)
        }

        public var broadcast: PlannedBroadcast
        public var result: Result
        public var uploads: Int
    }

    /// Takes the journal lock (a second run fails at once rather than interleaving), then executes
    /// every ready broadcast in order. A failure stops only its own broadcast.
    public func run(_ posts: [CompiledPost], options: Planner.Options = Planner.Options()) async throws -> (plan: Plan, outcomes: [Outcome]) {
        let lock: AnyObject
        do {
            lock = try store.lock(Journal.lockName, wait: false)
        } catch is FileLock.Busy {
            throw PublishError.busy
        }
        defer { withExtendedLifetime(lock) {} }
        journal = try Journal.load(from: store)
        media = try MediaCache.load(from: store)
        let plan = try planner.plan(posts, journal: journal, media: media, now: clock.now(), options: options)
        var outcomes: [Outcome] = []
        let bySlug = Dictionary(posts.map { ($0.post.slug, $0) }, uniquingKeysWith: { a, _ in a })
        for broadcast in plan.broadcasts {
            switch broadcast.state {
            case .done, .deferred, .blocked:
                outcomes.append(Outcome(broadcast: broadcast, result: .skipped(broadcast.note ?? broadcast.state.rawValue), uploads: 0))
                continue
            case .ready, .resume:
                break
            }
            let items = broadcast.articles.compactMap { bySlug[$0.slug] }
            do {
                outcomes.append(try await execute(broadcast, items, options: options))
            } catch let error as SimulatedCrash {
                throw error
            } catch let error as WeChatAPIError {
                try record(broadcast.clientMsgID) { $0.lastError = error.description }
                outcomes.append(Outcome(broadcast: broadcast, result: .failed(error.description), uploads: 0))
                if error.classification == .token || error.classification == .permission { break }
            } catch let error as PublishError {
                outcomes.append(Outcome(broadcast: broadcast, result: .failed(error.description), uploads: 0))
            }
        }
        return (plan, outcomes)
    }

    private func execute(_ broadcast: PlannedBroadcast, _ items: [CompiledPost], options: Planner.Options) async throws -> Outcome {
        let key = broadcast.clientMsgID
        let now = clock.now()
        if journal.entries[key] == nil {
            if options.forceNewDraft, let stale = planner.staleEntry(for: items, group: broadcast.group, excluding: key, journal: journal) {
                if let draft = stale.draftMediaID { try? await client.deleteDraft(mediaID: draft) }
                journal.entries[stale.clientMsgID] = nil
            }
            journal.entries[key] = Journal.Entry(
                clientMsgID: key, mode: broadcast.mode.rawValue, account: planner.account, group: broadcast.group,
                audience: broadcast.audience, window: broadcast.window, posts: items.map(\.post.slug), titles: items.map(\.article.title),
                articleHashes: items.map(\.contentHash), step: .planned, createdAt: now, updatedAt: now)
            try save(key, .planned)
        }

        // 1. Media: each distinct file once, ever.
        let (sources, thumbs, uploads) = try await uploadMedia(items)
        if journal.entries[key]!.step < .mediaUploaded {
            try record(key) { $0.step = .mediaUploaded }
            try hook(key, .mediaUploaded)
        }

        // 2. Draft.
        var entry = journal.entries[key]!
        if entry.draftMediaID == nil || entry.step < .draftAdded {
            try record(key) { $0.step = .addingDraft }
            try hook(key, .addingDraft)
            let articles = zip(items, thumbs).map { item, thumb in
                DraftArticle(
                    title: item.article.title, author: item.article.author.isEmpty ? nil : item.article.author,
                    digest: items.count == 1 ? item.article.digest : nil,
                    content: item.article.content(replacingImageSources: sources),
                    contentSourceURL: item.article.contentSourceURL.isEmpty ? nil : item.article.contentSourceURL,
                    thumbMediaID: thumb, needOpenComment: item.article.needOpenComment, onlyFansCanComment: item.article.onlyFansCanComment)
            }
            let draftID = try await client.addDraft(articles: articles)
            try record(key) {
                $0.draftMediaID = draftID
                $0.step = .draftAdded
            }
            try hook(key, .draftAdded)
        }
        entry = journal.entries[key]!
        let draftID = entry.draftMediaID!

        switch broadcast.mode {
        case .draft:
            try record(key) { $0.step = .drafted }
            try hook(key, .drafted)
            return Outcome(broadcast: broadcast, result: .drafted(mediaID: draftID), uploads: uploads)
        case .publish:
            try record(key) { $0.step = .sending }
            try hook(key, .sending)
            let submission = try await client.submitPublish(mediaID: draftID)
            try record(key) {
                $0.publishID = submission.publishID
                $0.step = .sent
            }
            try hook(key, .sent)
            return Outcome(broadcast: broadcast, result: .published(publishID: submission.publishID), uploads: uploads)
        case .broadcast:
            let audience = try await massAudience(for: broadcast)
            try record(key) { $0.step = .sending }
            try hook(key, .sending)
            let result = try await client.massSendAll(audience: audience, message: .mpnews(mediaID: draftID), clientMsgID: key)
            try record(key) {
                $0.msgID = result.msgID
                $0.msgDataID = result.msgDataID
                $0.status = "SENDING"
                $0.step = .sent
                $0.lastError = nil
            }
            try hook(key, .sent)
            return Outcome(broadcast: broadcast, result: .sent(msgID: result.msgID, confirmedEarlier: result.wasAlreadySent), uploads: uploads)
        }
    }

    /// Uploads what the media cache does not already hold, a few at a time; returns the `src`
    /// rewrites for the bodies, each article's cover media_id, and how many uploads were made.
    private func uploadMedia(_ items: [CompiledPost]) async throws -> ([String: String], [String], Int) {
        struct Job: Sendable {
            var image: ArticleImage
            var kind: MediaCache.Kind
        }
        var jobs: [Job] = []
        var seen = Set<String>()
        for item in items {
            for image in item.article.images where seen.insert("b|" + image.source).inserted { jobs.append(Job(image: image, kind: .bodyImage)) }
            if seen.insert("c|" + item.article.cover.source).inserted { jobs.append(Job(image: item.article.cover, kind: .coverMaterial)) }
        }
        var resolved: [String: MediaCache.Entry] = [:]  // "kind|source" → entry
        var pending: [(Job, Data, String)] = []
        for job in jobs {
            let (data, sha) = try await bytes(of: job.image)
            if let entry = media.lookup(account: planner.account, kind: job.kind, sha256: sha) {
                resolved["\(job.kind.rawValue)|\(job.image.source)"] = entry
            } else {
                pending.append((job, data, sha))
            }
        }
        var uploads = 0
        var index = 0
        while index < pending.count {
            let batch = pending[index..<min(index + uploadConcurrency, pending.count)]
            let client = self.client
            let now = clock.now()
            let results = try await withThrowingTaskGroup(of: (Int, MediaCache.Entry, String).self) { group in
                for (offset, (job, data, sha)) in batch.enumerated() {
                    group.addTask {
                        let info = ImageInfo.sniff(data)
                        let name = Publisher.baseName(job.image.source)
                        switch job.kind {
                        case .bodyImage:
                            let url = try await client.uploadImage(data, baseName: name)
                            return (offset, MediaCache.Entry(kind: .bodyImage, url: url, mediaID: nil, bytes: data.count, source: job.image.source, uploadedAt: now), sha)
                        case .coverMaterial:
                            let ext = info?.format.fileExtension ?? "jpg"
                            let file = MediaFile(data: data, filename: "\(name).\(ext)", contentType: info?.format.mimeType ?? "image/jpeg")
                            let material = try await client.addMaterial(type: .image, file: file)
                            return (offset, MediaCache.Entry(kind: .coverMaterial, url: material.url, mediaID: material.mediaID, bytes: data.count, source: job.image.source, uploadedAt: now), sha)
                        }
                    }
                }
                var out: [(Int, MediaCache.Entry, String)] = []
                for try await result in group { out.append(result) }
                return out
            }
            for (offset, entry, sha) in results {
                let job = batch[batch.startIndex + offset].0
                media.record(account: planner.account, sha256: sha, entry: entry)
                resolved["\(job.kind.rawValue)|\(job.image.source)"] = entry
                uploads += 1
            }
            // Each finished upload is remembered at once: a crash after it never repeats it.
            try media.save(to: store)
            index += batch.count
            progress?(index, pending.count, "uploads")
        }
        var sources: [String: String] = [:]
        for job in jobs where job.kind == .bodyImage {
            if let url = resolved["\(MediaCache.Kind.bodyImage.rawValue)|\(job.image.source)"]?.url { sources[job.image.source] = url }
        }
        let thumbs = try items.map { item -> String in
            guard let id = resolved["\(MediaCache.Kind.coverMaterial.rawValue)|\(item.article.cover.source)"]?.mediaID else {
                throw PublishError.missingCover(item.post.path)
            }
            return id
        }
        return (sources, thumbs, uploads)
    }

    private func bytes(of image: ArticleImage) async throws -> (Data, String) {
        if let url = image.url, image.path == nil {
            let data = try await fetcher.fetch(url)
            return (data, SHA256.hex(data))
        }
        guard let path = image.path, let data = FileManager.default.contents(atPath: planner.config.root.appendingPathComponent(path).path) else {
            throw PublishError.unreadableImage(image.path ?? image.source)
        }
        let sha = SHA256.hex(data)
        if let expected = image.sha256, expected != sha { throw PublishError.imageChanged(image.path ?? image.source) }
        return (data, sha)
    }

    private func massAudience(for broadcast: PlannedBroadcast) async throws -> MassAudience {
        switch planner.config.groups[broadcast.group] ?? .all {
        case .all: return .all
        case .tagID(let id): return .tag(id)
        case .tagName(let name):
            if tagIDs == nil {
                tagIDs = Dictionary(try await client.tags().map { ($0.name, $0.id) }, uniquingKeysWith: { a, _ in a })
            }
            guard let id = tagIDs?[name] else { throw PublishError.unknownTag(group: broadcast.group, tag: name) }
            return .tag(id)
        }
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

    static func baseName(_ source: String) -> String {
        let last = source.split(separator: "/").last.map(String.init) ?? "image"
        let stem = last.split(separator: ".").first.map(String.init) ?? last
        let safe = stem.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
        return safe.isEmpty ? "image" : String(String.UnicodeScalarView(safe))
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
    case unreadableImage(String)
    case imageChanged(String)
    case unknownTag(group: String, tag: String)

    public var description: String {
        switch self {
        case .busy: return "another wxpub run is publishing this site (the journal is locked); wait for it to finish, then run again"
        case .missingCover(let path): return "\(path): the cover was not uploaded; run again"
        case .unreadableImage(let path): return "cannot read the image \(path); it was there when the post was compiled — restore it and run again"
        case .imageChanged(let path): return "the image \(path) changed while publishing; run again"
        case .unknownTag(let group, let tag):
            return "group `\(group)` names the WeChat tag `\(tag)`, which the account does not have; create it with `wxpub groups sync` (or fix wxpub.yml), then run again"
        }
    }
}
