import Foundation

/// A platform error as the sandbox answers it: HTTP 200 with `{"errcode":N,"errmsg":"text rid: …"}`,
/// plus any extra fields the platform adds (45065 carries the existing `msg_id`).
struct WeChatError: Error {
    var code: Int
    var message: String
    var extra: [(String, JSONValue)] = []

    init(_ code: Int, _ message: String? = nil, extra: [(String, JSONValue)] = []) {
        self.code = code
        self.message = message ?? WeChatError.messages[code] ?? "unknown error"
        self.extra = extra
    }

    /// The `errmsg` texts from the reference's error tables (wechat-api.md §1, §3, §4.7, §6, §7).
    static let messages: [Int: String] = [
        -1: "system error",
        40001: "invalid credential, access_token is invalid or not latest",
        40002: "invalid grant_type",
        40003: "invalid openid",
        40004: "invalid media type",
        40005: "invalid file type",
        40006: "invalid meida size",
        40007: "invalid media_id",
        40008: "invalid message type",
        40009: "invalid image size",
        40013: "invalid appid",
        40032: "invalid openid list size",
        40033: "invalid charset. please check your request, if include \\uxxxx will create fail!",
        40059: "invalid msg id",
        40060: "invalid article idx",
        40114: "invalid index value",
        40125: "invalid appsecret",
        40130: "invalid openid list size, at least two openid",
        41001: "access_token missing",
        41002: "appid missing",
        41004: "appsecret missing",
        41005: "media data missing",
        41006: "media_id missing",
        41039: "invalid content_source_url",
        42001: "access_token expired",
        43002: "require POST method",
        44001: "empty media data",
        44002: "empty post data",
        44003: "empty news data",
        44004: "empty content",
        45001: "media size out of limit",
        45002: "content size out of limit",
        45003: "title size out of limit",
        45004: "description size out of limit",
        45005: "url size out of limit",
        45008: "article size out of limit",
        45009: "reach max api daily quota limit",
        45011: "api minute-quota reach limit, must slower, retry next minute",
        45028: "has no masssend quota",
        45056: "too many tag now, no need to add new",
        45057: "can't delete the tag that has too many fans",
        45058: "can't modify sys tag",
        45059: "can not tagging one user too much",
        45065: "clientmsgid exist",
        45066: "same clientmsgid retry too fast",
        45067: "clientmsgid size out of limit",
        45110: "作者字数超出限制",
        45157: "invalid tag name",
        45158: "tag name too long",
        45159: "invalid tag id",
        47001: "data format error",
        45166: "invalid content",
        48001: "api unauthorized",
        88000: "without comment privilege",
        89504: "群发仍在审批流程中",
        89505: "群发进入管理员确认流程",
        53502: "Publish ID 无效",
        76003: "could not query this rid,no permission",
        76021: "cgi_path not found, please check",
    ]
}
