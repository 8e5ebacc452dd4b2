import Foundation
import XCTest

/// The deployment examples under `deploy/` are real files that parse: the GitHub workflow as
/// YAML with its two jobs, the systemd pair with `systemd-analyze verify`, the crontab line.
final class DeployTests: XCTestCase {
    static let deploy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("deploy")

    func text(_ path: String) throws -> String { try String(contentsOf: Self.deploy.appendingPathComponent(path), encoding: .utf8) }

    /// Runs a tool; nil when it is not installed.
    func run(_ tool: String, _ args: [String]) throws -> (status: Int32, output: String)? {
        guard let path = ["/usr/bin/", "/bin/", "/usr/local/bin/"].map({ $0 + tool }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = args
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testWorkflowParsesAsYAMLWithADryRunJobAndAScheduledPublishJob() throws {
        let script = """
            import json, sys, yaml
            d = yaml.safe_load(open(sys.argv[1]))
            on = d.get("on", d.get(True))
            jobs = d["jobs"]
            steps = lambda j: " ".join(str(s.get("run", "")) + json.dumps(s.get("env", {})) for s in jobs[j]["steps"])
            print(json.dumps({"jobs": sorted(jobs), "cron": [c["cron"] for c in on.get("schedule", [])],
                              "dry": steps("dry-run"), "publish": steps("publish")}))
            """
        guard let result = try run("python3", ["-c", script, Self.deploy.appendingPathComponent("github/wxpub.yml").path]) else {
            throw XCTSkip("python3 is not installed")
        }
        if result.output.contains("No module named 'yaml'") { throw XCTSkip("PyYAML is not installed") }
        XCTAssertEqual(result.status, 0, result.output)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any], result.output)
        XCTAssertEqual(json["jobs"] as? [String], ["dry-run", "publish"])
        XCTAssertEqual(json["cron"] as? [String], ["*/15 * * * *"])
        let dry = try XCTUnwrap(json["dry"] as? String)
        XCTAssertTrue(dry.contains("publish --dry-run --format github"), dry)
        XCTAssertFalse(dry.contains("secrets."), "the dry run needs no secrets")
        let publish = try XCTUnwrap(json["publish"] as? String)
        XCTAssertTrue(publish.contains("secrets.WXPUB_APPSECRET"), publish)
        XCTAssertTrue(publish.contains(".wxpub/journal.json") && publish.contains(".wxpub/media.json"), publish)
    }

    func testSystemdUnitsVerifyAndTheTimerCatchesUpEveryQuarterHour() throws {
        let timer = try text("systemd/wxpub-publish.timer")
        XCTAssertTrue(timer.contains("\nPersistent=true\n"), timer)
        XCTAssertTrue(timer.contains("\nOnCalendar=*:0/15\n"), timer)
        let service = try text("systemd/wxpub-publish.service")
        XCTAssertTrue(service.contains("\nExecStart=/usr/local/bin/wxpub publish\n"), service)
        XCTAssertFalse(service.contains("\nEnvironment=WXPUB_APPSECRET"), "the secret lives in the EnvironmentFile, not the unit")
        XCTAssertTrue(service.contains("\nEnvironmentFile=/etc/wxpub/env\n"), service)

        // Verify copies whose ExecStart exists on this machine and that run as the current user.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wxpub-units-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let local = service.replacingOccurrences(of: "/usr/local/bin/wxpub", with: "/bin/true")
            .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("User=") && !$0.hasPrefix("Group=") }.joined(separator: "\n")
        try local.write(to: dir.appendingPathComponent("wxpub-publish.service"), atomically: true, encoding: .utf8)
        try timer.write(to: dir.appendingPathComponent("wxpub-publish.timer"), atomically: true, encoding: .utf8)
        guard let result = try run("systemd-analyze", ["verify", dir.appendingPathComponent("wxpub-publish.service").path, dir.appendingPathComponent("wxpub-publish.timer").path]) else {
            throw XCTSkip("systemd-analyze is not installed")
        }
        XCTAssertEqual(result.status, 0, result.output)
    }

    func testCrontabRunsEveryQuarterHourUnderFlock() throws {
        let lines = try text("cron/wxpub.crontab").split(separator: "\n").filter { !$0.hasPrefix("#") && $0.contains("wxpub publish") }
        XCTAssertEqual(lines.count, 1)
        let line = String(lines[0])
        XCTAssertTrue(line.hasPrefix("*/15 * * * * "), line)
        XCTAssertTrue(line.contains("flock -n "), line)
    }
}
