import Foundation
import WXContent
import WXTestSupport
import XCTest

/// Every fixture under `Fixtures/yaml/` parses to exactly what PyYAML's `yaml.safe_load` produced
/// when it was recorded (`<case>.json`), or fails with a clean `YAMLError` at the recorded place
/// (`<case>.error`: first line `line:col`, second a fragment of the message).
final class YAMLOracleTests: XCTestCase {
    static let oracle = FrontMatterOracle(
        fixtures: Bundle.module.resourceURL!.appendingPathComponent("Fixtures/yaml"),
        fileExtension: "yml", oracle: "PyYAML", script: "record-yaml-oracle.py", probe: "import yaml",
        skipMessage: "python3 with PyYAML not found (pip install pyyaml); live differential test skipped",
        parse: YAML.parse)

    func testThereAreAtLeastSixtyAcceptedFixturesAndSomeRejectedOnes() throws {
        try Self.oracle.assertFixtureCounts(accepted: 60, rejected: 20)
    }

    func testEveryFixtureMatchesItsRecordedPyYAMLResultOrError() throws {
        try Self.oracle.assertRecordedResults()
    }

    /// Runs PyYAML now, on every fixture, and compares: catches fixtures edited without re-recording
    /// and keeps the recorded files honest.
    func testLiveDifferentialAgainstPyYAML() throws {
        try Self.oracle.assertLiveDifferential()
    }
}
