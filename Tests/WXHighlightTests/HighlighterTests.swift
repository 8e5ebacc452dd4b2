import WXHighlight
import XCTest

/// The highlighter's contract: runs cover the code exactly, adjacent runs differ in class,
/// unknown languages and `nohighlight` stay plain, aliases resolve.
final class HighlighterTests: XCTestCase {
    func testRunsCoverTheCodeExactlyAndNeverRepeatAClass() {
        let code = "let x = \"a\\\"b\" // c\nfunc f() -> Int { 0x1F }\n中文 = 1"
        let runs = Highlighter.highlight(code, language: "swift")
        XCTAssertEqual(runs.map { String($0.text) }.joined(), code)
        for (a, b) in zip(runs, runs.dropFirst()) { XCTAssertNotEqual(a.tokenClass, b.tokenClass, "\(a) then \(b)") }
    }

    func testUnknownMissingAndNohighlightLanguagesGiveOnePlainRun() {
        for language in [nil, "", "nohighlight", "text", "brainfuck"] as [String?] {
            XCTAssertEqual(Highlighter.highlight("if x { 1 }", language: language), [HighlightRun(.plain, "if x { 1 }"[...])], "\(language ?? "nil")")
        }
        XCTAssertEqual(Highlighter.highlight("", language: "swift"), [])
    }

    func testAliasesAndCaseResolveToTheSameLexer() {
        let pairs = [("py", "python"), ("js", "javascript"), ("ts", "typescript"), ("sh", "bash"), ("zsh", "shell"), ("yml", "yaml"),
                     ("golang", "go"), ("rs", "rust"), ("cpp", "c++"), ("cs", "csharp"), ("rb", "ruby"), ("objc", "objective-c"),
                     ("kt", "kotlin"), ("docker", "dockerfile"), ("make", "makefile"), ("Swift", "swift")]
        let sample = "def f(x): return 'a' # c"
        for (alias, name) in pairs {
            XCTAssertTrue(Highlighter.supports(alias), alias)
            XCTAssertEqual(Highlighter.highlight(sample, language: alias), Highlighter.highlight(sample, language: name), alias)
        }
        XCTAssertFalse(Highlighter.supports("nohighlight"))
    }

    func testSpacesBetweenTwoTokensOfOneClassJoinThem() {
        XCTAssertEqual(Highlighter.highlight("public static final int x;", language: "java").map { "\($0.tokenClass):\($0.text)" },
                       ["keyword:public static final", "type: int", "plain: x", "operator:;"])
    }

    func testWhiteSpaceNeverStandsAloneNextToAColouredRun() {
        let code = "  def f(x):\n\treturn 1  \n"
        XCTAssertEqual(Highlighter.highlight(code, language: "python").map { "\($0.tokenClass):\($0.text)" },
                       ["keyword:  def", "function: f", "operator:(", "plain:x", "operator:):\n", "keyword:\treturn", "number: 1  \n"])
    }
}
