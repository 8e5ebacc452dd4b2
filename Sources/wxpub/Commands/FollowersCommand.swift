import Foundation
import WXAPI

/// `wxpub followers [--count]`: the account's followers' OpenIDs, one a line, or just how many.
enum FollowersCommand {
    static let command = Command(
        name: "followers",
        abstract: "Print every follower's OpenID, one a line (or only the number with --count).",
        discussion: "Pages through user/get, 10,000 OpenIDs a call (500 calls a day).",
        options: AccountOptions.all + [OptionSpec(name: "count", help: "Print only the number of followers (one API call).")],
        run: { parsed, console in
            let config = try SiteOptions.load(parsed, console: console)
            let connection = try AccountOptions.connect(parsed, config: config, console: console)
            defer { connection.close() }
            if parsed.flag("count") {
                console.out(String(try await connection.client.followers().total))
            } else {
                let ids = try await connection.client.allFollowers()
                if !ids.isEmpty { console.out(ids.joined(separator: "\n")) }
                console.err("\(ids.count) follower\(ids.count == 1 ? "" : "s")")
            }
            return ExitCode.ok
        })
}
