/// Operator-facing explanations of the error codes wxpub is likely to meet: why it happened and
/// what to do. Codes not listed fall back to a generic sentence with the errmsg and rid.
enum ErrorAdvice {
    struct Advice {
        var reason: String
        var fix: String
    }

    static let ridHint = "quote the rid when asking WeChat support (openapi/rid/get shows the request for 7 days)"

    static func advice(errcode: Int, operation: String, right: String?, tokenRequest: Bool, errmsg: String? = nil) -> Advice {
        switch errcode {
        case -1:
            return Advice(reason: "WeChat reports a system error (busy)", fix: "try again in a few minutes")
        case 40001 where tokenRequest, 40125:
            return Advice(reason: "WeChat rejected the AppSecret", fix: "check the AppSecret (WXPUB_APPSECRET or the secret file named in wxpub.yml) against 公众平台 → 开发 → 基本配置")
        case 40001, 40014, 42001:
            return Advice(reason: "the access token was rejected even after fetching a fresh one",
                          fix: "another tool may be force-refreshing this account's stable token; check that nothing else calls stable_token with force_refresh, then run again")
        case 40013:
            return Advice(reason: "WeChat does not know this AppID", fix: "check the appid in wxpub.yml or WXPUB_APPID")
        case 40164:
            if let ip = errmsg.flatMap(whitelistAddress) {
                return Advice(reason: "WeChat refused the token request from \(ip): that address is not on the account's IP whitelist",
                              fix: "add \(ip) to the IP whitelist (IP白名单) under 公众平台 → 设置与开发 → 基本配置, wait a minute for it to apply, then run again")
            }
            return Advice(reason: "this machine's IP address is not on the account's IP whitelist",
                          fix: "add this machine's public IP address to the IP whitelist (IP白名单) under 公众平台 → 设置与开发 → 基本配置, wait a minute, then run again")
        case 89503, 89501:
            return Advice(reason: "this call needs confirmation by the account administrator", fix: "ask the administrator to confirm it in WeChat, then run again")
        case 89506, 89507:
            return Advice(reason: "the administrator refused calls from this IP address", fix: "wait (1 h or 24 h as WeChat says) or ask the administrator to allow this IP")
        case 40005, 40113, 40137:
            return Advice(reason: "WeChat does not accept this file type", fix: "use JPEG or PNG for images (article images: JPEG/PNG only), MP3/AMR for voice, MP4 for video")
        case 40006, 40009, 45001:
            return Advice(reason: "the file is too large or has a size WeChat does not accept",
                          fix: "article images must be under 1 MB, covers under 10 MB, thumbs under 64 KB: shrink the file and try again")
        case 40007:
            return Advice(reason: "WeChat does not know this media_id (it expired, was deleted, belongs to another account, or a temporary id was used where a permanent one is needed)",
                          fix: "upload the media again; covers (thumb_media_id) must come from addMaterial, not from temporary media")
        case 40004:
            return Advice(reason: "WeChat does not accept this media type", fix: "use image, voice, video or thumb")
        case 40033:
            return Advice(reason: "the request contained \\u escapes, which WeChat rejects", fix: "this is a wxpub bug: please report it with the rid")
        case 40003, 49003:
            return Advice(reason: "an OpenID is not a follower of this account", fix: "check the OpenID; followers only appear under the account that issued them")
        case 40130:
            return Advice(reason: "a mass send by OpenID list needs at least 2 recipients", fix: "add recipients, or use massPreview for a single person")
        case 40032:
            return Advice(reason: "the OpenID list is too long for one call", fix: "this is a wxpub bug (lists are batched): please report it")
        case 40059:
            return Advice(reason: "WeChat does not know this msg_id", fix: "check the msg_id; only sends made through the API by this account can be queried or deleted")
        case 40060:
            return Advice(reason: "the article index is out of range", fix: "use 1 for the first article, or 0 for all")
        case 40114:
            return Advice(reason: "the article index does not exist in this draft", fix: "use a 0-based index smaller than the number of articles in the draft")
        case 41039:
            return Advice(reason: "WeChat rejected the 阅读原文 link (content_source_url)", fix: "use a public http(s) URL of at most 1 KB")
        case 45002:
            return Advice(reason: "WeChat rejected the article content as too long", fix: "the content must be under 20,000 characters and 1 MB; run wxpub build and fix its diagnostics")
        case 45166:
            return Advice(reason: "WeChat refused the article content (invalid content)",
                          fix: "WeChat does not say which part: look for scripts, images not uploaded through wxpub, and tags its editor does not keep (iframe, form, input, embed, object) in the article's HTML (wxpub build writes it to build/<slug>/article.json)")
        case 45003:
            return Advice(reason: "the title is too long", fix: "keep titles to 32 characters")
        case 45004:
            return Advice(reason: "the digest is too long", fix: "keep the digest to 120 characters")
        case 45110:
            return Advice(reason: "the author name is too long", fix: "keep the author to 16 characters")
        case 45009:
            return Advice(reason: "the daily quota for \(operation) is used up", fix: "wait until tomorrow (quotas reset at midnight Beijing time), or reset it in 公众平台 (10 resets a month)")
        case 45011:
            return Advice(reason: "too many calls this minute", fix: "wait a minute and run again")
        case 45028:
            return Advice(reason: "the account has no mass-send quota left (subscription accounts: 1 a day; service accounts: 4 a month)",
                          fix: "wait for the next day or month (Beijing time), or publish without broadcasting")
        case 45065:
            return Advice(reason: "this clientmsgid was already used for a send in the last 24 hours", fix: "check that send with `wxpub status MSG_ID`; do not send again")
        case 45066:
            return Advice(reason: "the same clientmsgid was retried too quickly", fix: "wait at least a minute, then check `wxpub status` before sending again")
        case 45067:
            return Advice(reason: "the clientmsgid is too long", fix: "this is a wxpub bug (ids are at most 32 characters): please report it")
        case 45056:
            return Advice(reason: "the account already has 100 tags, the maximum", fix: "delete unused tags in 公众平台 → 用户管理")
        case 45057:
            return Advice(reason: "the tag has more than 100,000 followers and cannot be deleted", fix: "untag its followers first")
        case 45058:
            return Advice(reason: "tags 0, 1 and 2 are reserved by the system and cannot be changed", fix: "use another tag")
        case 45059:
            return Advice(reason: "a follower already has 20 tags, the maximum", fix: "remove a tag from that follower first")
        case 45157:
            return Advice(reason: "the tag name is invalid or already used", fix: "choose another name")
        case 45158:
            return Advice(reason: "the tag name is longer than 30 bytes (a Chinese character counts 3)", fix: "shorten the tag name")
        case 45159:
            return Advice(reason: "WeChat does not know this tag id", fix: "list the tags with `wxpub groups list` and use one of their ids")
        case 48001, 50001:
            let what = right ?? "the right to call \(operation)"
            return Advice(reason: "the account lacks \(what)",
                          fix: "this API needs a verified (认证) account with that right; check 公众平台 → 设置与开发 → 接口权限")
        case 48005:
            return Advice(reason: "the material is used by an auto-reply or the menu", fix: "remove it from the auto-reply or menu first")
        case 48021:
            return Advice(reason: "an auto-saved draft cannot be previewed or sent", fix: "save the draft manually in 公众平台 first")
        case 53500:
            return Advice(reason: "publishing is banned for this account", fix: "check the account's notices in 公众平台")
        case 53501:
            return Advice(reason: "too many publish requests", fix: "wait a few minutes before publishing again")
        case 53502:
            return Advice(reason: "WeChat does not know this publish_id", fix: "check the publish_id returned by submitPublish")
        case 53503:
            return Advice(reason: "the draft did not pass WeChat's publish check", fix: "open the draft in 公众平台 to see what it objects to")
        case 53504, 53505:
            return Advice(reason: "WeChat wants this draft handled on the 公众平台 website", fix: "open and save the draft in 公众平台, then publish again")
        case 53600:
            return Advice(reason: "WeChat does not know this article_id", fix: "check the article_id from getPublishStatus")
        case 76021:
            return Advice(reason: "WeChat does not know this API path", fix: "give a path such as /cgi-bin/message/mass/sendall (leading slash, no host)")
        case 76022:
            return Advice(reason: "this account type cannot query that API's quota", fix: "query an API the account can call")
        case 88000:
            return Advice(reason: "the account has no comment feature, so comments cannot be opened", fix: "set comments: closed for the post or in the site defaults")
        case 89505:
            return Advice(reason: "the send to all followers waits for the administrator's confirmation (API群发保护, API mass-send protection)",
                          fix: "ask the administrator to confirm it in WeChat within 30 minutes; then run `wxpub publish` again, which records the send (unconfirmed after 30 minutes, nothing is sent and the next run asks again)")
        case 89504:
            return Advice(reason: "the send to all followers is still waiting for the administrator's confirmation (API群发保护)",
                          fix: "ask the administrator to confirm it in WeChat; run `wxpub publish` again afterwards")
        default:
            return Advice(reason: "WeChat refused the request", fix: ridHint)
        }
    }

    /// The IPv4 or IPv6 address in a 40164 errmsg: `invalid ip 47.94.148.108 ipv6 ::ffff:47.94.148.108, not in whitelist`.
    static func whitelistAddress(_ errmsg: String) -> String? {
        guard let r = errmsg.range(of: "invalid ip ") else { return nil }
        let word = errmsg[r.upperBound...].prefix { !$0.isWhitespace && $0 != "," }
        return word.isEmpty || word == "ipv6" ? nil : String(word)
    }
}
