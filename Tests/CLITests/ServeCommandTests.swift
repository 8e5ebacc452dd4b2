import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// `wxpub serve` as its own process: the first line, a port in use, Ctrl-C, and the browser suite.
final class ServeCommandTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Starts `wxpub serve ARGS` in `site`; returns the process and its first stdout line.
    func serve(_ args: [String], in site: TestSite) throws -> (Process, String, URL) {
        let process = Process()
        process.executableURL = try WXPub.executable()
        process.arguments = ["serve"] + args
        process.currentDirectoryURL = site.root
        process.environment = WXPub.environment([:])
        let out = Pipe()
        let errURL = site.url("serve.err")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        var line = [UInt8]()
        var byte: UInt8 = 0
        while read(out.fileHandleForReading.fileDescriptor, &byte, 1) == 1, byte != 10 { line.append(byte) }
        return (process, String(decoding: line, as: UTF8.self), errURL)
    }

    func testTheFirstLineNamesTheURLAndCtrlCStopsCleanly() throws {
        let site = try TestSite.minimal()
        defer { site.remove() }
        let (process, first, errURL) = try serve(["--port", "0"], in: site)
        defer { if process.isRunning { process.terminate() } }
        let match = first.wholeMatch(of: /serving http:\/\/127\.0\.0\.1:(\d+)\//)
        XCTAssertNotNil(match, first)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertTrue(try String(contentsOf: errURL, encoding: .utf8).hasSuffix("stopped\n"))
    }

    func testAPortInUseIsAClearUsageError() throws {
        let site = try TestSite.minimal()
        defer { site.remove() }
        let (process, first, _) = try serve(["--port", "0"], in: site)
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        let port = try XCTUnwrap(first.split(separator: ":").last?.dropLast())
        let result = try WXPub.run(["serve", "--port", String(port)], in: site.root, timeout: 20)
        XCTAssertEqual(result.status, 2, result.description)
        XCTAssertTrue(result.stderr.contains("error: port \(port) on 127.0.0.1 is already in use by another program; stop it, or choose another --port (0 picks a free one)"), result.stderr)
    }

    func testABrokenConfigStopsServeBeforeListening() throws {
        let site = try TestSite(["wxpub.yml": "account:\n  nme: x\n"])
        defer { site.remove() }
        let result = try WXPub.run(["serve", "--port", "0"], in: site.root, timeout: 20)
        XCTAssertEqual(result.status, 2, result.description)
        XCTAssertTrue(result.stderr.contains("wxpub.yml:2:"), result.stderr)
        XCTAssertFalse(result.stdout.contains("serving"))
    }

    func testBuildWritesTheIndexBesideThePosts() throws {
        let site = try TestSite.minimal()
        defer { site.remove() }
        let result = try WXPub.run(["build"], in: site.root)
        XCTAssertEqual(result.status, 0, result.description)
        let index = String(decoding: try site.read("build/index.html"), as: UTF8.self)
        XCTAssertTrue(index.contains(#"<a href="first/index.html">第一篇</a>"#), index)
        XCTAssertTrue(index.contains(#"data-state="due""#))
    }

    /// Issue 12's browser suite: headless Chromium at 375×812 through Playwright
    /// (scripts/browser-preview-check.py), on a copy of the example site. Screenshots of every
    /// post land in build/screenshots/.
    func testTheLivePreviewInHeadlessChromium() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") else {
            throw XCTSkip("no /usr/bin/chromium (apt-get install chromium fonts-noto-cjk)")
        }
        let repo = Self.repository
        let site = try TestSite([:])
        defer { site.remove() }
        for item in ["wxpub.yml", "content", "templates"] {
            try FileManager.default.copyItem(at: repo.appendingPathComponent(item), to: site.url(item))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", repo.appendingPathComponent("scripts/browser-preview-check.py").path, try WXPub.executable().path, site.root.path,
            repo.appendingPathComponent("build/screenshots").path,
        ]
        let outURL = site.url("browser.log")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: outURL)
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let deadline = Date().addingTimeInterval(240)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        let output = try String(contentsOf: outURL, encoding: .utf8)
        if process.terminationStatus == 77 { throw XCTSkip(output.trimmingCharacters(in: .whitespacesAndNewlines)) }
        XCTAssertEqual(process.terminationStatus, 0, output)
        XCTAssertTrue(output.contains("browser preview check passed"), output)
    }
}
