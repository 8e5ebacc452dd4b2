import Foundation
import WXSandbox
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Minimal request helpers for talking to the in-process sandbox over real HTTP
/// (the test target deliberately does not use the WXAPI client).
struct SandboxClient {
    let base: URL
    let session: URLSession

    init(base: URL, configuration: URLSessionConfiguration? = nil) {
        self.base = base
        let config = configuration ?? URLSessionConfiguration.ephemeral
        if configuration == nil { config.timeoutIntervalForRequest = 30 }
        session = URLSession(configuration: config)
    }

    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: Data

        var json: JSONValue { (try? JSONValue.parse(body)) ?? .null }
        var errcode: Int64? { json["errcode"]?.intValue }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    func url(_ path: String, _ query: [String: String] = [:]) -> URL {
        var components = URLComponents(url: base.appendingPathComponent(path), resolvingAgainstBaseURL: false)!
        if !query.isEmpty { components.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) } }
        return components.url!
    }

    struct NoResponse: Error, CustomStringConvertible {
        let description: String
    }

    /// Blocking, so tests can use the answers inside XCTAssert expressions.
    func send(_ request: URLRequest) throws -> Reply {
        final class Box: @unchecked Sendable {
            var data: Data?
            var response: URLResponse?
            var error: Error?
        }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        session.dataTask(with: request) { data, response, error in
            box.data = data
            box.response = response
            box.error = error
            done.signal()
        }.resume()
        done.wait()
        if let error = box.error { throw error }
        guard let http = box.response as? HTTPURLResponse else { throw NoResponse(description: "no HTTP response") }
        let data = box.data ?? Data()
        var headers: [String: String] = [:]
        for (k, v) in http.allHeaderFields { headers[String(describing: k).lowercased()] = String(describing: v) }
        return Reply(status: http.statusCode, headers: headers, body: data)
    }

    func get(_ path: String, _ query: [String: String] = [:]) throws -> Reply {
        try send(URLRequest(url: url(path, query)))
    }

    func post(_ path: String, _ query: [String: String] = [:], json: String) throws -> Reply {
        var request = URLRequest(url: url(path, query))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(json.utf8)
        return try send(request)
    }

    func post(_ path: String, _ query: [String: String] = [:], value: JSONValue) throws -> Reply {
        try post(path, query, json: value.text)
    }

    /// `multipart/form-data` with a `media` file part and optional extra text fields.
    func upload(
        _ path: String, _ query: [String: String] = [:], file: Data, filename: String, fields: [String: String] = [:]
    ) throws -> Reply {
        let boundary = "----wxsandboxtest\(UInt32.random(in: 0...UInt32.max))"
        var body = Data()
        for (name, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(
            Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"media\"; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
        body.append(file)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        var request = URLRequest(url: url(path, query))
        request.httpMethod = "POST"
        request.setValue("multipart/form-data; boundary=\(boundary)", forHTTPHeaderField: "Content-Type")
        request.httpBody = body
        return try send(request)
    }
}

/// Starts a fresh sandbox per test and offers the common steps of a publishing flow.
class SandboxTestCase: XCTestCase {
    var server: SandboxServer!
    var client: SandboxClient!
    let appID = "wxtest0000000001"
    let secret = "test-secret-0123456789abcdef0123"

    /// Override to change the account for a test class.
    func configuration() -> SandboxConfiguration {
        SandboxConfiguration(
            accountType: .subscription, appID: appID, secret: secret,
            now: SandboxTime.parseISO8601("2026-03-10T10:00:00+08:00"), clockFollowsRealTime: false)
    }

    override func setUpWithError() throws {
        server = try SandboxServer(configuration: configuration())
        try server.start()
        client = SandboxClient(base: server.baseURL)
    }

    override func tearDown() {
        server?.stop()
        server = nil
    }

    func token() throws -> String {
        let reply = try client.get("/cgi-bin/token", ["grant_type": "client_credential", "appid": appID, "secret": secret])
        guard let token = reply.json["access_token"]?.stringValue else {
            XCTFail("no token: \(reply.text)")
            throw CancellationError()
        }
        return token
    }

    func uploadCover(_ token: String, bytes: Data = Fixtures.jpeg(size: 2048)) throws -> String {
        let reply = try client.upload("/cgi-bin/material/add_material", ["access_token": token, "type": "image"], file: bytes, filename: "cover.jpg")
        guard let id = reply.json["media_id"]?.stringValue else {
            XCTFail("no media_id: \(reply.text)")
            throw CancellationError()
        }
        return id
    }

    func article(title: String = "测试文章", thumb: String, content: String = "<p>正文内容</p>") -> JSONValue {
        ["title": .string(title), "author": "编辑部", "digest": "摘要", "content": .string(content), "content_source_url": "https://example.com/post",
         "thumb_media_id": .string(thumb), "need_open_comment": 1, "only_fans_can_comment": 0]
    }

    func addDraft(_ token: String, titles: [String] = ["测试文章"]) throws -> String {
        let thumb = try uploadCover(token)
        let articles = JSONValue.array(titles.map { article(title: $0, thumb: thumb) })
        let reply = try client.post("/cgi-bin/draft/add", ["access_token": token], value: ["articles": articles])
        guard let id = reply.json["media_id"]?.stringValue else {
            XCTFail("no draft media_id: \(reply.text)")
            throw CancellationError()
        }
        return id
    }

    func sendAll(_ token: String, mediaID: String, tagID: Int? = 100, clientMsgID: String? = nil) throws -> SandboxClient.Reply {
        var body: [(String, JSONValue)] = [
            ("filter", tagID.map { ["is_to_all": false, "tag_id": .int(Int64($0))] } ?? ["is_to_all": true]),
            ("mpnews", ["media_id": .string(mediaID)]), ("msgtype", "mpnews"), ("send_ignore_reprint", 0),
        ]
        if let clientMsgID { body.append(("clientmsgid", .string(clientMsgID))) }
        return try client.post("/cgi-bin/message/mass/sendall", ["access_token": token], value: .object(body))
    }

    /// errcode and the `rid:` suffix the platform appends to every errmsg.
    func assertError(_ reply: SandboxClient.Reply, _ code: Int64, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(reply.status, 200, file: file, line: line)
        XCTAssertEqual(reply.errcode, code, reply.text, file: file, line: line)
        let message = reply.json["errmsg"]?.stringValue ?? ""
        XCTAssertNotNil(message.range(of: #" rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$"#, options: .regularExpression), message, file: file, line: line)
    }
}

enum Fixtures {
    /// Bytes that start like a JPEG (SOI + JFIF APP0 + SOF0 16×9) padded to `size`.
    static func jpeg(size: Int) -> Data {
        var b: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
                          0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x09, 0x00, 0x10, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]
        while b.count < size - 2 { b.append(UInt8(truncatingIfNeeded: b.count)) }
        b += [0xFF, 0xD9]
        return Data(b)
    }

    /// Bytes that start like a 16×9 PNG padded to `size`.
    static func png(size: Int) -> Data {
        var b: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + [0, 0, 0, 16, 0, 0, 0, 9, 8, 2, 0, 0, 0]
        while b.count < size { b.append(UInt8(truncatingIfNeeded: b.count &* 7)) }
        return Data(b)
    }

    static func gif(size: Int) -> Data {
        var b = Array("GIF89a".utf8) + [16, 0, 9, 0]
        while b.count < size { b.append(0) }
        return Data(b)
    }
}
