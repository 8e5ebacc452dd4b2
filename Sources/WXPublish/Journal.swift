import Foundation
import WXContent
import WXSupport

/// What was done for each broadcast, written before and after every remote call, so a run killed
/// at any point can be run again: finished steps are skipped, an interrupted send is retried with
/// the same clientmsgid (and WeChat's 45065 confirms the original), nothing is sent twice.
/// Plain JSON, safe to commit: it holds ids and hashes, never a token or secret.
public struct Journal: Codable, Sendable, Equatable {
    /// The format this wxpub reads and writes; a journal of another version is refused on load
    /// rather than misread (a newer wxpub may record steps this one does not know).
    public static let currentVersion = 1
    public var version = Journal.currentVersion
    /// clientmsgid → record
    public var entries: [String: Entry] = [:]

    public init() {}

    public enum Step: String, Codable, Sendable, Comparable, CaseIterable {
        /// Planned; nothing remote done yet.
        case planned
        /// Every image and the cover are uploaded.
        case mediaUploaded = "media_uploaded"
        /// About to call draft/add (if the run dies here, the next run adds the draft again).
        case addingDraft = "adding_draft"
        /// draft/add answered; `draftMediaID` is set.
        case draftAdded = "draft_added"
        /// About to call sendall / freepublish/submit. A run that dies here must retry with the
        /// same clientmsgid, never with a new one.
        case sending
        /// The platform accepted the broadcast (`msgID` set) or the publish job (`publishID` set).
        case sent
        /// Mode `draft`: the draft is left for a human. Terminal.
        case drafted

        static let order: [Step] = [.planned, .mediaUploaded, .addingDraft, .draftAdded, .sending, .sent, .drafted]
        public static func < (a: Step, b: Step) -> Bool { order.firstIndex(of: a)! < order.firstIndex(of: b)! }

        public var isDone: Bool { self == .sent || self == .drafted }
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var clientMsgID: String
        /// broadcast, publish or draft; an unknown mode fails the load (never read as a broadcast).
        public var mode: Post.PublishMode
        public var account: String
        /// The group's name in wxpub.yml and what it resolved to (`all`, `tag:2`, `tag:听众交流会`).
        public var group: String
        public var audience: String
        public var window: String
        public var posts: [String]
        public var titles: [String]
        public var articleHashes: [String]
        public var step: Step
        public var draftMediaID: String?
        public var msgID: String?
        public var msgDataID: String?
        public var publishID: String?
        /// Last known delivery status from mass/get (SENDING, SEND_SUCCESS, …).
        public var status: String?
        public var lastError: String?
        /// Articles taken back with `wxpub retract` (1-based; 0 means the whole broadcast). The entry
        /// stays `sent`, so its posts are never sent again by accident.
        public var retractedArticles: [Int]?
        public var retractedAt: Date?
        public var createdAt: Date
        public var updatedAt: Date

        public init(clientMsgID: String, mode: Post.PublishMode, account: String, group: String, audience: String, window: String,
                    posts: [String], titles: [String], articleHashes: [String], step: Step, draftMediaID: String? = nil, msgID: String? = nil,
                    msgDataID: String? = nil, publishID: String? = nil, status: String? = nil, lastError: String? = nil,
                    retractedArticles: [Int]? = nil, retractedAt: Date? = nil, createdAt: Date, updatedAt: Date) {
            self.clientMsgID = clientMsgID
            self.mode = mode
            self.account = account
            self.group = group
            self.audience = audience
            self.window = window
            self.posts = posts
            self.titles = titles
            self.articleHashes = articleHashes
            self.step = step
            self.draftMediaID = draftMediaID
            self.msgID = msgID
            self.msgDataID = msgDataID
            self.publishID = publishID
            self.status = status
            self.lastError = lastError
            self.retractedArticles = retractedArticles
            self.retractedAt = retractedAt
            self.createdAt = createdAt
            self.updatedAt = updatedAt
        }

        /// Whether every article of the broadcast was taken back.
        public var isRetracted: Bool {
            guard let articles = retractedArticles else { return false }
            return articles.contains(0) || Set(articles).isSuperset(of: 1...max(posts.count, 1))
        }

        enum CodingKeys: String, CodingKey {
            case mode, account, group, audience, window, posts, titles, step, status
            case clientMsgID = "clientmsgid"
            case articleHashes = "article_hashes"
            case draftMediaID = "draft_media_id"
            case msgID = "msg_id"
            case msgDataID = "msg_data_id"
            case publishID = "publish_id"
            case lastError = "last_error"
            case retractedArticles = "retracted_articles"
            case retractedAt = "retracted_at"
            case createdAt = "created_at"
            case updatedAt = "updated_at"
        }
    }

    static let fileName = "journal.json"
    static let lockName = "journal.lock"

    public static func load(from store: StateStore) throws -> Journal {
        guard let data = try store.read(fileName) else { return Journal() }
        struct Header: Decodable { var version: Int? }
        if let header = try? StateJSON.decoder().decode(Header.self, from: data), let version = header.version, version != currentVersion {
            throw StateFileError(file: fileName, reason: "it is journal version \(version), this wxpub reads version \(currentVersion); use the wxpub that wrote it (or a newer one), never edit the version by hand")
        }
        do {
            return try StateJSON.decoder().decode(Journal.self, from: data)
        } catch {
            throw StateFileError(file: fileName, reason: "\(error)")
        }
    }

    public func save(to store: StateStore) throws {
        try store.write(Journal.fileName, StateJSON.encoder().encode(self))
    }

    /// Broadcasts that used the account's quota in `window` (sent, or possibly sent). On a service
    /// account only sends to all followers count; on a subscription account every send does.
    public func quotaUsed(account: String, window: String, tagSendsCount: Bool) -> Int {
        entries.values.filter {
            $0.account == account && $0.window == window && $0.mode == .broadcast
                && ($0.step == .sent || $0.step == .sending) && (tagSendsCount || $0.audience == "all")
        }.count
    }

    /// `slug|group` pairs already delivered (sent, published or left as a draft) on this account.
    public func finishedDeliveries(account: String) -> Set<String> {
        var done = Set<String>()
        for entry in entries.values where entry.account == account && entry.step.isDone {
            for post in entry.posts { done.insert("\(post)|\(entry.group)") }
        }
        return done
    }
}
