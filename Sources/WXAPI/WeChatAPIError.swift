import Foundation
import WXSupport

/// Every failure of a WeChat API call, local or remote, as one value: what was attempted, what
/// the platform said (errcode, errmsg, rid), how the caller should react (`classification`), and
/// an operator-facing explanation. Nothing in it ever contains an access token or AppSecret.
public struct WeChatAPIError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// How to react. The client already retries `.retryable` (idempotent calls only) and
    /// refreshes the token once on `.token`; what reaches the caller has survived those.
    public enum Classification: String, Sendable, Equatable {
        /// Busy system, minute quota, network failure, 5xx, truncated body: try again later.
        case retryable
        /// The access token is invalid or expired even after one refresh.
        case token
        /// A daily or monthly quota is used up (45009, 45028): wait for the next window.
        case quota
        /// The clientmsgid was used before (45065); `msgID` names the earlier send.
        case duplicate
        /// The account lacks the right to call this API (48001).
        case permission
        /// Anything else: fix the request, the account or the configuration.
        case fatal
    }

    /// The platform operation, e.g. `addDraft`.
    public var operation: String
    /// The API path, e.g. `/cgi-bin/draft/add` (never with a query string).
    public var path: String?
    public var classification: Classification
    public var errcode: Int?
    /// The platform's errmsg exactly as returned (opaque text, trace suffix included).
    public var errmsg: String?
    /// The trace id from the errmsg's `rid:` or `hint: [...]` suffix; look it up with
    /// `openapi/rid/get` within 7 days.
    public var rid: String?
    public var httpStatus: Int?
    /// For `.duplicate`: the msg_id of the send that already used the clientmsgid.
    public var msgID: String?
    /// Why it failed, in a sentence.
    public var reason: String
    /// What the operator can do about it.
    public var fix: String
    /// How many requests were made before giving up.
    public var attempts: Int
    /// True when the request may have reached the server and been acted upon (timeout, dropped
    /// connection, 5xx): repeating a non-idempotent call could then do it twice.
    public var mayHaveBeenApplied: Bool
    /// True when an earlier attempt of the same call failed in a way that may have reached WeChat
    /// (a lost, cut-off or 5xx answer) before this answer came: a keyed send then answered 40007
    /// most likely went out with that earlier attempt, which consumed its draft.
    public var earlierAttemptMayHaveBeenApplied = false

    public init(operation: String, path: String? = nil, classification: Classification, errcode: Int? = nil, errmsg: String? = nil,
                rid: String? = nil, httpStatus: Int? = nil, msgID: String? = nil, reason: String, fix: String,
                attempts: Int = 1, mayHaveBeenApplied: Bool = false) {
        self.operation = operation
        self.path = path
        self.classification = classification
        self.errcode = errcode
        self.errmsg = errmsg.map(Redaction.redact)
        self.rid = rid
        self.httpStatus = httpStatus
        self.msgID = msgID
        self.reason = Redaction.redact(reason)
        self.fix = Redaction.redact(fix)
        self.attempts = attempts
        self.mayHaveBeenApplied = mayHaveBeenApplied
    }

    /// Foundation's `localizedDescription` shows the same operator message.
    public var errorDescription: String? { description }

    /// `addDraft failed: <reason> [errcode 45166 "invalid content", rid …]. <fix>`
    public var description: String {
        var text = "WeChat API \(operation) failed"
        if let path { text += " (\(path))" }
        text += ": \(reason)"
        var facts: [String] = []
        if let errcode {
            var fact = "errcode \(errcode)"
            if let errmsg {
                let plain = Self.splitTrace(errmsg).text
                if !plain.isEmpty { fact += " \"\(plain)\"" }
            }
            facts.append(fact)
        } else if let httpStatus {
            facts.append("HTTP \(httpStatus)")
        }
        if let rid { facts.append("rid \(rid)") }
        if let msgID { facts.append("msg_id \(msgID)") }
        if attempts > 1 { facts.append("after \(attempts) attempts") }
        if !facts.isEmpty { text += " [" + facts.joined(separator: ", ") + "]" }
        if !fix.isEmpty { text += ". " + fix }
        return Redaction.redact(text)
    }

    /// Splits `"invalid media_id rid: 64ffdf3b-25c2606d-7d6d6392"` or
    /// `"has no masssend quota hint: [5zSqvA0950ge21]"` into the text and the trace id.
    public static func splitTrace(_ errmsg: String) -> (text: String, rid: String?) {
        if let range = errmsg.range(of: "rid:", options: .backwards),
           range.lowerBound == errmsg.startIndex || errmsg[errmsg.index(before: range.lowerBound)] == " " {
            let rest = errmsg[range.upperBound...].trimmingCharacters(in: .whitespaces)
            let rid = rest.split(separator: " ").first.map(String.init) ?? ""
            let text = errmsg[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            return (text, rid.isEmpty ? nil : rid)
        }
        if let range = errmsg.range(of: "hint:", options: .backwards) {
            var rest = errmsg[range.upperBound...].trimmingCharacters(in: .whitespaces)
            if rest.hasPrefix("[") { rest.removeFirst() }
            if let close = rest.firstIndex(of: "]") { rest = String(rest[..<close]) }
            let text = errmsg[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            return (text, rest.isEmpty ? nil : rest)
        }
        return (errmsg.trimmingCharacters(in: .whitespaces), nil)
    }

    /// The class of a non-zero errcode, as the client reacts to it.
    public static func classify(errcode: Int) -> Classification {
        switch errcode {
        case -1, 45011, 45066: return .retryable
        case 40001, 40014, 42001: return .token
        case 45009, 45028: return .quota
        case 45065: return .duplicate
        case 48001, 50001: return .permission
        default: return .fatal
        }
    }

    /// Rejected before anything was sent.
    public static func invalidInput(operation: String, _ reason: String, fix: String) -> WeChatAPIError {
        WeChatAPIError(operation: operation, classification: .fatal, reason: reason, fix: fix, attempts: 0)
    }

    /// The platform answered with a non-zero errcode.
    static func platform(operation: String, path: String, errcode: Int, errmsg: String?, msgID: String?, right: String?, tokenRequest: Bool) -> WeChatAPIError {
        var classification = classify(errcode: errcode)
        // On the token endpoint itself, 40001 means the AppSecret is wrong: refreshing cannot help.
        if tokenRequest && classification == .token { classification = .fatal }
        let advice = ErrorAdvice.advice(errcode: errcode, operation: operation, right: right, tokenRequest: tokenRequest, errmsg: errmsg)
        let rid = errmsg.flatMap { splitTrace($0).rid }
        return WeChatAPIError(operation: operation, path: path, classification: classification, errcode: errcode, errmsg: errmsg,
                              rid: rid, msgID: msgID, reason: advice.reason, fix: advice.fix)
    }

    static func transport(operation: String, path: String, _ error: TransportError) -> WeChatAPIError {
        let applied = error.reason == .interrupted
        return WeChatAPIError(
            operation: operation, path: path, classification: .retryable,
            reason: "network failure: \(error.message)",
            fix: applied
                ? "check the network and the API base URL, then run again; the request may have reached WeChat, so check its effect before repeating it by hand"
                : "check the network connection and the API base URL (api_base / WXPUB_API_BASE), then run again",
            mayHaveBeenApplied: applied)
    }

    static func http(operation: String, path: String, status: Int) -> WeChatAPIError {
        if status >= 500 {
            return WeChatAPIError(operation: operation, path: path, classification: .retryable, httpStatus: status,
                                  reason: "the server answered HTTP \(status) (a server-side failure)",
                                  fix: "try again in a few minutes", mayHaveBeenApplied: true)
        }
        return WeChatAPIError(operation: operation, path: path, classification: .fatal, httpStatus: status,
                              reason: "the server answered HTTP \(status) instead of a WeChat API response",
                              fix: status == 404
                                  ? "check the API base URL (api_base / WXPUB_API_BASE): it should be https://api.weixin.qq.com or a sandbox address"
                                  : "check the API base URL and any proxy between this machine and WeChat")
    }

    static func malformed(operation: String, path: String, status: Int, detail: String) -> WeChatAPIError {
        WeChatAPIError(operation: operation, path: path, classification: .retryable, httpStatus: status,
                       reason: "the response body could not be read as WeChat JSON (\(detail)); it was probably cut off",
                       fix: "try again; if it keeps happening, check any proxy between this machine and the API",
                       mayHaveBeenApplied: true)
    }
}
