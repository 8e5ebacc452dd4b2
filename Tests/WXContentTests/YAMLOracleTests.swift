import Foundation
import WXContent
import WXTestSupport
import XCTest

/// Every fixture under `Fixtures/yaml/` parses to exactly what PyYAML's `yaml.safe_load` produced
/// when it was recorded (`<case>.json`), or fails with a clean `YAMLError` at the recorded place
/// (`<case>.error`: first line `line:col`, second a fragment of the message).
final class YAMLOracleTests: XCTestCase {
    static let fixtures: URL = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/yaml")

    static func cases() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: fixtures.path)
            .filter { $0.hasSuffix(".yml") }
            .map { String($0.dropLast(4)) }
            .sorted()
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: fixtures.appendingPathComponent(name + ".yml")), as: UTF8.self)
    }

    static func expectedError(_ name: String) -> (position: String, fragment: String)? {
        guard let data = FileManager.default.contents(atPath: fixtures.appendingPathComponent(name + ".error").path) else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return (lines[0], lines.count > 1 ? lines[1] : "")
    }

    func testThereAreAtLeastSixtyAcceptedFixturesAndSomeRejectedOnes() throws {
        let cases = try Self.cases()
        let rejected = cases.filter { Self.expectedError($0) != nil }
        XCTAssertGreaterThanOrEqual(cases.count - rejected.count, 60)
        XCTAssertGreaterThanOrEqual(rejected.count, 20)
    }

    func testEveryFixtureMatchesItsRecordedPyYAMLResultOrError() throws {
        for name in try Self.cases() {
            let text = try Self.text(name)
            if let expected = Self.expectedError(name) {
                do {
                    let node = try YAML.parse(text)
                    XCTFail("\(name): expected an error at \(expected.position), got \(YAMLCanonical(node))")
                } catch {
                    XCTAssertEqual("\(error.line):\(error.column)", expected.position, "\(name): \(error)")
                    XCTAssertTrue(error.message.contains(expected.fragment), "\(name): message \"\(error.message)\" lacks \"\(expected.fragment)\"")
                }
                continue
            }
            let recorded = try JSONDecoder().decode(YAMLCanonical.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent(name + ".json")))
            do {
                let ours = YAMLCanonical(try YAML.parse(text))
                XCTAssertEqual(ours, recorded, "\(name): ours \(ours)\n  PyYAML \(recorded)")
            } catch {
                XCTFail("\(name): unexpected error \(error)")
            }
        }
    }

    /// Runs PyYAML now, on every fixture, and compares: catches fixtures edited without re-recording
    /// and keeps the recorded files honest.
    func testLiveDifferentialAgainstPyYAML() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/record-yaml-oracle.py")
        guard let output = Self.run(["python3", "-c", "import yaml"]), output.status == 0 else {
            throw XCTSkip("python3 with PyYAML not found (pip install pyyaml); live differential test skipped")
        }
        guard let result = Self.run(["python3", script.path, "--emit", Self.fixtures.path]), result.status == 0 else {
            return XCTFail("record-yaml-oracle.py --emit failed")
        }
        let live = try JSONDecoder().decode([String: YAMLCanonical].self, from: result.stdout)
        let cases = try Self.cases()
        XCTAssertEqual(Set(live.keys), Set(cases))
        for name in cases {
            guard let oracle = live[name] else { continue }
            if Self.expectedError(name) != nil {
                XCTAssertThrowsError(try YAML.parse(try Self.text(name)), "\(name): PyYAML gives \(oracle); we must reject it cleanly")
                continue
            }
            do {
                let ours = YAMLCanonical(try YAML.parse(try Self.text(name)))
                XCTAssertEqual(ours, oracle, "\(name): ours \(ours)\n  PyYAML \(oracle)")
            } catch {
                XCTFail("\(name): we reject what PyYAML loads as \(oracle): \(error)")
            }
        }
    }

    static func run(_ arguments: [String]) -> (status: Int32, stdout: Data)? {
        OracleProcess.run(arguments).map { ($0.status, $0.stdout) }
    }
}
