/// One finding about the editor's input, compiler style: where, how bad, what, and how to fix it.
/// Every stage collects all of them in one run instead of stopping at the first.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable, Comparable {
        case warning, error

        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// What to do about it, when there is something specific to say.
    public var fix: String?
    /// A rule identifier such as `wechat/1.4` or `limit/title`, for filtering and for docs.
    public var rule: String?

    public init(_ severity: Severity, at location: SourceLocation, _ message: String, fix: String? = nil, rule: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.fix = fix
        self.rule = rule
    }

    public static func error(at location: SourceLocation, _ message: String, fix: String? = nil, rule: String? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, message, fix: fix, rule: rule)
    }

    public static func warning(at location: SourceLocation, _ message: String, fix: String? = nil, rule: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, message, fix: fix, rule: rule)
    }

    /// `path:line:col: error: message` — the form editors and CI annotate.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let rule { text += " [\(rule)]" }
        if let fix { text += "\n  fix: \(fix)" }
        return text
    }
}

/// Thrown when input cannot be used at all; carries the diagnostics that explain why.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
