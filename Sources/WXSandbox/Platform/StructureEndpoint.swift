import Foundation
import WXStructure

/// `POST /article-bin/verify_article_structure`: WeChat's online article-structure check (served by
/// mp.weixin.qq.com, no access token), answered from the same rules `wxpub check` applies locally.
enum StructureEndpoint {
    static let path = "/article-bin/verify_article_structure"

    static func handle(_ request: SandboxHTTPRequest) -> SandboxHTTPResponse {
        guard request.method == "POST" else { return .text("use POST\n", status: 405) }
        guard let body = try? JSONDecoder().decode(StructureVerifyRequest.self, from: request.body) else {
            return .json(["errcode": .int(47001), "errmsg": .string("data format error: expected {\"content\": HTML}")])
        }
        let report = StructureChecker().verify(content: body.content)
        guard let data = try? report.jsonData() else { return .text("cannot encode the report\n", status: 500) }
        return SandboxHTTPResponse(status: 200, headers: [("Content-Type", "application/json; charset=utf-8")], body: data)
    }
}
