import Foundation
import WXContent
import WXPublish
import WXSandbox

/// How a plan, its outcomes and the sandbox's ledger read on a terminal, and as JSON for CI.
enum PlanPrinter {
    static func printPlan(_ plan: Plan, config: SiteConfig, console: Console, dryRun: Bool) {
        let period = plan.quota.period == "day" ? "a day" : "a month"
        console.out("\(dryRun ? "plan (dry run)" : "plan") for \(config.accountName) — \(plan.accountType) account, \(plan.quota.limit) broadcast\(plan.quota.limit == 1 ? "" : "s") \(period), windows in Beijing time")
        console.out("quota window \(plan.quota.window): \(plan.quota.usedBefore) of \(plan.quota.limit) used before this run, \(plan.quota.plannedNow) planned now")
        if plan.broadcasts.isEmpty { console.out("nothing is due") }
        for (index, b) in plan.broadcasts.enumerated() {
            let audience: String
            switch b.audience {
            case "all": audience = "all followers (is_to_all)"
            case "-": audience = b.mode == .publish ? "no push (freepublish)" : "draft box only"
            default: audience = "group \(b.group) → \(b.audience)"
            }
            let quota = b.countsAgainstQuota ? "uses 1 quota slot" : (b.mode == .broadcast ? "no account quota (each follower still gets at most 4 a month)" : "no quota")
            console.out("\n[\(index + 1)/\(plan.broadcasts.count)] \(b.state.rawValue.uppercased())  \(b.mode.rawValue) to \(audience); window \(b.window); \(quota)")
            console.out("    clientmsgid \(b.clientMsgID)")
            for (i, article) in b.articles.enumerated() { console.out("    article \(i + 1): \(article.title)  (\(article.path))") }
            let fresh = b.images.filter { !$0.cached }
            let cached = b.images.count - fresh.count
            let bytes = fresh.compactMap(\.bytes).reduce(0, +)
            console.out("    images: \(b.images.count) (\(fresh.count) to upload\(bytes > 0 ? ", \(formatBytes(bytes))" : ""), \(cached) already uploaded)")
            if let note = b.note { console.out("    note: \(note)") }
        }
        if !plan.waiting.isEmpty {
            console.out("\nwaiting (publish_at or send_time ahead; times in \(config.timeZone.identifier)):")
            for w in plan.waiting { console.out("    \(SiteTime.text(w.publishAt, in: config.timeZone))  \(w.title)  (\(w.slug))") }
        }
    }

    static func printOutcomes(_ outcomes: [Publisher.Outcome], console: Console) {
        guard !outcomes.isEmpty else { return }
        console.out("\nresults:")
        for o in outcomes {
            let title = o.broadcast.articles.map(\.title).joined(separator: " + ")
            switch o.result {
            case .sent(let id, let earlier):
                console.out("    sent      msg_id \(id)\(earlier ? " (confirmed: sent by an earlier run)" : "")  \(title) → \(o.broadcast.audience); \(o.uploads) upload\(o.uploads == 1 ? "" : "s")")
            case .published(let id): console.out("    published publish_id \(id)  \(title)")
            case .drafted(let id): console.out("    drafted   media_id \(id)  \(title)")
            case .skipped(let why): console.out("    skipped   \(title): \(why)")
            case .deferred(let why): console.out("    deferred  \(title): \(why)")
            case .failed(let why): console.out("    FAILED    \(title): \(why)")
            }
        }
    }

    static func printLedger(_ ledger: SandboxLedger, console: Console) {
        console.out("\nthe sandbox received (\(ledger.followers) followers, \(ledger.accountType) account):")
        for b in ledger.broadcasts {
            let target = b.filter.map { $0.isToAll ? "all followers" : "tag \($0.tagID.map(String.init) ?? "?")" } ?? "\(b.touser?.count ?? 0) OpenIDs"
            console.out("    broadcast msg_id \(b.msgID) → \(target): \(b.titles.joined(separator: " + ")) — total \(b.total), filtered \(b.filtered), sent \(b.sent), \(b.status)")
        }
        let imageBytes = ledger.images.map(\.bytes).reduce(0, +)
        let materials = ledger.materials.filter { !$0.deleted }
        console.out("    uploads: \(ledger.images.count) body image\(ledger.images.count == 1 ? "" : "s") (\(formatBytes(imageBytes))), \(materials.count) permanent material\(materials.count == 1 ? "" : "s"); drafts: \(ledger.drafts.count)")
        let calls = ledger.calls.filter { $0.key.hasPrefix("/cgi-bin/") }.sorted { $0.key < $1.key }.map { "\($0.key.dropFirst(9)) \($0.value)" }
        console.out("    API calls: " + (calls.isEmpty ? "none" : calls.joined(separator: ", ")))
    }

    static func json(_ plan: Plan, outcomes: [Publisher.Outcome]?) throws -> String {
        struct Output: Encodable {
            var plan: Plan
            var results: [Result]?
        }
        struct Result: Encodable {
            var clientmsgid: String
            var result: String
            var id: String?
            var detail: String?
            var uploads: Int
        }
        let results = outcomes?.map { o -> Result in
            switch o.result {
            case .sent(let id, let earlier): return Result(clientmsgid: o.broadcast.clientMsgID, result: "sent", id: id, detail: earlier ? "confirmed earlier send" : nil, uploads: o.uploads)
            case .published(let id): return Result(clientmsgid: o.broadcast.clientMsgID, result: "published", id: id, detail: nil, uploads: o.uploads)
            case .drafted(let id): return Result(clientmsgid: o.broadcast.clientMsgID, result: "drafted", id: id, detail: nil, uploads: o.uploads)
            case .skipped(let why): return Result(clientmsgid: o.broadcast.clientMsgID, result: "skipped", id: nil, detail: why, uploads: 0)
            case .deferred(let why): return Result(clientmsgid: o.broadcast.clientMsgID, result: "deferred", id: nil, detail: why, uploads: o.uploads)
            case .failed(let why): return Result(clientmsgid: o.broadcast.clientMsgID, result: "failed", id: nil, detail: why, uploads: 0)
            }
        }
        return String(decoding: try StateJSON.encoder().encode(Output(plan: plan, results: results)), as: UTF8.self)
    }

    static func formatBytes(_ n: Int) -> String {
        n >= 1024 * 1024 ? String(format: "%.1f MB", Double(n) / 1_048_576) : n >= 1024 ? "\(n / 1024) KB" : "\(n) B"
    }
}
