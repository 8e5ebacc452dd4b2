import Foundation
import XCTest

@testable import WXRender

/// Compile time must grow linearly with the post. Timing on a shared machine is noisy, so this
/// runs only when asked (`WXPUB_PERF=1`) and allows generous slack.
final class PerformanceTests: XCTestCase {
    func testCompileTimeIsLinearInInputSize() throws {
        guard ProcessInfo.processInfo.environment["WXPUB_PERF"] == "1" else {
            throw XCTSkip("timing test: run with WXPUB_PERF=1")
        }
        let site = try TestSite()
        defer { site.remove() }
        let seed = try SeedPost.load(site: site)
        let compiler = try ArticleCompiler(site: site.config(defaultCover: "images/green.jpg"))
        func seconds(copies: Int) -> (Double, Int) {
            var post = seed
            post.body = String(repeating: seed.body + "\n\n[链接](https://example.com/\(copies))\n\n```\ncode  line\n```\n\n", count: copies)
            let start = Date()
            let result = compiler.compile(post)
            return (Date().timeIntervalSince(start), result.content?.utf8.count ?? 0)
        }
        _ = seconds(copies: 2)
        let (small, smallBytes) = seconds(copies: 20)
        let (large, largeBytes) = seconds(copies: 80)
        let inputMB = Double(seed.body.utf8.count * 80) / 1_048_576
        print("compile: 20 copies \(String(format: "%.3f", small)) s (\(smallBytes) B out), 80 copies \(String(format: "%.3f", large)) s (\(largeBytes) B out), \(String(format: "%.2f", inputMB / large)) MB/s input")
        XCTAssertLessThan(large, small * 4 * 2.5, "80 copies took more than 2.5× the linear estimate")
    }
}
