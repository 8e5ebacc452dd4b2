/// What the final state of a broadcast (mass/get) or publish job (freepublish/get) means for the
/// operator, and what to do about it. Only states that need a human have advice.
public struct DeliveryAdvice: Sendable, Equatable {
    public var reason: String
    public var fix: String

    public init(reason: String, fix: String) {
        self.reason = reason
        self.fix = fix
    }

    /// `SEND_FAIL`: mass/get gives no reason; the MASSSENDJOBFINISH event's Status carries it
    /// (err(10001) 涉嫌广告 … err(30003) 转载不群发, wechat-api.md §4.8).
    public static func massStatus(_ status: String) -> DeliveryAdvice? {
        switch status {
        case "SEND_FAIL":
            return DeliveryAdvice(
                reason: "WeChat reports the broadcast failed: nobody received it (mass/get does not say why; 公众平台 → 内容与互动 → 已发表/群发记录 shows the reason, e.g. a content review or originality (原创) check)",
                fix: "fix what WeChat objects to, then send it again from 公众平台; wxpub will not send this broadcast again by itself")
        case "DELETE":
            return DeliveryAdvice(reason: "the broadcast was delivered and later deleted (mass/delete or 公众平台)", fix: "nothing to do unless the deletion was a mistake")
        default:
            return nil
        }
    }

    /// publish_status 2–6 (wechat-api.md §3.3); `titles` are the job's articles in order, so the
    /// failed ones (`fail_idx`, 1-based) can be named.
    public static func publishStatus(_ status: PublishStatus, titles: [String] = []) -> DeliveryAdvice? {
        let named = status.failedIndexes.map { i in i >= 1 && i <= titles.count ? "\(i) 《\(titles[i - 1])》" : "\(i)" }
        let which = named.isEmpty ? "" : " (article\(named.count == 1 ? "" : "s") \(named.joined(separator: ", ")))"
        switch status.state {
        case .originalityCheckFailed?:
            return DeliveryAdvice(
                reason: "publishing failed: WeChat's originality check (原创校验) failed\(which)",
                fix: "declare the article as a reprint or rewrite the passages WeChat matched, then publish it again from 公众平台 → 草稿箱")
        case .failed?:
            return DeliveryAdvice(
                reason: "publishing failed (常规失败, a platform-side failure)",
                fix: "publish it again from 公众平台 → 草稿箱 (or 发表记录) in a few minutes; wxpub will not resubmit by itself")
        case .auditRejected?:
            return DeliveryAdvice(
                reason: "publishing failed: the platform's review rejected it (审核不通过)\(which)",
                fix: "read the notice in 公众平台, change what it names, then publish again from 公众平台 → 草稿箱")
        case .deletedByUser?:
            return DeliveryAdvice(reason: "it was published, then deleted by the account", fix: "nothing to do unless the deletion was a mistake")
        case .bannedBySystem?:
            return DeliveryAdvice(
                reason: "it was published, then removed by the platform (系统封禁)", fix: "read the notice in 公众平台; appeal there if the removal is mistaken")
        default:
            return nil
        }
    }
}
