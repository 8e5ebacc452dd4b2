import Foundation
import WXAPI
import WXContent
import WXLocalSandbox
import WXPublish
import WXRender
import WXSandbox
import WXSupport

/// `wxpub publish`: compile, upload media once, add drafts, broadcast (or publish, or leave drafts),
/// journaling every step. `--dry-run` stops before the network and prints the plan.
enum PublishCommand {
    static let command = Command(
        name: "publish",
        abstract: "Publish due posts: upload media, add drafts, broadcast to their groups within the quota.",
        discussion: """
            With no POST, every post that is due (publish_at passed or absent), not a draft and not yet
            delivered. A broadcast over the account's quota for the current window is not attempted.
            Re-running is safe: finished steps are skipped and nothing is broadcast twice.
            --dry-run needs no credentials and no network: it compiles, checks and prints the plan.
            --sandbox publishes to a local sandbox of the WeChat API started in-process.
            """,
        arguments: [ArgumentSpec(name: "post", help: "Posts to publish (file paths or slugs); their publish_at is not waited for.", optional: true, repeating: true)],
        options: [
            SiteOptions.site, SiteOptions.format,
            OptionSpec(name: "dry-run", help: "Compile, check and print the plan; no network, no secrets."),
            OptionSpec(name: "json", help: "Print the plan (and results) as JSON on stdout."),
            OptionSpec(name: "sandbox", help: "Publish to an in-process sandbox instead of the real API."),
            OptionSpec(name: "bundle", help: "Send the given posts as one broadcast (up to 8 articles)."),
            OptionSpec(name: "force-new-draft", help: "Delete the draft of an edited, not yet sent post and add a new one."),
            TimeOptions.now,
            AccountOptions.verbose,
        ],
        run: { parsed, console in
            let config = try SiteOptions.load(parsed, console: console)
            var printer = DiagnosticPrinter(console: console, root: config.root)
            var compiled: [CompiledPost] = []
            let summary = try SiteCompilation.run(config: config, printer: &printer, only: parsed.positional) { post, article in
                compiled.append(CompiledPost(post: post, article: article))
            }
            if summary.errors > 0 { console.err(summary.line(verb: "checked") + " — posts with errors are not published") }
            let options = Planner.Options(
                bundle: parsed.flag("bundle"), ignoreSchedule: !parsed.positional.isEmpty, forceNewDraft: parsed.flag("force-new-draft"))
            let json = parsed.flag("json")
            let useSandbox = parsed.flag("sandbox")
            let contentCode = summary.exitCode(strict: false)
            let now = try TimeOptions.parse(parsed)

            if parsed.flag("dry-run") {
                let stateDirectory = config.root.appendingPathComponent(config.stateDirectory).appendingPathComponent(useSandbox ? "sandbox" : "")
                let store = FileStateStore(directory: stateDirectory)
                let planner = useSandbox
                    ? Planner(config: config, appID: config.appID ?? SandboxConfiguration().appID, apiBase: AccountConnection.sandboxAPIBase)
                    : Planner(config: config)
                let plan = try planner.plan(compiled, journal: Journal.load(from: store), media: MediaCache.load(from: store), now: now ?? Date(), options: options)
                if json {
                    console.out(try PlanPrinter.json(plan, outcomes: nil))
                } else {
                    PlanPrinter.printPlan(plan, config: config, console: console, dryRun: true)
                }
                return contentCode
            }

            let connection = try AccountOptions.connect(parsed, config: config, console: console)
            defer { connection.sandbox?.stop() }
            if let sandbox = connection.sandbox {
                console.err("sandbox: \(config.accountType.rawValue) account \(connection.appID) at \(sandbox.baseURL.absoluteString) (state in \(connection.stateDirectory.path))")
            }
            await TimeOptions.syncSandboxClock(now, connection: connection, console: console)
            let planner = Planner(config: config, appID: connection.appID, apiBase: connection.apiBase)
            let progress = PublishProgress(console: console, json: json)
            let publisher = Publisher(
                planner: planner, client: connection.client, store: connection.store, clock: TimeOptions.clock(now, connection: connection),
                progress: { done, total, _ in progress.uploads(done: done, total: total) }, events: { progress.step($0) })
            let (plan, outcomes) = try await publisher.run(compiled, options: options)
            progress.end()
            if json {
                console.out(try PlanPrinter.json(plan, outcomes: outcomes))
            } else {
                PlanPrinter.printPlan(plan, config: config, console: console, dryRun: false)
                PlanPrinter.printOutcomes(outcomes, console: console)
                if let sandbox = connection.server { PlanPrinter.printLedger(sandbox.ledger(), console: console) }
            }
            let failed = outcomes.contains { if case .failed = $0.result { return true } else { return false } }
            if failed { return ExitCode.remote }
            return contentCode
        })
}
