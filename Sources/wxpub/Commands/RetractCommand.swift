import Foundation
import WXAPI
import WXContent
import WXPublish

/// `wxpub retract POST|MSG_ID`: take a sent broadcast back (message/mass/delete).
enum RetractCommand {
    static let command = Command(
        name: "retract",
        abstract: "Take a sent broadcast back (message/mass/delete): all its articles, or one.",
        discussion: """
            POST is a post's slug or file (every broadcast the journal shows it went out in; in a bundle only
            its own article), MSG_ID a broadcast's msg_id (all of it unless --article). The article pages stop
            opening; the message card already delivered stays in followers' chats. The journal records it,
            so the post is never sent again by accident, and `wxpub status` shows it as deleted.
            Asks for confirmation on a terminal; elsewhere --yes is required.
            """,
        arguments: [ArgumentSpec(name: "post-or-msg-id", help: "A post (slug or file) or a msg_id.")],
        options: [
            SiteOptions.site,
            OptionSpec(name: "article", valueName: "N", help: "Only the Nth article (1-based) of the broadcast."),
            OptionSpec(name: "yes", help: "Do not ask for confirmation."),
            AccountOptions.sandbox, AccountOptions.verbose,
        ],
        run: { parsed, console in
            guard parsed.positional.count == 1, let name = parsed.positional.first else {
                throw UsageError(message: "name one post or msg_id to retract")
            }
            var article: Int?
            if let text = parsed.value("article") {
                guard let n = Int(text), (1...8).contains(n) else { throw UsageError(message: "--article must be 1 to 8, got `\(text)`") }
                article = n
            }
            let config = try SiteOptions.load(parsed, console: console)
            let connection = try AccountOptions.connect(parsed, config: config, console: console)
            defer { connection.sandbox?.stop() }
            let account = Planner(config: config, appID: connection.appID, apiBase: connection.apiBase).account
            let retractor = Retractor(account: account, client: connection.client, store: connection.store, clock: connection.clock)
            let targets: [Retractor.Target]
            do {
                targets = try retractor.targets(for: name, article: article)
            } catch let error as Retractor.RetractError {
                throw UsageError(message: error.description)
            }
            for target in targets {
                let what = (target.article == 0 ? "broadcast" : "article \(target.article) of broadcast") + " msg_id \(target.msgID)"
                let titles = target.titles.isEmpty ? "" : " (" + target.titles.joined(separator: " + ") + ")"
                if !parsed.flag("yes") {
                    guard isatty(STDIN_FILENO) == 1 else {
                        throw UsageError(message: "retracting cannot be undone; not on a terminal, so pass --yes to confirm")
                    }
                    console.err("delete \(what)\(titles)? Followers keep the card, but its pages stop opening. [y/N] ", newline: false)
                    let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
                    guard answer == "y" || answer == "yes" else {
                        console.err("not retracted")
                        return ExitCode.ok
                    }
                }
                try await retractor.retract(target)
                console.out("retracted \(what)\(titles)")
            }
            return ExitCode.ok
        })
}
