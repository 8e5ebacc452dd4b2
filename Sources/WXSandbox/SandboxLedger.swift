import Foundation

/// What the sandbox received, for tests and for `publish --sandbox` to report
/// (`GET /__sandbox/ledger`). Dates are ISO 8601 strings in UTC.
public struct SandboxLedger: Sendable, Codable, Equatable {
    public struct Broadcast: Sendable, Codable, Equatable {
        public struct Filter: Sendable, Codable, Equatable {
            public var isToAll: Bool
            public var tagID: Int?
            enum CodingKeys: String, CodingKey {
                case isToAll = "is_to_all"
                case tagID = "tag_id"
            }
        }
        public var msgID: Int64
        public var msgDataID: Int64?
        /// `sendall` or `send`.
        public var endpoint: String
        public var clientMsgID: String?
        public var filter: Filter?
        public var touser: [String]?
        public var msgtype: String
        public var mediaID: String?
        public var titles: [String]
        public var sentAt: String
        /// `SENDING`, `SEND_SUCCESS` or `DELETE` at the ledger's `now`.
        public var status: String
        /// Followers in the audience (the event's TotalCount).
        public var total: Int
        /// Followers left after filtering, e.g. the 4-a-month rule (FilterCount).
        public var filtered: Int
        /// Followers it was delivered to (SentCount).
        public var sent: Int
        /// Followers it failed for (ErrorCount): FilterCount − SentCount.
        public var error: Int
        /// The MASSSENDJOBFINISH `Status` once the job is over: `send success`, `send fail` or
        /// `err(N)`; empty while it is `SENDING`.
        public var finishStatus: String
        /// 1-based articles taken back with mass/delete (their pages no longer open; the chat card stays).
        public var deletedArticles: [Int] = []

        enum CodingKeys: String, CodingKey {
            case deletedArticles = "deleted_articles"
            case msgID = "msg_id"
            case msgDataID = "msg_data_id"
            case endpoint
            case clientMsgID = "clientmsgid"
            case filter, touser, msgtype
            case mediaID = "media_id"
            case titles
            case sentAt = "sent_at"
            case status, total, filtered, sent, error
            case finishStatus = "finish_status"
        }
    }

    public struct Preview: Sendable, Codable, Equatable {
        public var msgID: Int64
        public var touser: String?
        public var towxname: String?
        public var msgtype: String
        public var mediaID: String?
        public var titles: [String]
        public var sentAt: String
        enum CodingKeys: String, CodingKey {
            case msgID = "msg_id"
            case touser, towxname, msgtype
            case mediaID = "media_id"
            case titles
            case sentAt = "sent_at"
        }
    }

    public struct Publish: Sendable, Codable, Equatable {
        public var publishID: String
        public var mediaID: String
        public var articleID: String
        public var titles: [String]
        public var submittedAt: String
        /// `publish_status`: 1 publishing, 0 done, 2–4 failed, 5/6 deleted after success.
        public var publishStatus: Int
        /// 1-based indexes of failed articles (states 2 and 4).
        public var failIndexes: [Int]
        enum CodingKeys: String, CodingKey {
            case failIndexes = "fail_idx"
            case publishID = "publish_id"
            case mediaID = "media_id"
            case articleID = "article_id"
            case titles
            case submittedAt = "submitted_at"
            case publishStatus = "publish_status"
        }
    }

    public struct Draft: Sendable, Codable, Equatable {
        public var mediaID: String
        public var titles: [String]
        public var createdAt: String
        public var updatedAt: String
        /// `draft`, `sent`, `published` or `deleted`.
        public var status: String
        public var consumedBy: String?
        enum CodingKeys: String, CodingKey {
            case mediaID = "media_id"
            case titles
            case createdAt = "created_at"
            case updatedAt = "updated_at"
            case status
            case consumedBy = "consumed_by"
        }
    }

    public struct Image: Sendable, Codable, Equatable {
        public var url: String
        public var sha256: String
        public var bytes: Int
        public var format: String
        public var uploadedAt: String
        enum CodingKeys: String, CodingKey {
            case url, sha256, bytes, format
            case uploadedAt = "uploaded_at"
        }
    }

    public struct Material: Sendable, Codable, Equatable {
        public var mediaID: String
        /// `permanent` (add_material) or `temporary` (media/upload).
        public var kind: String
        public var type: String
        public var sha256: String
        public var bytes: Int
        public var url: String?
        public var createdAt: String
        public var deleted: Bool
        enum CodingKeys: String, CodingKey {
            case mediaID = "media_id"
            case kind, type, sha256, bytes, url
            case createdAt = "created_at"
            case deleted
        }
    }

    public var now: String
    public var accountType: String
    public var appID: String
    public var followers: Int
    /// Calls per path (`/cgi-bin/...`), successful or not.
    public var calls: [String: Int]
    public var broadcasts: [Broadcast]
    public var previews: [Preview]
    public var publishes: [Publish]
    public var drafts: [Draft]
    public var images: [Image]
    public var materials: [Material]
    /// All-follower sends held by API mass-send protection, and what became of them.
    public var confirmations: [Confirmation]

    /// One request for the administrator's confirmation.
    public struct Confirmation: Sendable, Codable, Equatable {
        public var clientMsgID: String?
        public var mediaID: String
        public var requestedAt: String
        /// `pending`, `confirmed`, `rejected` or `expired` (30 minutes without an answer).
        public var state: String
        /// The broadcast it became, once confirmed.
        public var msgID: Int64?
        enum CodingKeys: String, CodingKey {
            case clientMsgID = "clientmsgid"
            case mediaID = "media_id"
            case requestedAt = "requested_at"
            case state
            case msgID = "msg_id"
        }
    }

