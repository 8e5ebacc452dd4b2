import Foundation
import WXAPI
import WXContent

/// How the config's `groups:` line up with the account's tags: which group names stand for
/// which tag, which groups name a tag the account does not have, and which tags `sync` would
/// create. Pure data over `tags()`'s answer, so `wxpub groups` only fetches and prints.
public struct GroupMapping: Sendable, Equatable {
    /// One tag of the account and the config groups that send to it.
    public struct Row: Sendable, Equatable {
        public var tag: Tag
        /// Group names from `wxpub.yml`, sorted.
        public var groups: [String]
    }

    /// A config group whose tag is not on the account.
    public struct Missing: Sendable, Equatable {
        public var group: String
        public var target: SiteConfig.GroupTarget
        /// True for a tag given by name, which `wxpub groups sync` can create; a tag given by
        /// id cannot be created with that id.
        public var creatable: Bool { if case .tagName = target { true } else { false } }
    }

    /// Every tag of the account, in the platform's order.
    public var rows: [Row]
    /// Groups that stand for every follower (`is_to_all`).
    public var allGroups: [String]
    public var missing: [Missing]

    public init(config: SiteConfig, tags: [Tag]) {
        var byTag: [Int: [String]] = [:]
        var allGroups: [String] = []
        var missing: [Missing] = []
        for (group, target) in config.groups.sorted(by: { $0.key < $1.key }) {
            switch target {
            case .all:
                allGroups.append(group)
            case .tagID(let id):
                if tags.contains(where: { $0.id == id }) { byTag[id, default: []].append(group) } else { missing.append(Missing(group: group, target: target)) }
            case .tagName(let name):
                if let tag = tags.first(where: { $0.name == name }) { byTag[tag.id, default: []].append(group) } else { missing.append(Missing(group: group, target: target)) }
            }
        }
        self.rows = tags.map { Row(tag: $0, groups: byTag[$0.id] ?? []) }
        self.allGroups = allGroups
        self.missing = missing
    }

    /// The tag names `sync` creates, each once, in a stable order.
    public var tagNamesToCreate: [String] {
        var seen = Set<String>()
        return missing.compactMap { if case .tagName(let name) = $0.target, seen.insert(name).inserted { name } else { nil } }
    }

    /// What `sync` did.
    public struct SyncResult: Sendable, Equatable {
        public var created: [Tag]
        /// Groups naming a tag id the account does not have (cannot be created with that id).
        public var unresolved: [Missing]
        /// The mapping after the new tags were created.
        public var mapping: GroupMapping
    }

    /// Creates every tag the config names that the account does not have yet. Safe to repeat:
    /// a second run finds the tags and creates nothing.
    public static func sync(config: SiteConfig, client: WeChatClient) async throws -> SyncResult {
        let before = GroupMapping(config: config, tags: try await client.tags())
        var created: [Tag] = []
        for name in before.tagNamesToCreate {
            created.append(try await client.createTag(name: name))
        }
        let after = created.isEmpty ? before : GroupMapping(config: config, tags: try await client.tags())
        return SyncResult(created: created, unresolved: after.missing, mapping: after)
    }
}
