import Foundation
import XCTest

/// Inputs found by probing (issue 14): a site must never make wxpub read, print or publish a file
/// outside it, refuse huge images by their size, and report a bad post without stopping the others.
final class ProbedCaseTests: XCTestCase {
    private var cleanup: [URL] = []

    override func tearDown() {
        for url in cleanup { try? FileManager.default.removeItem(at: url) }
        cleanup = []
        super.tearDown()
    }

    /// A minimal site and, beside it (outside the site), a folder for files it must not reach.
    private func siteAndOutside() throws -> (TestSite, URL) {
        let site = try TestSite.minimal()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("wxpub-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        cleanup += [site.root, outside]
        return (site, outside)
    }

    private func link(_ site: TestSite, _ path: String, to target: String) throws {
        try FileManager.default.createDirectory(at: site.url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: site.url(path).path, withDestinationPath: target)
    }

    /// Every byte under `folder`, as text, for scanning.
    private func allText(under folder: URL) -> String {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return "" }
        var text = ""
        for case let url as URL in walker {
            if let data = FileManager.default.contents(atPath: url.path) { text += String(decoding: data, as: UTF8.self) }
        }
        return text
    }

    /// Peak resident memory (KB) of `wxpub ARGS`, measured by GNU time (skips without it).
    private func peakKilobytes(_ args: [String], in site: TestSite) throws -> Int {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { throw XCTSkip("GNU time (/usr/bin/time) is not installed") }
        let report = site.url("rss.txt")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
        process.arguments = ["-f", "%M", "-o", report.path, try WXPub.executable().path] + args
        process.currentDirectoryURL = site.root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = try String(contentsOf: report, encoding: .utf8)
        return try XCTUnwrap(text.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }, text)
    }

    /// Writes `contents` to `outside/<target>`, links the site's `path` to it and builds into
    /// `outside/out`: the build fails naming `path`, and `marker` shows neither in its output nor
    /// in anything it wrote.
    @discardableResult
    private func buildRefusesLinkOutside(
        _ site: TestSite, _ outside: URL, path: String, target: String, contents: String, marker: String,
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> CLIResult {
        try Data(contents.utf8).write(to: outside.appendingPathComponent(target))
        try link(site, path, to: outside.appendingPathComponent(target).path)

        let build = try WXPub.run(["build", "--out", outside.appendingPathComponent("out").path], in: site.root)
        XCTAssertEqual(build.status, 1, "\(build)", file: file, line: line)
        XCTAssertTrue(
            build.stderr.contains("\(path):1:1: error: \(path) is a symbolic link to a file outside the site"),
            "\(build)", file: file, line: line)
        XCTAssertFalse(build.all.contains(marker), "\(build)", file: file, line: line)
        XCTAssertFalse(allText(under: outside.appendingPathComponent("out")).contains(marker), file: file, line: line)
        return build
    }

    func testAPostLinkedToAFileOutsideTheSiteIsRefusedAndNothingOfItIsBuilt() throws {
        let (site, outside) = try siteAndOutside()
        let build = try buildRefusesLinkOutside(
            site, outside, path: "content/posts/2024-05-02-linked.md", target: "post.md",
            contents: "---\ntitle: outside\n---\nOUTSIDEMARKER\n", marker: "OUTSIDEMARKER")
        // The site's own post is still built.
        XCTAssertTrue(FileManager.default.fileExists(atPath: outside.appendingPathComponent("out/first/article.json").path), "\(build)")
    }

    func testAPostLinkedToEtcPasswdPrintsNoLineOfIt() throws {
        let (site, outside) = try siteAndOutside()
        try link(site, "content/posts/2024-05-03-passwd.md", to: "/etc/passwd")

        let check = try WXPub.run(["check"], in: site.root)
        XCTAssertEqual(check.status, 1, "\(check)")
        XCTAssertTrue(check.stderr.contains("2024-05-03-passwd.md is a symbolic link to a file outside the site"), "\(check)")
        XCTAssertFalse(check.all.contains("root:"), "\(check)")
        let build = try WXPub.run(["build", "--out", outside.appendingPathComponent("out").path], in: site.root)
        XCTAssertFalse(build.all.contains("root:"), "\(build)")
        XCTAssertFalse(allText(under: outside.appendingPathComponent("out")).contains("root:"))
    }

    func testAPartialLinkedOutsideTheSiteIsRefusedByName() throws {
        let (site, outside) = try siteAndOutside()
        try buildRefusesLinkOutside(
            site, outside, path: "templates/partials/footer.html", target: "footer.html",
            contents: "<p>PARTIALMARKER</p>\n", marker: "PARTIALMARKER")
    }

    func testAThemeLinkedOutsideTheSiteIsRefusedByName() throws {
        let (site, outside) = try siteAndOutside()
        try Data("p { color: #123456; }\n".utf8).write(to: outside.appendingPathComponent("theme.css"))
        try link(site, "templates/theme.css", to: outside.appendingPathComponent("theme.css").path)

        let check = try WXPub.run(["check"], in: site.root)
        XCTAssertEqual(check.status, 1, "\(check)")
        XCTAssertTrue(check.stderr.contains("templates/theme.css is a symbolic link to a file outside the site"), "\(check)")
        XCTAssertFalse(check.all.contains("#123456"), "\(check)")
    }

    func testALinkThatStaysInsideTheSiteIsStillRead() throws {
        let (site, outside) = try siteAndOutside()
        try site.write("drafts/shared.md", Data("---\ntitle: 共享\npublish_at: 2024-05-01 09:00\n---\n\n正文。\n".utf8))
        try link(site, "content/posts/2024-05-04-shared.md", to: site.url("drafts/shared.md").path)

        let build = try WXPub.run(["build", "--out", outside.appendingPathComponent("out").path], in: site.root)
        XCTAssertEqual(build.status, 0, "\(build)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: outside.appendingPathComponent("out/shared/article.json").path), "\(build)")
    }

    func testATwoGigabyteImageIsRefusedByItsSizeWithoutBeingRead() throws {
        let (site, outside) = try siteAndOutside()
        let big = site.url("content/images/big.png")
        try TestSite.pixelPNG.write(to: big)
        // Sparse: 2 GB long, no disk used. Reading it would take seconds and 2 GB of memory.
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: 2 * 1024 * 1024 * 1024)
        try handle.close()
        try site.write("content/posts/2024-05-05-big.md", Data("---\ntitle: 大图\n---\n\n![图](../images/big.png)\n".utf8))

        let build = try WXPub.run(["build", "--out", outside.appendingPathComponent("out").path], in: site.root)
        XCTAssertEqual(build.status, 1, "\(build)")
        XCTAssertTrue(
            build.stderr.contains(
                "content/posts/2024-05-05-big.md:5:1: error: content/images/big.png is 2048.0 MB; WeChat accepts images of at most 1 MB in the body and 10 MB as a cover"),
            "\(build)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: outside.appendingPathComponent("out/first/article.json").path), "\(build)")
        XCTAssertLessThan(try peakKilobytes(["build", "--out", outside.appendingPathComponent("out2").path], in: site), 300_000)
    }

    func testAHugeImageBehindALinkInsideTheSiteIsRefusedByItsTargetsSize() throws {
        let (site, outside) = try siteAndOutside()
        let big = site.url("content/images/big.png")
        try TestSite.pixelPNG.write(to: big)
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: 2 * 1024 * 1024 * 1024)
        try handle.close()
        try link(site, "content/images/small.png", to: "big.png")
        try site.write("content/posts/2024-05-05-big.md", Data("---\ntitle: 大图\n---\n\n![图](../images/small.png)\n".utf8))

        let build = try WXPub.run(["build", "--out", outside.appendingPathComponent("out").path], in: site.root)
        XCTAssertEqual(build.status, 1, "\(build)")
        XCTAssertTrue(build.stderr.contains("content/images/big.png is 2048.0 MB"), "\(build)")
        XCTAssertLessThan(try peakKilobytes(["build", "--out", outside.appendingPathComponent("out2").path], in: site), 300_000)
    }

    func testAPostWhoseOutputCannotBeWrittenDoesNotStopTheOthers() throws {
        let (site, outside) = try siteAndOutside()
        try site.write("content/posts/2024-05-07-second.md", Data("---\ntitle: 第二篇\n---\n\n正文。\n".utf8))
        let out = outside.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        // A file where the first post's folder would go.
        try Data("in the way".utf8).write(to: out.appendingPathComponent("first"))

        let build = try WXPub.run(["build", "--out", out.path], in: site.root)
        XCTAssertEqual(build.status, 1, "\(build)")
        XCTAssertTrue(build.stderr.contains("content/posts/2024-05-01-first.md:1:1: error: cannot write the build output for `first`"), "\(build)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("second/article.json").path), "\(build)")
    }

    func testAThreeHundredCharacterSlugIsALocatedCheckErrorAndTheOtherPostsStillBuild() throws {
        let (site, outside) = try siteAndOutside()
        let slug = String(repeating: "a", count: 300)
        try site.write("content/posts/2024-05-06-slug.md", Data("---\ntitle: 长链接\nslug: \"\(slug)\"\n---\n\n正文。\n".utf8))

        let check = try WXPub.run(["check"], in: site.root)
        XCTAssertEqual(check.status, 1, "\(check)")
        XCTAssertTrue(
            check.stderr.contains(
                "content/posts/2024-05-06-slug.md:3:7: error: slug is 300 characters long; wxpub allows at most 128 (it names the post's build folder)"),
            "\(check)")

        let build = try WXPub.run(["build", "--out", outside.appendingPathComponent("out").path], in: site.root)
        XCTAssertEqual(build.status, 1, "\(build)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: outside.appendingPathComponent("out/first/article.json").path), "\(build)")
    }
}
