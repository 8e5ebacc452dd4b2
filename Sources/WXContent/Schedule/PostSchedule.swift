import Foundation
import WXSupport

/// The front matter fields that decide when and how a post goes out, beyond `publish_at`:
/// `priority` (higher first when posts compete for a quota window), `split` (cut a post over
/// WeChat's content limit into a series) and `parts` (the series' titles). Read from the post's
/// front matter on demand, so the loader stays about the post itself.
public struct PostSchedule: Sendable, Equatable {
    /// Heading level a long post is cut at.
    public enum SplitLevel: String, Sendable, Equatable, CaseIterable {
        case h2, h3
        public var headingLevel: Int { self == .h2 ? 2 : 3 }
    }

    /// Higher goes first; 0 when absent.
    public var priority = 0
    public var split: SplitLevel?
    /// Titles of the parts of a split post, in order.
    public var parts: [String] = []
    /// `publish_at` was written as a date only (`2026-12-01`): the post goes out at `send_time` that day.
    public var publishAtIsDateOnly = false

    public init(priority: Int = 0, split: SplitLevel? = nil, parts: [String] = [], publishAtIsDateOnly: Bool = false) {
        self.priority = priority
        self.split = split
        self.parts = parts
        self.publishAtIsDateOnly = publishAtIsDateOnly
    }

    public static let fieldNames = ["priority", "split", "parts"]

    /// Every front matter key `read` looks at: `fieldNames` and the names `publish_at` may be written under.
    public static func fieldNames(config: SiteConfig) -> [String] {
        fieldNames + (config.aliases["publish_at"] ?? ["publish_at"])
    }

    /// The fields of `post`, and a diagnostic for each one written wrongly (the field then keeps its default).
    public static func read(_ post: Post, config: SiteConfig) -> (schedule: PostSchedule, diagnostics: [Diagnostic]) {
        // The YAML block starts on the line after the opening `---`.
        var fields = YAMLFields(file: post.path, lineOffset: post.frontMatter.isEmpty ? 0 : 1)
        var schedule = PostSchedule()
        let raw = post.frontMatter
        if let node = raw["priority"] {
            schedule.priority = fields.int(node, field: "priority", range: -1000...1000) ?? 0
        }
        if let node = raw["split"] {
            schedule.split = fields.choice(node, field: "split", as: SplitLevel.self)
        }
        if let node = raw["parts"], let list = fields.stringList(node, field: "parts") {
            schedule.parts = list.map(\.value)
            if list.count > 8 {
                fields.error(node, "`parts` names \(list.count) titles; a broadcast holds at most 8 articles", fix: "name at most 8 parts")
            }
            if schedule.split == nil, !list.isEmpty {
                fields.diagnostics.append(.warning(at: fields.location(node), "`parts` has no effect without `split`", fix: "add `split: h2` (or h3), or remove `parts`"))
            }
        }
        for name in config.aliases["publish_at"] ?? ["publish_at"] {
            guard let node = raw[name] else { continue }
            if case .date = node.value { schedule.publishAtIsDateOnly = true }
            break
        }
        return (schedule, fields.diagnostics)
    }
}

extension Post {
    /// The post's scheduling fields (invalid ones at their defaults; `PostSchedule.read` reports them).
    public func schedule(in config: SiteConfig) -> PostSchedule {
        PostSchedule.read(self, config: config).schedule
    }
}
