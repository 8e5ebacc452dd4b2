import Foundation
import XCTest

/// The command line itself: version, help, and what a mistyped command or option gets.
final class UsageTests: XCTestCase {
    func testVersionPrintsTheVersionOnStdout() throws {
        let result = try WXPub.run(["--version"])
        XCTAssertEqual(result.status, 0, "\(result)")
        XCTAssertTrue(result.stdout.hasPrefix("wxpub "), "\(result)")
        let version = result.stdout.dropFirst("wxpub ".count).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertNotNil(version.range(of: #"^\d+\.\d+\.\d+$"#, options: .regularExpression), "version `\(version)`")
        XCTAssertEqual(result.stderr, "")
    }

    func testHelpListsEveryCommand() throws {
        let result = try WXPub.run(["--help"])
        XCTAssertEqual(result.status, 0, "\(result)")
        XCTAssertTrue(result.stdout.contains("USAGE: wxpub <command>"), "\(result)")
        for command in ["init", "check", "build", "publish", "sandbox", "groups", "followers", "media"] {
            XCTAssertNotNil(result.stdout.range(of: "\n  \(command) ", options: .literal), "help lacks \(command):\n\(result.stdout)")
        }
    }

    func testCommandHelpShowsItsUsageAndOptions() throws {
        let result = try WXPub.run(["groups", "--help"])
        XCTAssertEqual(result.status, 0, "\(result)")
        XCTAssertTrue(result.stdout.contains("USAGE: wxpub groups [options] [ACTION] [NAME]"), "\(result)")
        for option in ["--site DIR", "--sandbox", "--verbose", "--help"] {
            XCTAssertTrue(result.stdout.contains(option), "groups --help lacks \(option):\n\(result.stdout)")
        }
    }

    func testNoArgumentsPrintsTheOverviewAndExits2() throws {
        let result = try WXPub.run([])
        XCTAssertEqual(result.status, 2, "\(result)")
        XCTAssertTrue(result.stderr.contains("USAGE: wxpub <command>"), "\(result)")
    }

    func testUnknownCommandExits2WithUsageAndASuggestion() throws {
        let result = try WXPub.run(["chekc"])
        XCTAssertEqual(result.status, 2, "\(result)")
        XCTAssertTrue(result.stderr.contains("error: unknown command `chekc` (did you mean `check`?)"), "\(result)")
        XCTAssertTrue(result.stderr.contains("usage: wxpub <command> [options]"), "\(result)")
        XCTAssertEqual(result.stdout, "")
    }

    func testUnrelatedUnknownCommandGetsNoSuggestion() throws {
        let result = try WXPub.run(["frobnicate"])
        XCTAssertEqual(result.status, 2, "\(result)")
        XCTAssertTrue(result.stderr.contains("error: unknown command `frobnicate`"), "\(result)")
        XCTAssertFalse(result.stderr.contains("did you mean"), "\(result)")
    }

    func testUnknownOptionExits2WithTheCommandsUsageAndASuggestion() throws {
        let result = try WXPub.run(["check", "--strcit"])
        XCTAssertEqual(result.status, 2, "\(result)")
        XCTAssertTrue(result.stderr.contains("error: unknown option --strcit (did you mean --strict?)"), "\(result)")
        XCTAssertTrue(result.stderr.contains("usage: wxpub check [options] [POST…]"), "\(result)")
    }

    func testOptionMissingItsValueExits2() throws {
        let result = try WXPub.run(["build", "--out"])
        XCTAssertEqual(result.status, 2, "\(result)")
        XCTAssertTrue(result.stderr.contains("--out needs a value (DIR)"), "\(result)")
    }

    func testUnknownGroupsActionExits2WithASuggestion() throws {
        let result = try WXPub.run(["groups", "lsit"])
        XCTAssertEqual(result.status, 2, "\(result)")
        XCTAssertTrue(result.stderr.contains("unknown action `lsit` (did you mean `list`?)"), "\(result)")
        XCTAssertTrue(result.stderr.contains("usage: wxpub groups"), "\(result)")
    }

    func testMediaGetWithoutOutputExits2SayingWhatIsMissing() throws {
        let result = try WXPub.run(["media", "get", "some-id"])
        XCTAssertEqual(result.status, 2, "\(result)")
        XCTAssertTrue(result.stderr.contains("missing -o FILE"), "\(result)")
    }

    func testOutsideASiteExits2SayingHowToFindOne() throws {
        let empty = try TestSite.empty()
        defer { empty.remove() }
        let result = try WXPub.run(["check"], in: empty.root)
        XCTAssertEqual(result.status, 2, "\(result)")
        XCTAssertTrue(result.stderr.contains("no wxpub.yml in"), "\(result)")
        XCTAssertTrue(result.stderr.contains("--site DIR"), "\(result)")
    }
}
