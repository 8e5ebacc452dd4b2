import Foundation
import WXAPI
import WXHTML
import WXStructure
import WXSupport

/// WeChat's online article-structure check (`POST /article-bin/verify_article_structure` on
/// mp.weixin.qq.com): sends an article's HTML, turns the answer into located diagnostics, and
/// drops what the local rules already reported. Never used by `--dry-run`.
public struct RemoteStructureCheck: Sendable {
    public static let defaultBase = URL(string: "https://mp.weixin.qq.com")!

    public let base: URL
    let transport: any HTTPTransport

    public init(base: URL = RemoteStructureCheck.defaultBase, transport: any HTTPTransport = URLSessionTransport(timeout: 20)) {
        self.base = base
        self.transport = transport
    }

    public struct Unavailable: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { "the online structure check is unavailable (\(reason)); the local rules still ran" }
    }

    public func verify(content: String, document: [HTMLNode], file: String, local: [Diagnostic]) async throws -> [Diagnostic] {
        let url = base.appendingPathComponent("article-bin/verify_article_structure")
        let body = try JSONEncoder().encode(StructureVerifyRequest(content: content))
        let response: HTTPResponse
        do {
            response = try await transport.send(HTTPRequest(method: .post, url: url, headers: ["Content-Type": "application/json"], body: body, timeout: 20))
        } catch {
            throw Unavailable(reason: "\(error)")
        }
        guard response.status == 200 else { throw Unavailable(reason: "HTTP \(response.status) from \(Redaction.redact(url.absoluteString))") }
        guard let report = try? JSONDecoder().decode(StructureReport.self, from: response.body) else {
            throw Unavailable(reason: "the answer is not the documented {isValid, inValidInfo} JSON")
        }
        return report.diagnostics(locatingIn: document, file: file, excluding: local)
    }
}
