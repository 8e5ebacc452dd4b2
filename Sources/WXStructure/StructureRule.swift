import WXSupport

/// One rule of WeChat's article-structure spec (wechatjs/verify-article-structure-spec) that wxpub
/// checks, or the Markdown leftover-emphasis check: the identity a finding carries. Each rule is
/// declared with its checks in its own file under `Rules/` (`StructureRule.width` in
/// `Rules/Width.swift`) and registered in `StructureRules.all`.
///
/// `rawValue` is the diagnostic's `rule` id; `severity` follows the platform: what its online
/// check reports as 结构异常 is an error, Dark Mode advice and the font rule are warnings.
public struct StructureRule: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The diagnostic's rule id (`wechat/1.4`).
    public let rawValue: String
    public let severity: Diagnostic.Severity
    /// The key this rule's findings use in the online check's `inValidInfo` (the official keys
    /// where the spec's `cases.config.js` names them); `nil` for rules the online check does not report.
    public let reportKey: String?
    /// The `violateRules` sentence for `inValidInfo`, in the platform's language.
    public let violateRules: String

    init(_ id: String, _ severity: Diagnostic.Severity, reportKey: String?, violateRules: String) {
        self.rawValue = id
        self.severity = severity
        self.reportKey = reportKey
        self.violateRules = violateRules
    }

    /// The registered rule with this id.
    public init?(rawValue: String) {
        guard let rule = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = rule
    }

    /// Every rule, in registration order (`StructureRules.all`).
    public static let allCases: [StructureRule] = StructureRules.all.map { type(of: $0).rule }

    public var description: String { rawValue }

    // A rule is its id: the rest is looked up, never compared.
    public static func == (lhs: StructureRule, rhs: StructureRule) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    public init(from decoder: Decoder) throws {
        let id = try decoder.singleValueContainer().decode(String.self)
        guard let rule = StructureRule(rawValue: id) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown structure rule `\(id)`"))
        }
        self = rule
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
