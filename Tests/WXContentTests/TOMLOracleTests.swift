import Foundation
import WXContent
import WXTestSupport
import XCTest

/// Every fixture under `Fixtures/toml/` parses to exactly what Python's `tomllib` produced when it
/// was recorded (`<case>.json`, in the canonical form shared with the YAML fixtures), or fails with
/// a clean `TOMLError` at the recorded place (`<case>.error`: first line `line:col`, second a
/// fragment of the message, third what tomllib does with the same text).
final class TOMLOracleTests: XCTestCase {
    static let fixtures: URL = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/toml")

    static func cases() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: fixtures.path)
            .filter { $0.hasSuffix(".toml") }
            .map { String($0.dropLast(5)) }
            .sorted()
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: fixtures.appendingPathComponent(name + ".toml")), as: UTF8.self)
    }

    static func expectedError(_ name: String) -> (position: String, fragment: String)? {
        guard let data = FileManager.default.contents(atPath: fixtures.appendingPathComponent(name + ".error").path) else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return (lines[0], lines.count > 1 ? lines[1] : "")
    }

    func testThereAreAtLeastFortyAcceptedFixturesAndTwentyRejectedOnes() throws {
        let cases = try Self.cases()
        let rejected = cases.filter { Self.expectedError($0) != nil }
        XCTAssertGreaterThanOrEqual(cases.count - rejected.count, 40)
        XCTAssertGreaterThanOrEqual(rejected.count, 20)
    }

    func testEveryFixtureMatchesItsRecordedTomllibResultOrError() throws {
        for name in try Self.cases() {
            let text = try Self.text(name)
            if let expected = Self.expectedError(name) {
                do {
                    let node = try TOML.parse(text)
                    XCTFail("\(name): expected an error at \(expected.position), got \(YAMLCanonical(node))")
                } catch {
                    XCTAssertEqual("\(error.line):\(error.column)", expected.position, "\(name): \(error)")
                    XCTAssertTrue(error.message.contains(expected.fragment), "\(name): message \"\(error.message)\" lacks \"\(expected.fragment)\"")
                }
                continue
            }
            let recorded = try JSONDecoder().decode(YAMLCanonical.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent(name + ".json")))
            do {
                let ours = YAMLCanonical(try TOML.parse(text))
                XCTAssertEqual(ours, recorded, "\(name): ours \(ours)\n  tomllib \(recorded)")
            } catch {
                XCTFail("\(name): unexpected error \(error)")
            }
        }
    }

    /// Runs tomllib now, on every fixture, and compares: catches fixtures edited without re-recording.
    func testLiveDifferentialAgainstTomllib() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/record-toml-oracle.py")
        guard let probe = OracleProcess.run(["python3", "-c", "import tomllib"]), probe.status == 0 else {
            throw XCTSkip("python3 3.11+ with tomllib not found; live TOML differential test skipped")
        }
        guard let result = OracleProcess.run(["python3", script.path, "--emit", Self.fixtures.path]), result.status == 0 else {
            return XCTFail("record-toml-oracle.py --emit failed")
        }
        let live = try JSONDecoder().decode([String: YAMLCanonical].self, from: result.stdout)
        let cases = try Self.cases()
        XCTAssertEqual(Set(live.keys), Set(cases))
        for name in cases {
            guard let oracle = live[name] else { continue }
            if Self.expectedError(name) != nil {
                XCTAssertThrowsError(try TOML.parse(try Self.text(name)), "\(name): tomllib gives \(oracle); we must reject it cleanly")
                continue
            }
            do {
                let ours = YAMLCanonical(try TOML.parse(try Self.text(name)))
                XCTAssertEqual(ours, oracle, "\(name): ours \(ours)\n  tomllib \(oracle)")
            } catch {
                XCTFail("\(name): we reject what tomllib loads as \(oracle): \(error)")
            }
        }
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
        for name in try Self.cases() where Self.expectedError(name) != nil {
            let note = String(decoding: try Data(contentsOf: Self.fixtures.appendingPathComponent(name + ".error")), as: UTF8.self)
            if note.contains("tomllib: loads") { deviations.append(name) }
        }
        XCTAssertEqual(deviations.sorted(), ["array-of-tables", "hex-overflow", "integer-overflow", "local-time"])
    }
}
