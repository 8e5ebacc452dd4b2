import Foundation
import XCTest
import WXSupport

/// Real paths with each folder looked up once agree with realpath(3): for plain files, links to
/// files, files reached through a linked folder, and nothing at all.
final class RealPathsTests: XCTestCase {
    private var base: URL!
    private var site: URL { base.appendingPathComponent("site") }

    override func setUpWithError() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("realpaths-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("posts"), withIntermediateDirectories: true)
        try Data("post".utf8).write(to: site.appendingPathComponent("posts/a.md"))
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("posts/b.md").path, withDestinationPath: "a.md")
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("linked").path, withDestinationPath: "posts")
    }

    override func tearDown() { try? FileManager.default.removeItem(at: base) }

    private func expected(_ path: String) -> String? { SiteContainment.realPath(site.appendingPathComponent(path).path) }

    func testEveryKindOfPathResolvesAsRealpathDoes() {
        let paths = RealPaths()
        for path in ["posts/a.md", "posts/b.md", "linked/a.md", "linked/b.md", "posts/../posts/a.md", "posts"] {
            XCTAssertEqual(paths.find(site.appendingPathComponent(path).path)?.path, expected(path), path)
        }
    }

    func testFoundFilesCarryTheirSizeAndKind() throws {
        let paths = RealPaths()
        let link = try XCTUnwrap(paths.find(site.appendingPathComponent("posts/b.md").path))
        XCTAssertEqual(link.size, 4)
        XCTAssertFalse(link.isDirectory)
        XCTAssertEqual(paths.find(site.appendingPathComponent("linked").path)?.isDirectory, true)
    }

    func testNothingThereIsNil() throws {
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("posts/dangling.md").path, withDestinationPath: "gone.md")
        let paths = RealPaths()
        XCTAssertNil(paths.find(site.appendingPathComponent("posts/missing.md").path))
        XCTAssertNil(paths.find(site.appendingPathComponent("posts/dangling.md").path))
    }
}
