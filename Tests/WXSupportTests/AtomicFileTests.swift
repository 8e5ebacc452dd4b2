import Foundation
import XCTest
import WXSupport

final class AtomicFileTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func testWriteCreatesFoldersAndLeavesNoTemporaryFiles() throws {
        let url = dir.appendingPathComponent("a/b/state.json")
        try AtomicFile.write(Data("{}".utf8), to: url)
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "{}")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path), ["state.json"])
    }

    func testModeIsApplied() throws {
        let url = dir.appendingPathComponent("token.json")
        try AtomicFile.write(Data("x".utf8), to: url, mode: 0o600)
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    }

    func testWriteIfChangedSkipsIdenticalContent() throws {
        let url = dir.appendingPathComponent("out.html")
        XCTAssertTrue(try AtomicFile.writeIfChanged(Data("one".utf8), to: url))
        XCTAssertFalse(try AtomicFile.writeIfChanged(Data("one".utf8), to: url))
        XCTAssertTrue(try AtomicFile.writeIfChanged(Data("two".utf8), to: url))
    }

    func testSecondNonWaitingLockOnSameFileIsBusy() throws {
        let path = dir.appendingPathComponent("journal.lock").path
        let first = try FileLock(path: path)
        // flock locks belong to the open file description: a second open in this process conflicts.
        XCTAssertThrowsError(try FileLock(path: path, wait: false)) { error in
            XCTAssertTrue(error is FileLock.Busy)
        }
        first.unlock()
        XCTAssertNoThrow(try FileLock(path: path, wait: false))
    }
}
