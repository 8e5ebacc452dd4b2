import Foundation
import WXSupport

/// The completion events the platform pushes to a developer server (wechat-api.md §3.3, §4.8):
/// MASSSENDJOBFINISH for every finished broadcast, PUBLISHJOBFINISH for every finished publish job,
/// as the XML payloads WeChat sends. The sandbox pushes nowhere; `GET /__sandbox/events` lists them.
extension SandboxEngine {
    func jobEvents(now: Date) -> [String] {
        let account = "gh_" + String(SHA256.hex(Array(configuration.appID.utf8)).prefix(12))
        var events: [(Date, String)] = []
        for b in state.broadcasts where massStatusText(b, now: now) != "SENDING" {
            let finished = b.sentAt.addingTimeInterval(configuration.massSendSeconds)
            let status = b.failStatus ?? "send success"
            var xml = "<xml><ToUserName><![CDATA[\(account)]]></ToUserName><FromUserName><![CDATA[mphelper]]></FromUserName>"
            xml += "<CreateTime>\(Int64(finished.timeIntervalSince1970))</CreateTime><MsgType><![CDATA[event]]></MsgType>"
            xml += "<Event><![CDATA[MASSSENDJOBFINISH]]></Event><MsgID>\(b.msgID)</MsgID><Status><![CDATA[\(status)]]></Status>"
            xml += "<TotalCount>\(b.total)</TotalCount><FilterCount>\(b.filtered)</FilterCount><SentCount>\(b.sent)</SentCount>"
            xml += "<ErrorCount>\(b.filtered - b.sent)</ErrorCount>"
            xml += "<CopyrightCheckResult><Count>0</Count><ResultList></ResultList><CheckState>\(b.failStatus == nil ? 1 : 3)</CheckState></CopyrightCheckResult>"
            xml += "</xml>"
            events.append((finished, xml))
        }
        for p in state.publishes where publishFinished(p, now: now) {
            let finished = p.submittedAt.addingTimeInterval(configuration.publishSeconds)
            let status = p.outcome ?? 0
            var xml = "<xml><ToUserName><![CDATA[\(account)]]></ToUserName><FromUserName><![CDATA[mphelper]]></FromUserName>"
            xml += "<CreateTime>\(Int64(finished.timeIntervalSince1970))</CreateTime><MsgType><![CDATA[event]]></MsgType>"
            xml += "<Event><![CDATA[PUBLISHJOBFINISH]]></Event><PublishEventInfo><publish_id>\(p.publishID)</publish_id>"
            xml += "<publish_status>\(status)</publish_status>"
            if [2, 3, 4].contains(status) {
                let failed = status == 3 ? [] : (p.failIndexes ?? Array(1...p.articles.count))
                xml += failed.map { "<fail_idx>\($0)</fail_idx>" }.joined()
            } else {
                xml += "<article_id><![CDATA[\(p.articleID)]]></article_id><article_detail><count>\(p.articles.count)</count>"
                xml += p.articles.indices.map { "<item><idx>\($0 + 1)</idx><article_url><![CDATA[\(articleURL(p.articleID, index: $0))]]></article_url></item>" }.joined()
                xml += "</article_detail>"
            }
            xml += "</PublishEventInfo></xml>"
            events.append((finished, xml))
        }
        return events.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
