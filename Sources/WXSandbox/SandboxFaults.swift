import Foundation

/// The failures real accounts meet, switched on by tests (`SandboxServer.faults`,
/// `POST /__sandbox/faults`, `wxpub sandbox --faults JSON`). All off by default: the sandbox then
/// answers like a healthy, fully privileged account. JSON names are given beside each field.
///
/// Transport faults act on the HTTP exchange; the others change what the platform answers.
/// Where the reference (wechat-api.md) is silent the behaviour chosen is stated here and in
/// `SandboxRules`'s header.
public struct SandboxFaults: Sendable, Equatable {
    // MARK: Transport

    /// `fail_rate`: share of `/cgi-bin/` calls answered `-1 system error` (nothing is done).
    public var failRate: Double
    /// `latency_ms`: added before every `/cgi-bin/` answer (at most 600 s).
    public var latencyMilliseconds: Int
    /// `drop_rate`: share of calls whose connection is reset without an answer *after* the call
    /// took effect — what a client must recover from with an idempotency key.
    public var dropRate: Double
    /// `truncate_rate`: share of calls that took effect and are answered with the first half of
    /// their body (a complete HTTP response whose JSON is cut off).
    public var truncateRate: Double
    /// `http_5xx_rate`: share of calls that took effect and are answered `502 Bad Gateway` with an
    /// HTML page, as a gateway does when the backend is slow.
    public var serverErrorRate: Double
    /// `stall_rate`: share of calls that took effect whose answer stops mid-body: the headers and
    /// part of the body arrive, then nothing until the client gives up (or the server's idle
    /// timeout closes the connection).
    public var stallRate: Double

    // MARK: Platform answers

    /// `text_plain_errors`: error bodies (errcode ≠ 0) are served as `text/plain`, as some
    /// platform paths do; the JSON inside is unchanged.
    public var plainTextErrors: Bool
    /// `unauthorized_paths`: API paths the account may not call: HTTP 200 + `48001 api unauthorized`.
    public var unauthorizedPaths: [String]
    /// `daily_limits`: per-path daily call limits replacing the nominal ones (45009 beyond), e.g.
    /// `{"/cgi-bin/media/uploadimg": 3}` for an account whose real uploadimg limit is far lower.
    public var dailyLimits: [String: Int]
    /// `ip_not_whitelisted`: token calls answer `40164 invalid ip <IP> ipv6 ::ffff:<IP>, not in
    /// whitelist` naming this address (empty: off).
    public var ipNotWhitelisted: String
    /// `no_comment_privilege`: the account has no comment feature: an article with
    /// `need_open_comment: 1` gets `88000 without comment privilege` from draft/add and draft/update.
    public var noCommentPrivilege: Bool
    /// `draft_store`: `echo` keeps content verbatim; `real` stores it as the platform does —
    /// `<script>` elements and `<img>` tags whose `src` is not an uploadimg URL are removed — and
    /// refuses with `45166 invalid content` content holding tags the editor does not allow
    /// (iframe, form, input, embed, object, frame, frameset, applet, textarea, button, select).
    public var draftStore: DraftStore
    /// `sendall_content_first`: a repeated sendall checks its draft before its clientmsgid, so a
    /// retry whose draft the first (lost) attempt consumed answers `40007 invalid media_id`
    /// instead of 45065 (the platform does not document which check comes first).
    public var sendallContentFirst: Bool
    /// `mass_fail`: broadcasts accepted while set end in `SEND_FAIL` (mass/get) with this
    /// MASSSENDJOBFINISH Status, e.g. `"send fail"` or `"err(30003)"`; nobody receives them
    /// (SentCount 0, ErrorCount = FilterCount). Empty: off.
    public var massFail: String
    /// `publish_status`: publish jobs submitted while set end with this `publish_status`:
    /// 2 原创校验失败, 3 常规失败, 4 平台审核不通过 (with `fail_idx`), 5 deleted by the user or
    /// 6 banned by the system after success. 0: off (jobs succeed).
    public var publishStatus: Int
    /// `publish_fail_idx`: the 1-based article indexes reported as failed for states 2 and 4
    /// (empty: every article).
    public var publishFailIndexes: [Int]
    /// `mass_protection`: API mass-send protection (API群发保护) is on: an `is_to_all` sendall
    /// waits for the administrator (`89505`); a repeat while it waits answers `89504`; confirmed
    /// (`SandboxServer.settleMassConfirmations`, `POST /__sandbox/confirm`) it goes out and a
    /// repeat gets 45065 + msg_id; rejected, or not confirmed within 30 minutes, nothing is sent.
    public var massProtection: Bool

