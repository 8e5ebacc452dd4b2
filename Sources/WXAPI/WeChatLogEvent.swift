import Foundation
import WXSupport

/// One line's worth of what the client did, for the CLI to print (the module never prints).
/// `target` is already redacted: `access_token=REDACTED`.
public struct WeChatLogEvent: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// A request and its answer (or failure).
        case request
        /// The client is about to wait and try again.
        case retry
        /// The cached token was discarded and a fresh one will be fetched.
        case tokenRefresh
    }

    public var kind: Kind
    public var operation: String
    public var method: String
    /// Path and query, redacted, e.g. `/cgi-bin/draft/add?access_token=REDACTED`.
    public var target: String
    /// HTTP status, nil when no response arrived.
    public var status: Int?
    /// Non-zero errcode of the answer, if any.
    public var errcode: Int?
    public var duration: TimeInterval
    public var attempt: Int
    /// Extra words: the failure, or the planned wait.
    public var note: String?

    public init(kind: Kind, operation: String, method: String, target: String, status: Int?, errcode: Int?,
                duration: TimeInterval, attempt: Int, note: String?) {
        self.kind = kind
        self.operation = operation
        self.method = method
        self.target = Redaction.redact(target)
        self.status = status
        self.errcode = errcode
        self.duration = duration
        self.attempt = attempt
        self.note = note.map(Redaction.redact)
    }

    /// `POST /cgi-bin/draft/add?access_token=REDACTED 200 errcode=45166 (132 ms)`
    public var description: String {
        var text = "\(method) \(target)"
        switch kind {
        case .request:
            text += status.map { " \($0)" } ?? " (no response)"
            if let errcode { text += " errcode=\(errcode)" }
            text += " (\(Int((duration * 1000).rounded())) ms)"
            if attempt > 1 { text += " attempt \(attempt)" }
        case .retry:
            text += " retry"
        case .tokenRefresh:
            text += " token refresh"
        }
        if let note { text += ": \(note)" }
        return Redaction.redact(text)
    }
}

public typealias WeChatLogger = @Sendable (WeChatLogEvent) -> Void
