import Foundation
import WXSupport
import WXTemplate
import XCTest

/// The official Mustache spec (`../shared/oracles/mustache-spec/`, next to the package): every
/// test of the supported feature files must pass, and every set-delimiter test must fail with the
/// clear "not supported" error. No test in the supported files is excluded.
final class MustacheSpecTests: XCTestCase {
    struct SpecFile: Decodable {
        var tests: [SpecTest]
    }

    struct SpecTest: Decodable {
        var name: String
        var data: TemplateValue
        var template: String
        var partials: [String: String]?
        var expected: String
    }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/oracles/mustache-spec` next to the package; a git worktree one level deeper
    /// (`wt/<name>/`) looks one more level up.
    static let specFolder: URL? = [packageRoot.deletingLastPathComponent(), packageRoot.deletingLastPathComponent().deletingLastPathComponent()]
        .map { $0.appendingPathComponent("shared/oracles/mustache-spec") }
        .first { FileManager.default.fileExists(atPath: $0.path) }

    private func load(_ file: String) throws -> [SpecTest] {
        guard let url = Self.specFolder?.appendingPathComponent(file), FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("Mustache spec (../shared/oracles/mustache-spec/\(file)) not found; spec tests skipped")
        }
        return try JSONDecoder().decode(SpecFile.self, from: Data(contentsOf: url)).tests
    }

    private func render(_ test: SpecTest) throws(DiagnosticError) -> String {
        var partials: [String: Template] = [:]
        for (name, source) in test.partials ?? [:] {
            partials[name] = try Template.parse(source, name: "\(name).mustache")
        }
        return try Template.parse(test.template, name: "template").render(test.data, partials: partials)
    }

    private func runSpec(_ file: String) throws {
        let tests = try load(file)
        XCTAssertFalse(tests.isEmpty)
        for test in tests {
            do {
                let output = try render(test)
                XCTAssertEqual(output, test.expected, "\(file): \(test.name)")
            } catch {
                XCTFail("\(file): \(test.name): \(error)")
            }
        }
    }

    func testInterpolation() throws { try runSpec("interpolation.json") }
    func testSections() throws { try runSpec("sections.json") }
    func testInverted() throws { try runSpec("inverted.json") }
    func testComments() throws { try runSpec("comments.json") }
    func testPartials() throws { try runSpec("partials.json") }

    func testEveryDelimiterTestFailsWithTheUnsupportedError() throws {
        let tests = try load("delimiters.json")
        XCTAssertFalse(tests.isEmpty)
        for test in tests {
            do {
                let output = try render(test)
                XCTFail("delimiters.json: \(test.name) rendered \(output.debugDescription) instead of failing")
            } catch {
                XCTAssertEqual(error.diagnostics.count, 1, test.name)
                XCTAssertTrue(error.diagnostics[0].message.hasPrefix("set-delimiter tags ({{=…=}}) are not supported"), "\(test.name): \(error)")
            }
        }
    }
}
