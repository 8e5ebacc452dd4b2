import Foundation
import WXContent
import WXRender
import WXSupport

/// A post that compiled cleanly, ready to be planned.
public struct CompiledPost: Sendable {
    /// The post and its article, held once: the planner copies its lists of posts several times
    /// over (a thousand posts made several 700 KB copies at a build's peak).
    private var parts: SharedValue<Parts>

    private struct Parts: Sendable {
        var post: Post
        var article: Article
    }

    public var post: Post {
        _read { yield parts.value.post }
        _modify { yield &parts.value.post }
    }

    public var article: Article {
        _read { yield parts.value.article }
        _modify { yield &parts.value.article }
    }

    public init(post: Post, article: Article) {
        parts = SharedValue(Parts(post: post, article: article))
    }

    /// Set for a part of a post cut by `split:`: the original post's slug, this part (1-based), how many.
    public var series: (of: String, part: Int, parts: Int)? {
        guard case .string(let of)? = post.frontMatter[SeriesSplitter.seriesOfKey]?.value,
              case .int(let part)? = post.frontMatter[SeriesSplitter.seriesPartKey]?.value,
              case .int(let parts)? = post.frontMatter[SeriesSplitter.seriesPartsKey]?.value else { return nil }
        return (of, part, parts)
    }

    /// `contentHash` computed earlier (e.g. before the article's content was dropped to save memory).
    public var precomputedContentHash: String?

    /// Identifies the article's content, images included: an edit anywhere changes it, a rebuild does not.
    public var contentHash: String {
        if let precomputedContentHash { return precomputedContentHash }
        // The fields joined by U+001F, hashed as they are fed in (no joined copy of the content,
        // and no string made of the content's bytes: `Article.withContentUTF8`).
        var hasher = SHA256()
        let separator: [UInt8] = [0x1F]
        for (index, field) in [article.title, article.author, article.digest].enumerated() {
            if index > 0 { hasher.update(separator) }
            var field = field
            field.withUTF8 { hasher.update($0) }
        }
        hasher.update(separator)
        article.withContentUTF8 { hasher.update($0) }
        let rest = [article.contentSourceURL, "\(article.needOpenComment)/\(article.onlyFansCanComment)", article.cover.sha256 ?? article.cover.source]
            + article.images.map { $0.sha256 ?? $0.source }
        for field in rest {
            hasher.update(separator)
            var field = field
            field.withUTF8 { hasher.update($0) }
        }
        return hasher.finalize().hexString
    }
}

/// What `publish` will do, computed without touching the network: the dry run prints it, the real
/// run executes it. A value, so it can be printed as text or JSON and compared in tests.
public struct Plan: Sendable, Codable, Equatable {
    public var account: String
    public var accountType: String
    public var quota: QuotaSummary
    public var now: Date
    public var broadcasts: [PlannedBroadcast]
    /// Posts whose `publish_at` is still ahead.
    public var waiting: [WaitingPost]

    public struct QuotaSummary: Sendable, Codable, Equatable {
        public var period: String
        public var limit: Int
        public var window: String
        /// Quota-counting broadcasts already made in this window (from the journal).
        public var usedBefore: Int
        public var plannedNow: Int

        enum CodingKeys: String, CodingKey {
            case period, limit, window
            case usedBefore = "used_before"
            case plannedNow = "planned_now"
        }
    }

    public struct WaitingPost: Sendable, Codable, Equatable {
        public var slug: String
        public var title: String
        public var publishAt: Date

        enum CodingKeys: String, CodingKey {
            case slug, title
            case publishAt = "publish_at"
        }
    }

    enum CodingKeys: String, CodingKey {
        case account, quota, now, broadcasts, waiting
        case accountType = "account_type"
    }

    public var ready: [PlannedBroadcast] { broadcasts.filter { $0.state == .ready || $0.state == .resume } }
}

public struct PlannedBroadcast: Sendable, Codable, Equatable {
    public enum State: String, Sendable, Codable {
        /// Will be sent in this run.
        case ready
        /// Started in an earlier run that stopped part-way; this run finishes it.
        case resume
        /// Already delivered; nothing to do.
        case done
        /// Over the account's quota for this window; wait for the next one.
        case deferred
        /// Cannot go ahead until the editor decides (e.g. the post changed after its draft was added).
        case blocked
    }

    public var clientMsgID: String
    public var mode: Post.PublishMode
    /// The group's name in wxpub.yml.
    public var group: String
    /// `all`, `tag:2` or `tag:听众交流会`.
    public var audience: String
    public var window: String
    public var articles: [PlannedArticle]
    public var images: [PlannedImage]
    /// Whether this broadcast uses one of the window's quota slots.
    public var countsAgainstQuota: Bool
    public var state: State
    /// Why it is deferred, blocked or resumed, for the operator.
    public var note: String?

    enum CodingKeys: String, CodingKey {
        case mode, group, audience, window, articles, images, state, note
        case clientMsgID = "clientmsgid"
        case countsAgainstQuota = "counts_against_quota"
    }
}

public struct PlannedArticle: Sendable, Codable, Equatable {
    public var slug: String
    public var path: String
    public var title: String
    public var contentHash: String

    enum CodingKeys: String, CodingKey {
        case slug, path, title
        case contentHash = "content_hash"
    }
}

public struct PlannedImage: Sendable, Codable, Equatable {
    public enum Use: String, Sendable, Codable {
        /// In the body: `media/uploadimg`.
        case body
        /// The cover: a permanent image material.
        case cover
    }

    public var source: String
    public var use: Use
    public var sha256: String?
    public var bytes: Int?
    /// Already uploaded to this account (from the media cache).
    public var cached: Bool
}
