import Foundation
import WXContent
import WXTestSupport
import XCTest

/// A front-matter parser's error: where it stopped and why (`TOMLError`, `YAMLError`).
protocol FrontMatterParseError: Error {
    var line: Int { get }
    var column: Int { get }
    var message: String { get }
}

extension TOMLError: FrontMatterParseError {}
extension YAMLError: FrontMatterParseError {}

/// The fixture runner both front-matter formats share: every `<case>.<ext>` under `fixtures`
/// parses to what the outside oracle recorded (`<case>.json`, canonical form) or fails at the
/// recorded place (`<case>.error`: first line `line:col`, second a fragment of the message), and
/// the oracle run live (`scripts/<script> --emit`) agrees with the parser on every case.
struct FrontMatterOracle<ParseError: FrontMatterParseError>: Sendable {
    /// The fixture folder, e.g. `Fixtures/toml`.
    var fixtures: URL
    /// The fixture file ending without the dot, e.g. `toml`.
    var fileExtension: String
    /// The oracle's name in failure messages, e.g. `tomllib`.
    var oracle: String
    /// The recording script under `scripts/`, e.g. `record-toml-oracle.py`.
    var script: String
    /// The python3 statement that shows the oracle is installed, e.g. `import tomllib`.
    var probe: String
    /// Why the live differential test is skipped when `probe` fails.
    var skipMessage: String
    var parse: @Sendable (String) throws(ParseError) -> YAMLNode

    func cases() throws -> [String] {
        let suffix = "." + fileExtension
        return try FileManager.default.contentsOfDirectory(atPath: fixtures.path)
            .filter { $0.hasSuffix(suffix) }
            .map { String($0.dropLast(suffix.count)) }
            .sorted()
    }

    func text(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: fixtures.appendingPathComponent(name + "." + fileExtension)), as: UTF8.self)
    }

    func expectedError(_ name: String) -> (position: String, fragment: String)? {
        guard let data = FileManager.default.contents(atPath: fixtures.appendingPathComponent(name + ".error").path) else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return (lines[0], lines.count > 1 ? lines[1] : "")
    }

    /// At least `accepted` fixtures that parse and `rejected` ones that fail.
    func assertFixtureCounts(accepted: Int, rejected: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let cases = try cases()
        let rejectedCases = cases.filter { expectedError($0) != nil }
        XCTAssertGreaterThanOrEqual(cases.count - rejectedCases.count, accepted, file: file, line: line)
        XCTAssertGreaterThanOrEqual(rejectedCases.count, rejected, file: file, line: line)
    }

    /// Every fixture matches its recorded oracle result or error.
    func assertRecordedResults(file: StaticString = #filePath, line: UInt = #line) throws {
        for name in try cases() {
            let text = try text(name)
            if let expected = expectedError(name) {
                do {
                    let node = try parse(text)
                    XCTFail("\(name): expected an error at \(expected.position), got \(YAMLCanonical(node))", file: file, line: line)
                } catch {
                    XCTAssertEqual("\(error.line):\(error.column)", expected.position, "\(name): \(error)", file: file, line: line)
                    XCTAssertTrue(error.message.contains(expected.fragment), "\(name): message \"\(error.message)\" lacks \"\(expected.fragment)\"", file: file, line: line)
                }
                continue
            }
            let recorded = try JSONDecoder().decode(YAMLCanonical.self, from: Data(contentsOf: fixtures.appendingPathComponent(name + ".json")))
            do {
                let ours = YAMLCanonical(try parse(text))
                XCTAssertEqual(ours, recorded, "\(name): ours \(ours)\n  \(oracle) \(recorded)", file: file, line: line)
            } catch {
                XCTFail("\(name): unexpected error \(error)", file: file, line: line)
            }
        }
    }

    /// Runs the oracle now, on every fixture, and compares: catches fixtures edited without re-recording.
    func assertLiveDifferential(file: StaticString = #filePath, line: UInt = #line) throws {
        let scriptURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/" + script)
        guard let probeResult = OracleProcess.run(["python3", "-c", probe]), probeResult.status == 0 else {
            throw XCTSkip(skipMessage)
        }
        guard let result = OracleProcess.run(["python3", scriptURL.path, "--emit", fixtures.path]), result.status == 0 else {
            return XCTFail("\(script) --emit failed", file: file, line: line)
        }
        let live = try JSONDecoder().decode([String: YAMLCanonical].self, from: result.stdout)
        let cases = try cases()
        XCTAssertEqual(Set(live.keys), Set(cases), file: file, line: line)
        for name in cases {
            guard let answer = live[name] else { continue }
            if expectedError(name) != nil {
                XCTAssertThrowsError(try parse(try text(name)), "\(name): \(oracle) gives \(answer); we must reject it cleanly", file: file, line: line)
                continue
            }
            do {
                let ours = YAMLCanonical(try parse(try text(name)))
                XCTAssertEqual(ours, answer, "\(name): ours \(ours)\n  \(oracle) \(answer)", file: file, line: line)
            } catch {
                XCTFail("\(name): we reject what \(oracle) loads as \(answer): \(error)", file: file, line: line)
            }
        }
    }
}
