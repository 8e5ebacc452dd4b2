import Foundation
import XCTest

@testable import WXSupport

/// The rule for every file read on a site's behalf: its real path stays inside the site's real root.
final class SiteContainmentTests: XCTestCase {
    private var base: URL!
    private var site: URL { base.appendingPathComponent("site") }
    private var outside: URL { base.appendingPathComponent("outside.txt") }

    override func setUpWithError() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("containment-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("posts"), withIntermediateDirectories: true)
        try Data("inside".utf8).write(to: site.appendingPathComponent("posts/a.md"))
        try Data("outside".utf8).write(to: outside)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: base) }

    private func link(_ path: String, to target: String) throws -> URL {
        let url = site.appendingPathComponent(path)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
        return url
    }

    func testAFileInTheSiteIsInside() {
        XCTAssertTrue(SiteContainment.isInside(site.appendingPathComponent("posts/a.md"), root: site))
    }

    func testALinkToAFileInTheSiteIsInside() throws {
        XCTAssertTrue(SiteContainment.isInside(try link("posts/b.md", to: "a.md"), root: site))
    }

    func testALinkToAFileOutsideTheSiteIsOutside() throws {
        XCTAssertEqual(SiteContainment.verdict(for: try link("posts/c.md", to: outside.path), root: site), .outside)
    }

    func testARelativeLinkClimbingOutOfTheSiteIsOutside() throws {
        XCTAssertEqual(SiteContainment.verdict(for: try link("posts/d.md", to: "../../outside.txt"), root: site), .outside)
    }

    func testAFileReachedThroughALinkedFolderOutsideIsOutside() throws {
        let folder = base.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: folder.appendingPathComponent("e.md"))
        _ = try link("linked", to: folder.path)
        XCTAssertEqual(SiteContainment.verdict(for: site.appendingPathComponent("linked/e.md"), root: site), .outside)
    }

    func testASiteReachedThroughALinkKeepsItsFilesInside() throws {
        let alias = base.appendingPathComponent("alias")
        try FileManager.default.createSymbolicLink(atPath: alias.path, withDestinationPath: site.path)
        XCTAssertTrue(SiteContainment.isInside(alias.appendingPathComponent("posts/a.md"), root: alias))
    }

    func testAMissingFileAndADanglingLinkAreMissing() throws {
        XCTAssertEqual(SiteContainment.verdict(for: site.appendingPathComponent("posts/none.md"), root: site), .missing)
        XCTAssertEqual(SiteContainment.verdict(for: try link("posts/f.md", to: "nowhere.md"), root: site), .missing)
    }

    func testASiblingFolderSharingTheRootsNameAsAPrefixIsOutside() throws {
        let sibling = base.appendingPathComponent("site-other")
        try FileManager.default.createDirectory(at: sibling, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: sibling.appendingPathComponent("g.md"))
        XCTAssertEqual(SiteContainment.verdict(for: try link("posts/g.md", to: sibling.appendingPathComponent("g.md").path), root: site), .outside)
    }
}
