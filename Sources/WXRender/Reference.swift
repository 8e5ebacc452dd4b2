import Foundation
import WXSupport

/// One entry of the article's 参考资料 list: WeChat removes external links, so each becomes its
/// text plus a superscript `[n]`, and the URL is listed at the end where readers can copy it.
public struct Reference: Sendable, Codable, Hashable {
    public var number: Int
    /// The link text where the URL was first used.
    public var text: String
    public var url: String

    public init(number: Int, text: String, url: String) {
        self.number = number
        self.text = text
        self.url = url
    }
}

/// Numbers URLs in order of first use; the same URL always gets the same number.
struct ReferenceList: Sendable {
    private(set) var references: [Reference] = []
    private var numberByURL: [String: Int] = [:]

    /// `text` is read only for a URL seen for the first time.
    mutating func number(for url: String, text: @autoclosure () -> String) -> Int {
        if let number = numberByURL[url] { return number }
        let number = references.count + 1
        let trimmed = text().trimming(.whitespacesAndNewlines)
        references.append(Reference(number: number, text: trimmed.isEmpty ? url : trimmed, url: url))
        numberByURL[url] = number
        return number
    }
}