    enum CodingKeys: String, CodingKey {
        case now
        case accountType = "account_type"
        case appID = "appid"
        case followers, calls, broadcasts, previews, publishes, drafts, images, materials, confirmations
    }

    /// Total calls to a path, 0 when never called.
    public func callCount(_ path: String) -> Int { calls[path] ?? 0 }
}

extension SandboxEngine {
    func makeLedger() -> SandboxLedger {
        let now = clock.now()
        let iso = SandboxTime.iso8601
        return SandboxLedger(
            now: iso(now), accountType: configuration.accountType.rawValue, appID: configuration.appID, followers: state.followers.count,
            calls: state.calls,
            broadcasts: state.broadcasts.map { b in
                SandboxLedger.Broadcast(
                    msgID: b.msgID, msgDataID: b.msgDataID, endpoint: b.endpoint, clientMsgID: b.clientMsgID,
                    filter: b.endpoint == "sendall" ? .init(isToAll: b.isToAll ?? false, tagID: b.tagID) : nil, touser: b.touser,
                    msgtype: b.msgtype, mediaID: b.mediaID, titles: b.titles, sentAt: iso(b.sentAt), status: massStatusText(b, now: now),
                    total: b.total, filtered: b.filtered, sent: b.sent, error: b.filtered - b.sent,
                    finishStatus: massStatusText(b, now: now) == "SENDING" ? "" : (b.failStatus ?? "send success"),
                    deletedArticles: b.deleted ? Array(1...max(b.articleCount, 1)) : b.deletedArticles.sorted())
            },
            previews: state.previews.map {
                SandboxLedger.Preview(
                    msgID: $0.msgID, touser: $0.touser, towxname: $0.towxname, msgtype: $0.msgtype, mediaID: $0.mediaID, titles: $0.titles,
                    sentAt: iso($0.sentAt))
            },
            publishes: state.publishes.map {
                SandboxLedger.Publish(
                    publishID: $0.publishID, mediaID: $0.mediaID, articleID: $0.articleID, titles: $0.articles.map(\.title),
                    submittedAt: iso($0.submittedAt), publishStatus: publishFinished($0, now: now) ? ($0.outcome ?? 0) : 1,
                    failIndexes: publishFinished($0, now: now) && [2, 4].contains($0.outcome ?? 0) ? ($0.failIndexes ?? Array(1...$0.articles.count)) : [])
            },
            drafts: state.drafts.map {
                SandboxLedger.Draft(
                    mediaID: $0.mediaID, titles: $0.articles.map(\.title), createdAt: iso($0.createdAt), updatedAt: iso($0.updatedAt),
                    status: $0.status.rawValue, consumedBy: $0.consumedBy)
            },
            images: state.articleImages.map {
                SandboxLedger.Image(url: absolute($0.url), sha256: $0.sha256, bytes: $0.bytes, format: $0.format, uploadedAt: iso($0.uploadedAt))
            },
            materials: state.media.map {
                SandboxLedger.Material(
                    mediaID: $0.mediaID, kind: $0.kind.rawValue, type: $0.type, sha256: $0.sha256, bytes: $0.bytes, url: $0.url.map(absolute),
                    createdAt: iso($0.createdAt), deleted: $0.deleted)
            },
            confirmations: (state.confirmations ?? []).map {
                let expired = $0.state == .pending && now >= $0.requestedAt.addingTimeInterval(SandboxEngine.confirmationWindow)
                return SandboxLedger.Confirmation(
                    clientMsgID: $0.clientMsgID, mediaID: $0.mediaID, requestedAt: iso($0.requestedAt), state: expired ? "expired" : $0.state.rawValue,
                    msgID: $0.msgID)
            })
    }
}

extension SandboxLedger {
    /// A short human-readable account of what the sandbox received, for `publish --sandbox`.
    public var summaryLines: [String] {
        var lines: [String] = []
        let uploads = images.count + materials.count
        lines.append("sandbox \(accountType) account \(appID): \(followers) followers, \(uploads) upload(s), \(drafts.count) draft(s)")
        for b in broadcasts {
            let audience: String
            if let filter = b.filter {
                audience = filter.isToAll ? "all followers" : "tag \(filter.tagID.map(String.init) ?? "?")"
            } else {
                audience = "\(b.touser?.count ?? 0) OpenIDs"
            }
            let titles = b.titles.isEmpty ? b.msgtype : b.titles.joined(separator: " | ")
            var line = "broadcast msg_id \(b.msgID) to \(audience): \(titles) — \(b.sent) of \(b.total) followers, \(b.status)"
            if b.filtered < b.total { line += " (\(b.total - b.filtered) over their monthly limit)" }
            if b.status == "SEND_FAIL" { line += " — \(b.finishStatus)" }
            lines.append(line)
        }
        for p in publishes {
            let state = [0: "published", 1: "publishing", 2: "failed the originality check", 3: "failed", 4: "rejected by the platform's review",
                         5: "deleted after publishing", 6: "banned after publishing"][p.publishStatus] ?? "publish_status \(p.publishStatus)"
            lines.append("publish \(p.publishID): \(p.titles.joined(separator: " | ")) — \(state)")
        }
        for c in confirmations {
            lines.append("mass-send confirmation requested \(c.requestedAt): \(c.state)\(c.msgID.map { " (msg_id \($0))" } ?? "")")
        }
        for p in previews {
            lines.append("preview msg_id \(p.msgID) to \(p.towxname ?? p.touser ?? "?"): \(p.titles.joined(separator: " | "))")
        }
        return lines
    }
}
