import Foundation
import WXContent

/// The calendar `wxpub schedule` prints: the next quota windows, what each will carry and what
/// waits. Computed by running the same `Planner` that `publish` runs, at every moment in each
/// window when something can become due, so the two cannot disagree.
public struct Schedule: Sendable, Codable, Equatable {
    public var account: String
    public var accountType: String
    /// The site's time zone (IANA name); the printer shows times in it.
    public var timeZone: String
    public var now: Date
    public var sendTime: String?
    public var bundle: String
    public var windows: [Window]
    /// Posts due only after the last window shown.
    public var later: [Plan.WaitingPost]

    public struct Window: Sendable, Codable, Equatable {
        /// `2027-03-01` (a day) or `2027-03` (a month), Beijing time, as the platform counts.
        public var id: String
        public var start: Date
        public var end: Date
        public var limit: Int
        /// Quota-counting broadcasts the journal shows already made in this window.
        public var usedBefore: Int
        /// Used once the planned broadcasts are made.
        public var used: Int
        public var left: Int
        public var broadcasts: [Broadcast]
        public var deferred: [Deferred]

        enum CodingKeys: String, CodingKey {
            case id, start, end, limit, used, left, broadcasts, deferred
            case usedBefore = "used_before"
        }
    }

    public struct Broadcast: Sendable, Codable, Equatable {
        /// When it goes out (the first moment a timer run finds it due and within the quota).
        public var at: Date
        public var clientMsgID: String
        public var mode: Post.PublishMode
        public var group: String
        public var audience: String
        /// Headline first.
        public var articles: [PlannedArticle]
        public var countsAgainstQuota: Bool
        /// `planned`, or `resume` for one an earlier run started.
        public var state: String

        enum CodingKeys: String, CodingKey {
            case at, mode, group, audience, articles, state
            case clientMsgID = "clientmsgid"
            case countsAgainstQuota = "counts_against_quota"
        }
    }

    /// A post that will not go out in a window, and why.
    public struct Deferred: Sendable, Codable, Equatable {
        public enum Reason: String, Sendable, Codable {
            /// The window's broadcasts are used up.
            case quota
            /// Waiting for an editor's decision (group undefined, post changed after its draft…).
            case blocked
            /// The post has compile errors.
            case errors
            /// Its publish_at (or the send_time) is after the window.
            case waiting
        }

        public var slug: String
        public var title: String
        public var group: String?
        public var reason: Reason
        public var note: String
        /// When a waiting post becomes due.
        public var dueAt: Date?

        enum CodingKeys: String, CodingKey {
            case slug, title, group, reason, note
            case dueAt = "due_at"
        }
    }

    enum CodingKeys: String, CodingKey {
        case account, now, bundle, windows, later
        case accountType = "account_type"
        case timeZone = "time_zone"
        case sendTime = "send_time"
    }
}
