import Foundation
import WXContent
import WXLocalSandbox
import WXPublish
import WXSandbox
import WXSupport

/// `wxpub schedule`: the calendar of the next quota windows — what goes out when, to whom, what
/// waits and why — offline, from the same planner `publish` runs.
enum ScheduleCommand {
    static let command = Command(
        name: "schedule",
        abstract: "Show the calendar of broadcasts for the next quota windows (offline, no secrets).",
        discussion: """
            Plays `publish` forward over the next N quota windows (Beijing calendar days on a subscription
            account, months on a service account) with the same planner, the journal and the media cache:
            each window's broadcasts with their send time, audience and articles (headline first), the quota
            used and left, and the posts deferred from it with the reason. Times print in the site's time zone.
            """,
        options: [
            SiteOptions.site, SiteOptions.format,
            OptionSpec(name: "windows", valueName: "N", help: "How many quota windows to show.", defaultDescription: "7 days (subscription), 3 months (service)"),
            TimeOptions.now,
            OptionSpec(name: "json", help: "Print the calendar as JSON on stdout."),
            OptionSpec(name: "sandbox", help: "Read the state `publish --sandbox` keeps (.wxpub/sandbox)."),
        ],
        run: { parsed, console in
            let config = try SiteOptions.load(parsed, console: console)
            var windows = Scheduler.defaultWindows(for: config.accountType)
            if let text = parsed.value("windows") {
                guard let n = Int(text), (1...400).contains(n) else {
                    throw UsageError(message: "--windows must be a whole number from 1 to 400, got `\(text)`")
                }
                windows = n
            }
            let now = try TimeOptions.parse(parsed) ?? Date()
            var printer = DiagnosticPrinter(console: console, root: config.root)
            var compiled: [CompiledPost] = []
            var failed: [Scheduler.Failed] = []
            let summary = try SiteCompilation.runDetailed(config: config, printer: &printer) { post, result in
                if let article = result.article, !result.hasErrors {
                    compiled.append(CompiledPost(post: post, article: article))
                } else if !post.draft {
                    failed.append(Scheduler.Failed(slug: post.slug, path: post.path, errors: result.diagnostics.filter { $0.severity == .error }.count))
                }
            }
            if summary.errors > 0 { console.err(summary.line(verb: "checked") + " — posts with errors are not scheduled") }
            let useSandbox = parsed.flag("sandbox")
            let stateDirectory = config.root.appendingPathComponent(config.stateDirectory).appendingPathComponent(useSandbox ? "sandbox" : "")
            let store = FileStateStore(directory: stateDirectory)
            let planner = useSandbox
                ? Planner(config: config, appID: config.appID ?? SandboxConfiguration().appID, apiBase: AccountConnection.sandboxAPIBase)
                : Planner(config: config)
            let schedule = try Scheduler(planner: planner).calendar(
                compiled, failed: failed, journal: Journal.load(from: store), media: MediaCache.load(from: store), now: now, windows: windows)
            if parsed.flag("json") {
                console.out(String(decoding: try StateJSON.encoder().encode(schedule), as: UTF8.self))
            } else {
                SchedulePrinter.print(schedule, config: config, console: console)
            }
            return summary.exitCode(strict: false)
        })
}
