import Foundation
import WXAPI
import WXContent
import WXPublish

/// `wxpub groups [list|create NAME|sync]`: the account's tags and how `wxpub.yml`'s groups map to them.
enum GroupsCommand {
    static let command = Command(
        name: "groups",
        abstract: "List the account's tags (with member counts and the config groups using them), create one, or sync.",
        discussion: """
            list            every tag: id, followers, name, and the groups in wxpub.yml that send to it (the default)
            create NAME     create a tag (at most 30 bytes of UTF-8; a Chinese character counts 3)
            sync            create the tags named under `groups:` in wxpub.yml that the account does not have yet
            """,
        arguments: [
            ArgumentSpec(name: "action", help: "list, create or sync.", optional: true),
            ArgumentSpec(name: "name", help: "The new tag's name (for create).", optional: true),
        ],
        options: AccountOptions.all,
        run: { parsed, console in
            let action = parsed.positional.first ?? "list"
            let rest = Array(parsed.positional.dropFirst())
            switch action {
            case "list", "sync":
                if let extra = rest.first { throw UsageError(message: "`groups \(action)` takes no argument, got \(extra)") }
            case "create":
                guard rest.count == 1 else { throw UsageError(message: rest.isEmpty ? "`groups create` needs the tag's NAME" : "`groups create` takes one NAME; quote a name with spaces") }
            default:
                throw UsageError(message: "unknown action `\(action)`" + (suggestion(for: action, among: ["list", "create", "sync"]).map { " (did you mean `\($0)`?)" } ?? "") + "; use list, create NAME or sync")
            }
            let config = try SiteOptions.load(parsed, console: console)
            let connection = try AccountOptions.connect(parsed, config: config, console: console)
            defer { connection.close() }
            switch action {
            case "create":
                let tag = try await connection.client.createTag(name: rest[0])
                console.out("created tag \(tag.id) \(tag.name)")
            case "sync":
                let result = try await GroupMapping.sync(config: config, client: connection.client)
                for tag in result.created { console.out("created tag \(tag.id) \(tag.name)") }
                if result.created.isEmpty { console.out("every tag named in \(config.configPath) exists; nothing to create") }
                for missing in result.unresolved {
                    console.err("warning: group `\(missing.group)` names \(describe(missing.target)), which the account does not have; tags are created by name — write `\(missing.group): <tag name>` in \(config.configPath)")
                }
                return result.unresolved.isEmpty ? ExitCode.ok : ExitCode.usage
            default:
                printMapping(GroupMapping(config: config, tags: try await connection.client.tags()), config: config, console: console)
            }
            return ExitCode.ok
        })

    static func printMapping(_ mapping: GroupMapping, config: SiteConfig, console: Console) {
        let idWidth = max(2, mapping.rows.map { String($0.tag.id).count }.max() ?? 0)
        let countWidth = max(9, mapping.rows.map { String($0.tag.count ?? 0).count }.max() ?? 0)
        console.out(String(repeating: " ", count: idWidth - 2) + "ID  " + String(repeating: " ", count: countWidth - 9) + "FOLLOWERS  TAG")
        for row in mapping.rows {
            let id = String(row.tag.id)
            let count = row.tag.count.map(String.init) ?? "?"
            var line = String(repeating: " ", count: idWidth - id.count) + id + "  " + String(repeating: " ", count: max(0, countWidth - count.count)) + count + "  " + row.tag.name
            if !row.groups.isEmpty { line += "  ← " + row.groups.map { "`\($0)`" }.joined(separator: ", ") }
            console.out(line)
        }
        if !mapping.allGroups.isEmpty {
            console.out("groups sending to every follower: " + mapping.allGroups.map { "`\($0)`" }.joined(separator: ", "))
        }
        for missing in mapping.missing {
            let hint = missing.creatable ? "create it with `wxpub groups sync`" : "tags are created by name — write `\(missing.group): <tag name>` in \(config.configPath)"
            console.out("missing: group `\(missing.group)` names \(describe(missing.target)), which the account does not have; \(hint)")
        }
    }

    static func describe(_ target: SiteConfig.GroupTarget) -> String {
        switch target {
        case .all: return "every follower"
        case .tagID(let id): return "tag id \(id)"
        case .tagName(let name): return "the tag \"\(name)\""
        }
    }
}
