import Foundation
import WXContent
import WXTestSupport
import XCTest

/// Every fixture under `Fixtures/toml/` parses to exactly what Python's `tomllib` produced when it
/// was recorded (`<case>.json`, in the canonical form shared with the YAML fixtures), or fails with
/// a clean `TOMLError` at the recorded place (`<case>.error`: first line `line:col`, second a
/// fragment of the message, third what tomllib does with the same text).
final class TOMLOracleTests: XCTestCase {
    static let oracle = FrontMatterOracle(
        fixtures: Bundle.module.resourceURL!.appendingPathComponent("Fixtures/toml"),
        fileExtension: "toml", oracle: "tomllib", script: "record-toml-oracle.py", probe: "import tomllib",
        skipMessage: "python3 3.11+ with tomllib not found; live TOML differential test skipped",
        parse: TOML.parse)

    func testThereAreAtLeastFortyAcceptedFixturesAndTwentyRejectedOnes() throws {
        try Self.oracle.assertFixtureCounts(accepted: 40, rejected: 20)
    }

    func testEveryFixtureMatchesItsRecordedTomllibResultOrError() throws {
        try Self.oracle.assertRecordedResults()
    }

    /// Runs tomllib now, on every fixture, and compares: catches fixtures edited without re-recording.
    func testLiveDifferentialAgainstTomllib() throws {
        try Self.oracle.assertLiveDifferential()
    }

    func testALongOneLineListStaysLinear() {
        let items = (0..<100_000).map { "\"项目\($0)\"" }.joined(separator: ", ")
        let node = try? TOML.parse("tags = [\(items)]\n")
        XCTAssertEqual(node?["tags"]?.sequenceItems?.count, 100_000)
        XCTAssertEqual(node?["tags"]?.sequenceItems?.last?.column, 9 + (0..<99_999).reduce(0) { $0 + "\"项目\($1)\", ".count })
    }

    func testRunawayNestingIsAnErrorNotACrash() {
        let text = "a = " + String(repeating: "[", count: 100_000) + "\n"
        XCTAssertThrowsError(try TOML.parse(text)) { error in
            XCTAssertTrue("\(error)".contains("nest deeper than 64"), "\(error)")
        }
        XCTAssertNoThrow(try TOML.parse("a = " + String(repeating: "[", count: 64) + String(repeating: "]", count: 64) + "\n"))
        XCTAssertThrowsError(try TOML.parse(Array(repeating: "a", count: 100_000).joined(separator: ".") + " = 1\n"))
        XCTAssertThrowsError(try TOML.parse("[" + Array(repeating: "a", count: 100_000).joined(separator: ".") + "]\n"))
    }

    /// The deliberate differences from tomllib, each rejected although tomllib loads it.
    func testDocumentedDeviationsAreTheOnlyDocumentsTomllibAcceptsAndWeReject() throws {
        var deviations: [String] = []
        for name in try Self.oracle.cases() where Self.oracle.expectedError(name) != nil {
            let note = String(decoding: try Data(contentsOf: Self.oracle.fixtures.appendingPathComponent(name + ".error")), as: UTF8.self)
            if note.contains("tomllib: loads") { deviations.append(name) }
        }
        XCTAssertEqual(deviations.sorted(), ["array-of-tables", "hex-overflow", "integer-overflow", "local-time"])
    }
}
