import Foundation

/// Thrown by a test's `afterJournalWrite` hook to stand for the process dying.
public struct SimulatedCrash: Error, Equatable {
    public var at: String
    public init(at: String) { self.at = at }
}

public enum PublishError: Error, CustomStringConvertible, Equatable {
    case busy
    case missingCover(String)
    case missingDraft(String)
    case unreadableImage(String)
    case imageChanged(String)
    case unknownTag(group: String, tag: String)
    /// draft/delete of a stale draft failed with something other than "already gone" (40007).
    case staleDraftNotDeleted(draft: String, reason: String)

    public var description: String {
        switch self {
        case .busy: return "another wxpub run is using this site's state folder (the journal is locked); wait for it to finish, then run again"
        case .missingCover(let path): return "\(path): the cover was not uploaded; run again"
        case .missingDraft(let key): return "the journal entry \(key) is at `sending` but has no draft media_id; check it with `wxpub status` and fix journal.json by hand"
        case .unreadableImage(let path): return "cannot read the image \(path); it was there when the post was compiled — restore it and run again"
        case .imageChanged(let path): return "the image \(path) changed while publishing; run again"
        case .unknownTag(let group, let tag):
            return "group `\(group)` names the WeChat tag `\(tag)`, which the account does not have; create it with `wxpub groups sync` (or fix wxpub.yml), then run again"
        case .staleDraftNotDeleted(let draft, let reason):
            return "could not delete draft \(draft) of the earlier version (\(reason)); it is kept in the journal so it is not orphaned — delete it in 公众平台 → 草稿箱 or run again"
        }
    }
}
