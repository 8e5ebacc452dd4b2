import Foundation
import WXAPI

/// `wxpub media get`: a media_id may name a permanent material (covers, what `publish` uploads)
/// or a temporary media (3 days); the operator should not have to know which.
public enum MediaDownload: Sendable, Equatable {
    case file(data: Data, contentType: String?, filename: String?)
    /// Videos come as a link, not bytes.
    case link(String)
    /// Legacy news material: its articles.
    case news([DraftArticle])

    /// Tries the permanent material first, then the temporary media when WeChat says the id is
    /// not a material (40007). Other failures are thrown as they are.
    public static func fetch(mediaID: String, client: WeChatClient) async throws -> MediaDownload {
        do {
            switch try await client.getMaterial(mediaID: mediaID) {
            case .file(let data, let type, let name): return .file(data: data, contentType: type, filename: name)
            case .video(_, _, let url): return .link(url)
            case .news(let articles): return .news(articles)
            }
        } catch var permanent as WeChatAPIError where permanent.errcode == 40007 {
            do {
                switch try await client.getMedia(mediaID: mediaID) {
                case .file(let data, let type, let name): return .file(data: data, contentType: type, filename: name)
                case .videoURL(let url): return .link(url)
                }
            } catch let temporary as WeChatAPIError where temporary.errcode == 40007 {
                permanent.reason = "the media_id \(mediaID) is neither a permanent material nor a temporary media (expired after 3 days) of this account"
                permanent.fix = "check the id (the ids of uploaded covers are in media.json in the state folder) and that WXPUB_APPID / api_base name the right account"
                throw permanent
            }
        }
    }
}
