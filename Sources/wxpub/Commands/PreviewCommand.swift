import Foundation
import WXAPI
import WXContent
import WXPublish

/// `wxpub preview POST --to WXNAME|OPENID`: the post on one phone before it goes to everyone.
enum PreviewCommand {
    static let command = Command(
        name: "preview",
        abstract: "Send one post to one person's WeChat (mass/preview) to check it on a phone.",
        discussion: """
            Same compile and media pipeline as publish (uploads are cached and shared with it), then a
            draft, the preview, and the draft is deleted again. Uses no broadcast quota; WeChat limits
            previews to 100 a day. --to takes an OpenID (28 characters) or a WeChat ID (微信号).
            """,
        arguments: [ArgumentSpec(name: "post", help: "The post to preview: a file path or a slug.")],
        options: [
            SiteOptions.site, SiteOptions.format,
            OptionSpec(name: "to", valueName: "WXNAME|OPENID", help: "Who receives the preview."),
            OptionSpec(name: "sandbox", help: "Preview on an in-process sandbox instead of the real API."),
            AccountOptions.verbose,
        ],
        run: { parsed, console in
            guard let to = parsed.value("to"), !to.isEmpty else {
                throw UsageError(message: "--to is required: a WeChat ID (微信号) or a follower's OpenID")
            }
            guard parsed.positional.count == 1 else { throw UsageError(message: "preview takes exactly one POST") }
            let config = try SiteOptions.load(parsed, console: console)
            var printer = DiagnosticPrinter(console: console, root: config.root)
            var compiled: [CompiledPost] = []
            let summary = try SiteCompilation.run(config: config, printer: &printer, only: parsed.positional) { post, article in
                compiled.append(CompiledPost(post: post, article: article))
            }
            guard let post = compiled.first else {
                console.err(summary.line(verb: "checked") + " — fix the post, then preview it")
                return ExitCode.content
            }
            let connection = try AccountOptions.connect(parsed, config: config, console: console)
            defer { connection.sandbox?.stop() }
            let previewer = Previewer(
                planner: Planner(config: config, appID: connection.appID, apiBase: connection.apiBase), client: connection.client,
                store: connection.store, clock: connection.clock)
            if console.isTerminal { previewer.progress = { done, total, what in console.progress("[\(done)/\(total)] \(what)") } }
            let recipient = Previewer.recipient(to)
            let result: Previewer.Result
            do {
                result = try await previewer.preview(post, to: recipient)
            } catch let error as WeChatAPIError {
                console.endProgress()
                console.err("error: \(error.description)")
                return ExitCode.remote
            }
            console.endProgress()
            let who: String
            switch recipient {
            case .openID(let id): who = "OpenID \(id)"
            case .wxName(let name): who = "WeChat ID \(name)"
            }
            console.out("previewed \(post.article.title) to \(who)" + (result.msgID.map { " (msg_id \($0))" } ?? ""))
            console.out("    uploads: \(result.uploads)" + (result.uploads == 0 ? " (every image was already uploaded)" : ""))
            console.out(result.draftDeleted
                ? "    the preview draft \(result.draftMediaID) was deleted"
                : "    the preview draft \(result.draftMediaID) could not be deleted; remove it in 公众平台 → 草稿箱")
            return ExitCode.ok
        })
}
