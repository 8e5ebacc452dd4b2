import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import WXSupport

/// Fetches images that posts link from other hosts (WeChat does not display them), once: the bytes
/// are kept in the state folder under the URL's hash, so later runs never download them again.
public struct RemoteImageFetcher: Sendable {
    let store: StateStore
    /// WeChat takes covers up to 10 MB; nothing larger is worth downloading.
    public var maxBytes = 10 * 1024 * 1024
    public var timeout: TimeInterval = 20

    public init(store: StateStore) { self.store = store }

    public struct FetchError: Error, CustomStringConvertible {
        public var url: String
        public var reason: String
        public var description: String { "cannot fetch the image \(Redaction.redact(url)): \(reason); download it into the site and refer to the local file instead" }
    }

    public func fetch(_ url: String) async throws -> Data {
        let name = "cache/remote/" + SHA256.hex(Array(url.utf8))
        if let data = try store.read(name) { return data }
        guard let target = URL(string: url), target.scheme == "http" || target.scheme == "https" else {
            throw FetchError(url: url, reason: "only http and https URLs can be fetched")
        }
        var request = URLRequest(url: target)
        request.timeoutInterval = timeout
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw FetchError(url: url, reason: "\(error.localizedDescription)")
        }
        if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
            throw FetchError(url: url, reason: "the server answered HTTP \(http.statusCode)")
        }
        guard data.count <= maxBytes else { throw FetchError(url: url, reason: "it is \(data.count) bytes, over the \(maxBytes)-byte cap") }
        guard ImageInfo.sniff(data) != nil else { throw FetchError(url: url, reason: "the response is not an image") }
        try store.write(name, data)
        return data
    }
}