    public enum DraftStore: String, Sendable, Equatable, CaseIterable {
        case echo, real
    }

    public init(
        failRate: Double = 0, latencyMilliseconds: Int = 0, dropRate: Double = 0, truncateRate: Double = 0, serverErrorRate: Double = 0,
        stallRate: Double = 0, plainTextErrors: Bool = false, unauthorizedPaths: [String] = [], dailyLimits: [String: Int] = [:],
        ipNotWhitelisted: String = "", noCommentPrivilege: Bool = false, draftStore: DraftStore = .echo, sendallContentFirst: Bool = false,
        massFail: String = "", publishStatus: Int = 0, publishFailIndexes: [Int] = [], massProtection: Bool = false
    ) {
        self.failRate = failRate
        self.latencyMilliseconds = latencyMilliseconds
        self.dropRate = dropRate
        self.truncateRate = truncateRate
        self.serverErrorRate = serverErrorRate
        self.stallRate = stallRate
        self.plainTextErrors = plainTextErrors
        self.unauthorizedPaths = unauthorizedPaths
        self.dailyLimits = dailyLimits
        self.ipNotWhitelisted = ipNotWhitelisted
        self.noCommentPrivilege = noCommentPrivilege
        self.draftStore = draftStore
        self.sendallContentFirst = sendallContentFirst
        self.massFail = massFail
        self.publishStatus = publishStatus
        self.publishFailIndexes = publishFailIndexes
        self.massProtection = massProtection
    }

    /// A fault setting that cannot be applied, in words for whoever typed it.
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    /// The JSON names, in the order `json` lists them.
    public static let keys = [
        "fail_rate", "latency_ms", "drop_rate", "truncate_rate", "http_5xx_rate", "stall_rate", "text_plain_errors", "unauthorized_paths",
        "daily_limits", "ip_not_whitelisted", "no_comment_privilege", "draft_store", "sendall_content_first", "mass_fail", "publish_status",
        "publish_fail_idx", "mass_protection",
    ]

