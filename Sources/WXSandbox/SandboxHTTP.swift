import Foundation
import WXHTTP

/// The sandbox speaks through the shared HTTP server (`WXHTTP`); these names keep its routes and
/// test hooks in the sandbox's words.
public typealias SandboxHTTPRequest = HTTPRequest
public typealias SandboxHTTPResponse = HTTPResponse

extension HTTPResponse {
    public static func json(_ value: JSONValue, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json; charset=utf-8")], body: value.serialized())
    }
}
