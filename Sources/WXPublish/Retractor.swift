import Foundation
import WXAPI
import WXSupport

/// `wxpub retract`: takes a sent broadcast back with `message/mass/delete` (the whole broadcast
/// or one article; the article pages stop opening, the card already delivered stays in chats)
/// and records it in the journal, where the entry stays `sent` so the post is never re-sent.
public struct Retractor: Sendable {
    public let account: String
    let client: WeChatClient
    let store: StateStore
    let clock: any WXSupport.Clock

    public init(account: String, client: WeChatClient, store: StateStore, clock: any WXSupport.Clock = SystemClock()) {
        self.account = account
        self.client = client
        self.store = store
        self.clock = clock
    }

    /// One broadcast (or one article of it) to take back.
    public struct Target: Sendable, Equatable {
        public var msgID: String
        /// 1-based; 0 deletes every article.
        public var article: Int
        /// Nil for a msg_id the journal does not know.
        public var clientMsgID: String?
        public var titles: [String]
    }

    public struct RetractError: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// What `POST|MSG_ID` names. A post is found among the journal's sent broadcasts (one per
    /// group it went to); in a bundle only its own article is taken back unless `article` says
    /// otherwise. A msg_id is taken back whole unless `article` names one.
    public func targets(for name: String, article: Int? = nil) throws -> [Target] {
        let journal = try Journal.load(from: store)
        let sent = journal.entries.values
            .filter { $0.account == account && $0.mode == .broadcast && $0.step == .sent && $0.msgID != nil }
            .sorted { $0.createdAt < $1.createdAt }
        if let article, article < 0 || article > 8 {
            throw RetractError(description: "--article must be from 1 to 8 (the article's place in the broadcast), or 0 for all of it; got \(article)")
        }
        if name.allSatisfy(\.isNumber) {
            let entry = sent.first { $0.msgID == name }
            if let entry, let article, article > entry.posts.count {
                throw RetractError(description: "broadcast \(name) has \(entry.posts.count) article\(entry.posts.count == 1 ? "" : "s"); --article \(article) does not exist")
            }
            return [Target(msgID: name, article: article ?? 0, clientMsgID: entry?.clientMsgID, titles: entry?.titles ?? [])]
        }
        let slug = URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
        let matches = sent.filter { $0.posts.contains(name) || $0.posts.contains(slug) || $0.posts.contains(Self.undated(slug)) }
        guard !matches.isEmpty else {
            throw RetractError(description: "the journal has no sent broadcast of `\(name)`; give the post's slug or file, or the msg_id (`wxpub status` lists them)")
        }
        return matches.map { entry in
            let own = (entry.posts.firstIndex { $0 == name || $0 == slug || $0 == Self.undated(slug) } ?? 0) + 1
            let index = article ?? (entry.posts.count == 1 ? 0 : own)
            return Target(msgID: entry.msgID!, article: index, clientMsgID: entry.clientMsgID, titles: entry.titles)
        }
    }

    /// Calls mass/delete, then records it under the journal lock.
    public func retract(_ target: Target) async throws {
        try await client.massDelete(msgID: target.msgID, articleIndex: target.article)
        guard let key = target.clientMsgID else { return }
        let lock = try Publisher.takeLock(store)
        defer { withExtendedLifetime(lock) {} }
        var journal = try Journal.load(from: store)
        guard var entry = journal.entries[key] else { return }
        var articles = entry.retractedArticles ?? []
        if !articles.contains(target.article) { articles.append(target.article) }
        entry.retractedArticles = articles.sorted()
        entry.retractedAt = clock.now()
        entry.updatedAt = clock.now()
        if entry.isRetracted { entry.status = "DELETE" }
        journal.entries[key] = entry
        try journal.save(to: store)
    }

    /// `2026-11-20-hello` → `hello`: posts are journaled by slug.
    static func undated(_ stem: String) -> String {
        let parts = stem.split(separator: "-", maxSplits: 3)
        guard parts.count == 4, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2, parts[0...2].allSatisfy({ $0.allSatisfy(\.isNumber) }) else { return stem }
        return String(parts[3])
    }
}
