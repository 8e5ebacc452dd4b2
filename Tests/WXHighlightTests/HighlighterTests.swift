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

/// Bad input never crashes: every prefix of code full of unterminated constructs, in every
/// language, still gives runs that cover it exactly.
final class HighlighterRobustnessTests: XCTestCase {
    static let tricky = """
        #!/bin/sh\n# c\n/* open /* nested */ "str\\"ing ${a + `b ${c}`} \\(x) #{y} {z}' 'c' '\\n' 0x 0b 0o 1e 1.e+ 1_ 0x_
        r#"raw"# r"x" b'y' @"v" $"i{1}" @attr #[a(b)] #include <x.h> \\\n<<EOF\nbody\nEOF\n<<<T\nx\nT;\n%w(a b) :sym ?c $& $'
        <?php $v ?> <!-- c --> <a href="x" b=c/> <script>let s = '</script><style>p { color: #fff }</style> <![CDATA[ x ]]>
        @@ -1 +1 @@\n- a\n+ b\nkey: [a, {b: c}] &x *y !!t |\n  block\n[table]\nk = 1979-05-27\n$ echo "$(date)" \\\n> more
        FROM x\nRUN a \\\n  b\nall: x\n\t$(CC) $$i\nifeq ($(A),1)\n- (void)f:(int)a { }\n@YES @1 `tick \\` 'lifetime
        """

    func testEveryPrefixInEveryLanguageIsCoveredExactly() {
        let scalars = Array(Self.tricky.unicodeScalars)
        for language in Highlighter.languageNames {
            for end in 0...scalars.count {
                let code = String(String.UnicodeScalarView(scalars[..<end]))
                let runs = Highlighter.highlight(code, language: language)
                XCTAssertEqual(runs.map { String($0.text) }.joined(), code, "\(language), first \(end) characters")
                for (a, b) in zip(runs, runs.dropFirst()) where a.tokenClass == b.tokenClass {
                    XCTFail("\(language), first \(end) characters: two \(a.tokenClass) runs in a row")
                }
            }
        }
    }

    func testNonASCIITextNeverSplitsACharacter() {
        let code = "let 名字 = \"中文\" // 注释 ✓\n变量 = 1"
        for language in Highlighter.languageNames {
            XCTAssertEqual(Highlighter.highlight(code, language: language).map { String($0.text) }.joined(), code, language)
        }
    }
}
