import Foundation
import WXAPI
import WXContent
import WXPublish

/// `wxpub status [MSG_ID…]`: how the journal's broadcasts and publish jobs are doing.
enum StatusCommand {
    static let command = Command(
        name: "status",
        abstract: "Ask WeChat how sent broadcasts (mass/get) and publish jobs (freepublish/get) are doing.",
        discussion: """
            With no MSG_ID, every sent broadcast and publish job in the journal; the answers are written
            back into the journal's `status`. --sandbox asks the sandbox state publish --sandbox left.
            """,
        arguments: [ArgumentSpec(name: "msg-id", help: "Only these msg_ids (or publish_ids).", optional: true, repeating: true)],
        options: [
            SiteOptions.site,
            OptionSpec(name: "sandbox", help: "Ask the sandbox (started from its saved state) instead of the real API."),
            TimeOptions.now,
            AccountOptions.verbose,
        ],
        run: { parsed, console in
            let config = try SiteOptions.load(parsed, console: console)
            let connection = try AccountOptions.connect(parsed, config: config, console: console)
            defer { connection.sandbox?.stop() }
            let now = try TimeOptions.parse(parsed)
            await TimeOptions.syncSandboxClock(now, connection: connection, console: console)
            let account = Planner(config: config, appID: connection.appID, apiBase: connection.apiBase).account
            let checker = StatusChecker(account: account, client: connection.client, store: connection.store, clock: TimeOptions.clock(now, connection: connection))
            let rows = try await checker.refresh(ids: parsed.positional)
            if rows.isEmpty {
                console.out("nothing sent yet: the journal (\(connection.stateDirectory.path)/journal.json) has no broadcast or publish job")
                return ExitCode.ok
            }
            printTable(rows, console: console)
            return rows.contains { $0.error != nil } ? ExitCode.remote : ExitCode.ok
        })

    static func printTable(_ rows: [StatusChecker.Row], console: Console) {
        let header = ["ID", "KIND", "STATUS", "BEFORE", "AUDIENCE", "TITLE"]
        let table = rows.map { row in
            [row.id, row.kind.rawValue, statusText(row), row.previousStatus ?? "-", row.audience ?? "-",
             row.titles.isEmpty ? "(not in the journal)" : row.titles.joined(separator: " + ")]
        }
        var widths = header.map(\.count)
        for line in table { for (i, cell) in line.enumerated() where i < 5 { widths[i] = max(widths[i], displayWidth(cell)) } }
        func format(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in i < 5 ? cell + String(repeating: " ", count: widths[i] - displayWidth(cell) + 2) : cell }.joined()
        }
        console.out(format(header))
        for line in table { console.out(format(line)) }
        // Failed, waiting or deleted sends: the platform's reason and what to do, one paragraph each.
        for row in rows {
            guard let advice = row.advice else { continue }
            let name = row.id == "-" ? row.titles.joined(separator: " + ") : "\(row.id) (\(row.titles.joined(separator: " + ")))"
            console.out("")
            console.out("\(name): \(advice.reason).")
            console.out("  what to do: \(advice.fix)")
        }
        for row in rows { if let error = row.error { console.err("error: \(row.id): \(error)") } }
    }

    /// The platform's status; a broadcast taken back with `wxpub retract` says so (a partly
    /// retracted one stays SEND_SUCCESS on the platform).
    static func statusText(_ row: StatusChecker.Row) -> String {
        let status = row.status ?? "?"
        guard let articles = row.retractedArticles, !articles.isEmpty else { return status }
        if articles.contains(0) || status == "DELETE" { return status == "DELETE" ? "DELETED (retracted)" : "\(status), retracted" }
        return "\(status), article\(articles.count == 1 ? "" : "s") \(articles.map(String.init).joined(separator: ",")) deleted"
    }

    /// Columns on a terminal: CJK characters take two.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && ($1.properties.isIdeographic || (0x3000...0x30FF).contains($1.value) || (0xFF00...0xFFEF).contains($1.value)) ? 2 : 1) }
    }
}