    /// Applies the keys present in a JSON object (others keep their value); `"reset": true` first
    /// turns everything off. `invalidate_tokens` is an action, not a setting: it is ignored here.
    public mutating func apply(_ json: JSONValue) throws {
        guard case .object(let pairs) = json else { throw Problem(description: "faults must be a JSON object such as {\"fail_rate\": 0.3}") }
        if json["reset"]?.boolValue == true { self = SandboxFaults() }
        for (key, value) in pairs {
            switch key {
            case "reset", "invalidate_tokens": continue
            case "fail_rate": failRate = try Self.rate(key, value)
            case "drop_rate": dropRate = try Self.rate(key, value)
            case "truncate_rate": truncateRate = try Self.rate(key, value)
            case "http_5xx_rate": serverErrorRate = try Self.rate(key, value)
            case "stall_rate": stallRate = try Self.rate(key, value)
            case "latency_ms": latencyMilliseconds = try Self.count(key, value)
            case "text_plain_errors": plainTextErrors = try Self.flag(key, value)
            case "no_comment_privilege": noCommentPrivilege = try Self.flag(key, value)
            case "sendall_content_first": sendallContentFirst = try Self.flag(key, value)
            case "mass_protection": massProtection = try Self.flag(key, value)
            case "ip_not_whitelisted": ipNotWhitelisted = try Self.text(key, value)
            case "mass_fail": massFail = try Self.text(key, value)
            case "unauthorized_paths":
                guard let list = value.arrayValue, let paths = Optional(list.compactMap(\.stringValue)), paths.count == list.count,
                    paths.allSatisfy({ $0.hasPrefix("/cgi-bin/") })
                else { throw Problem(description: "unauthorized_paths must be a list of API paths such as [\"/cgi-bin/freepublish/submit\"]") }
                unauthorizedPaths = paths
            case "daily_limits":
                guard case .object(let limits) = value else {
                    throw Problem(description: "daily_limits must map API paths to counts, e.g. {\"/cgi-bin/media/uploadimg\": 3}")
                }
                var result: [String: Int] = [:]
                for (path, n) in limits {
                    guard path.hasPrefix("/cgi-bin/"), let count = n.intValue, count >= 0 else {
                        throw Problem(description: "daily_limits: \(path) must be an API path with a count of 0 or more")
                    }
                    result[path] = Int(count)
                }
                dailyLimits = result
            case "draft_store":
                guard let text = value.stringValue, let store = DraftStore(rawValue: text) else {
                    throw Problem(description: "draft_store must be \"echo\" or \"real\"")
                }
                draftStore = store
            case "publish_status":
                guard let n = value.intValue, n == 0 || (2...6).contains(n) else {
                    throw Problem(description: "publish_status must be 0 (off) or a failure state 2–6 (2 原创校验失败, 3 常规失败, 4 审核不通过, 5/6 deleted later)")
                }
                publishStatus = Int(n)
            case "publish_fail_idx":
                guard let list = value.arrayValue, list.allSatisfy({ ($0.intValue ?? 0) >= 1 }) else {
                    throw Problem(description: "publish_fail_idx must be a list of 1-based article indexes")
                }
                publishFailIndexes = list.map { Int($0.intValue!) }
            default:
                throw Problem(description: "unknown fault \"\(key)\"; known: \(Self.keys.joined(separator: ", ")), reset, invalidate_tokens")
            }
        }
    }

    /// The settings as JSON (the hook's answer).
    public var json: JSONValue {
        .object([
            ("fail_rate", .double(failRate)), ("latency_ms", .int(Int64(latencyMilliseconds))), ("drop_rate", .double(dropRate)),
            ("truncate_rate", .double(truncateRate)), ("http_5xx_rate", .double(serverErrorRate)), ("stall_rate", .double(stallRate)),
            ("text_plain_errors", .bool(plainTextErrors)), ("unauthorized_paths", .array(unauthorizedPaths.map { .string($0) })),
            ("daily_limits", .object(dailyLimits.sorted { $0.key < $1.key }.map { ($0.key, .int(Int64($0.value))) })),
            ("ip_not_whitelisted", .string(ipNotWhitelisted)), ("no_comment_privilege", .bool(noCommentPrivilege)),
            ("draft_store", .string(draftStore.rawValue)), ("sendall_content_first", .bool(sendallContentFirst)), ("mass_fail", .string(massFail)),
            ("publish_status", .int(Int64(publishStatus))), ("publish_fail_idx", .array(publishFailIndexes.map { .int(Int64($0)) })),
            ("mass_protection", .bool(massProtection)),
        ])
    }

    private static func rate(_ key: String, _ value: JSONValue) throws -> Double {
        let number: Double?
        switch value {
        case .int(let i): number = Double(i)
        case .double(let d): number = d
        default: number = nil
        }
        guard let number, (0...1).contains(number) else { throw Problem(description: "\(key) must be a number from 0 to 1") }
        return number
    }

    private static func count(_ key: String, _ value: JSONValue) throws -> Int {
        guard let n = value.intValue, n >= 0 else { throw Problem(description: "\(key) must be a whole number of 0 or more") }
        return Int(n)
    }

    private static func flag(_ key: String, _ value: JSONValue) throws -> Bool {
        guard case .bool(let b) = value else { throw Problem(description: "\(key) must be true or false") }
        return b
    }

    private static func text(_ key: String, _ value: JSONValue) throws -> String {
        guard let s = value.stringValue else { throw Problem(description: "\(key) must be a string") }
        return s
    }
}
