import Foundation
import WXHTML
import WXSupport

/// The response of WeChat's online check, `POST /article-bin/verify_article_structure`
/// (`verify_api_usage.md`): `{"isValid": Bool, "inValidInfo": {key: {"violateRules", "items":
/// [{"outerHTML"}]}}}`. The sandbox serves it from local findings; `check --remote` decodes the
/// platform's answer and turns it back into located diagnostics.
public struct StructureReport: Codable, Sendable, Equatable {
    public struct Item: Codable, Sendable, Equatable {
        public var outerHTML: String
        public init(outerHTML: String) { self.outerHTML = outerHTML }
    }

    public struct Violation: Codable, Sendable, Equatable {
        public var violateRules: String
        public var items: [Item]
        public init(violateRules: String, items: [Item]) {
            self.violateRules = violateRules
            self.items = items
        }
    }

    public var isValid: Bool
    /// Keyed by the platform's rule keys (`height`, `width`, `nestNodes`, …); empty when valid.
    public var inValidInfo: [String: Violation]

    public init(isValid: Bool, inValidInfo: [String: Violation]) {
        self.isValid = isValid
        self.inValidInfo = inValidInfo
    }

    /// The online check's answer for these findings: rules the platform reports, each offending
    /// element once, in document order. Font and `!important` advice and Markdown findings are
    /// wxpub's own and not part of the platform's answer.
    public init(findings: [StructureFinding]) {
        var info: [String: Violation] = [:]
        for finding in findings {
            guard let key = finding.rule.reportKey, let element = finding.element else { continue }
            let item = Item(outerHTML: HTMLSerializer.serialize(.element(element)))
            if info[key] == nil { info[key] = Violation(violateRules: finding.rule.violateRules, items: []) }
            if !info[key]!.items.contains(item) { info[key]!.items.append(item) }
        }
        self.init(isValid: info.isEmpty, inValidInfo: info)
    }

    enum CodingKeys: String, CodingKey { case isValid, inValidInfo }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        isValid = try container.decode(Bool.self, forKey: .isValid)
        // The platform omits inValidInfo when the content is valid.
        inValidInfo = try container.decodeIfPresent([String: Violation].self, forKey: .inValidInfo) ?? [:]
    }

    /// JSON as the platform writes it: non-ASCII literal, keys sorted for stable output.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// The remote's findings as diagnostics on the post: each `outerHTML` is matched against the
    /// article's elements to recover its `file:line:col` (else the article's first line), and
    /// findings the local pass already reported at the same place under the same rule are dropped.
    public func diagnostics(locatingIn nodes: [HTMLNode], file: String, excluding local: [Diagnostic] = []) -> [Diagnostic] {
        var locations: [String: SourceLocation] = [:]
        func index(_ nodes: [HTMLNode], inherited: SourceLocation?) {
            for case .element(let element) in nodes {
                let location = element.location ?? inherited
                if let location {
                    let html = HTMLSerializer.serialize(.element(element))
                    if locations[html] == nil { locations[html] = location }
                }
                index(element.children, inherited: location)
            }
        }
        index(nodes, inherited: nil)
        let seen = Set(local.map { "\($0.rule ?? "")@\($0.location)" })
        var result: [Diagnostic] = []
        for key in inValidInfo.keys.sorted() {
            let violation = inValidInfo[key]!
            let rule = StructureRule.allCases.first { $0.reportKey == key }
            let ruleID = rule?.rawValue ?? "wechat/remote:\(key)"
            for item in violation.items {
                let location = locations[item.outerHTML] ?? SourceLocation(file: file, line: 1, column: 1)
                guard !seen.contains("\(ruleID)@\(location)") else { continue }
                var snippet = String(item.outerHTML.prefix(80))
                if snippet.count < item.outerHTML.count { snippet += "…" }
                result.append(Diagnostic(rule?.severity ?? .error, at: location,
                                         "WeChat's online check (\(key)): \(violation.violateRules): \(snippet)",
                                         fix: "See rule \(ruleID) in docs/structure-rules.md.", rule: ruleID))
            }
        }
        return result
    }
}

/// The online check's request body, `{"content": HTML}`.
public struct StructureVerifyRequest: Codable, Sendable, Equatable {
    public var content: String
    public init(content: String) { self.content = content }
}

extension StructureChecker {
    /// What `POST /article-bin/verify_article_structure` answers for `content`, from the same
    /// rules as `check` (the sandbox serves this).
    public func verify(content: String) -> StructureReport {
        let nodes = HTMLParser.parseFragment(content, file: "content").nodes
        return StructureReport(findings: findings(in: nodes, file: "content"))
    }
}
