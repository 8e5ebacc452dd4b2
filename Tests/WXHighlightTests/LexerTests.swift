import WXHighlight
import XCTest

/// One behaviour per test, per language: what each token class looks like in real code.
/// `tokens` lists the non-plain runs as `class:text`.
final class LexerTests: XCTestCase {
    /// White space around a token is dropped: it rides with the coloured runs (see HighlighterTests).
    func tokens(_ code: String, _ language: String) -> [String] {
        Highlighter.highlight(code, language: language).filter { $0.tokenClass != .plain }.map { run in
            var text = Substring(run.text)
            while let last = text.last, last == " " || last == "\n" || last == "\t" { text = text.dropLast() }
            while let first = text.first, first == " " || first == "\n" || first == "\t" { text = text.dropFirst() }
            return "\(run.tokenClass.rawValue):\(text)"
        }
    }

    // MARK: Swift

    func testSwiftKeywordsTypesAndFunctionNames() {
        XCTAssertEqual(tokens("func greet(name: String) -> Int", "swift"),
                       ["keyword:func", "function:greet", "operator:(", "operator::", "type:String", "operator:) ->", "type:Int"])
    }

    func testSwiftStringEscapesAndInterpolation() {
        XCTAssertEqual(tokens(#"let s = "a\"b \(n + 1) c""#, "swift"),
                       ["keyword:let", "operator:=", #"string:"a\"b \("#, "operator:+", "number:1", #"string:) c""#])
    }

    func testSwiftNestedBlockCommentsAndDocComments() {
        XCTAssertEqual(tokens("/* a /* b */ c */ x\n/// doc\nlet", "swift"), ["comment:/* a /* b */ c */", "comment:/// doc", "keyword:let"])
    }

    func testSwiftNumbersInEveryBase() {
        XCTAssertEqual(tokens("0x1F, 0b1010, 0o17, 1_000, 3.14e-2", "swift"),
                       ["number:0x1F", "operator:,", "number:0b1010", "operator:,", "number:0o17", "operator:,", "number:1_000", "operator:,",
                        "number:3.14e-2"])
    }

    func testSwiftAttributesAndRawStrings() {
        XCTAssertEqual(tokens(##"@MainActor let r = #"a\nb"#"##, "swift"), ["attribute:@MainActor", "keyword:let", "operator:=", ##"string:#"a\nb"#"##])
    }

    // MARK: Python

    func testPythonDefClassAndBuiltins() {
        XCTAssertEqual(tokens("class A(object):\n    def run(self): return len(x)", "python"),
                       ["keyword:class", "type:A", "operator:(", "type:object", "operator:):", "keyword:def", "function:run",
                        "operator:(", "type:self", "operator:):", "keyword:return", "type:len", "operator:(", "operator:)"])
    }

    func testPythonStringsPrefixesTriplesAndFStrings() {
        XCTAssertEqual(tokens(#"r'\d', b"x\"y", """doc""", f"{n + 1}!""#, "python"),
                       [#"string:r'\d'"#, "operator:,", #"string:b"x\"y""#, "operator:,", #"string:"""doc""""#, "operator:,", #"string:f"{"#,
                        "operator:+", "number:1", #"string:}!""#])
    }

    func testPythonDecoratorsCommentsAndNumbers() {
        XCTAssertEqual(tokens("@app.route  # c\nx = 0x_ff + 0o7 + 0b1 + 1e3j", "python"),
                       ["attribute:@app.route", "comment:# c", "operator:=", "number:0x_ff", "operator:+", "number:0o7", "operator:+",
                        "number:0b1", "operator:+", "number:1e3j"])
    }

    func testPythonMatchIsAKeywordOnlyAsAStatement() {
        XCTAssertEqual(tokens("match cmd:\n    case 1:\n        pass\nmatch = 2", "python"),
                       ["keyword:match", "operator::", "keyword:case", "number:1", "operator::", "keyword:pass", "operator:=", "number:2"])
    }

    // MARK: JavaScript / TypeScript

    func testJavaScriptTemplateLiteralsAndRegexes() {
        XCTAssertEqual(tokens("const s = `a ${b + 1} c`; const r = /a\\/b/gi; x / 2", "js"),
                       ["keyword:const", "operator:=", "string:`a ${", "operator:+", "number:1", "string:} c`", "operator:;",
                        "keyword:const", "operator:=", "string:/a\\/b/gi", "operator:;", "operator:/", "number:2"])
    }

    func testJavaScriptFunctionsAndBigIntNumbers() {
        XCTAssertEqual(tokens("function add(a) { return 10n + 0xFF }", "javascript"),
                       ["keyword:function", "function:add", "operator:(", "operator:) {", "keyword:return", "number:10n", "operator:+",
                        "number:0xFF", "operator:}"])
    }

    func testTypeScriptTypesAndDecorators() {
        XCTAssertEqual(tokens("@Component interface P { n: number }", "ts"),
                       ["attribute:@Component", "keyword:interface", "operator:{", "operator::", "type:number", "operator:}"])
    }

    // MARK: JVM, Go, Rust, C family

    func testJavaAnnotationsDeclarationsAndCharacters() {
        XCTAssertEqual(tokens("@Override public void run() { char c = '\\n'; }", "java"),
                       ["attribute:@Override", "keyword:public", "type:void", "function:run", "operator:() {", "type:char",
                        "operator:=", "string:'\\n'", "operator:; }"])
    }

    func testKotlinTemplatesAndNestedComments() {
        XCTAssertEqual(tokens("fun f() = \"$a ${b}\" /* x /* y */ z */", "kotlin"),
                       ["keyword:fun", "function:f", "operator:() =", "string:\"$a ${", "string:}\"", "comment:/* x /* y */ z */"])
    }

    func testGoRawStringsBuiltinsAndOctal() {
        XCTAssertEqual(tokens("var s = `a\\n` + string(0o755)", "go"),
                       ["keyword:var", "operator:=", "string:`a\\n`", "operator:+", "type:string", "operator:(", "number:0o755", "operator:)"])
    }

    func testRustLifetimesMacrosAttributesAndRawStrings() {
        XCTAssertEqual(tokens("#[derive(Debug)]\nfn f<'a>(x: &'a str) { println!(r#\"\"q\"\"#, 1u8); }", "rust"),
                       ["attribute:#[derive(Debug)]", "keyword:fn", "function:f", "operator:<", "operator:>(", "operator:: &", "type:str", "operator:) {", "function:println!", "operator:(", "string:r#\"\"q\"\"#", "operator:,", "number:1u8",
                        "operator:); }"])
    }

    func testRustNestedCommentsAndDocComments() {
        XCTAssertEqual(tokens("/// doc\n/* a /* b */ c */ let", "rust"), ["comment:/// doc\n/* a /* b */ c */", "keyword:let"])
    }

    func testCPreprocessorAndFunctionDefinitions() {
        XCTAssertEqual(tokens("#include <stdio.h>\nint main(void) { return 0x0; }", "c"),
                       ["attribute:#include <stdio.h>", "type:int", "function:main", "operator:(", "type:void", "operator:) {",
                        "keyword:return", "number:0x0", "operator:; }"])
    }

    func testCppDigitSeparatorsRawStringsAndBuiltins() {
        XCTAssertEqual(tokens("auto n = 1'000'000; auto s = R\"(a\\b)\"; bool b = nullptr;", "cpp"),
                       ["keyword:auto", "operator:=", "number:1'000'000", "operator:;", "keyword:auto", "operator:=", "string:R\"(a\\b)\"",
                        "operator:;", "type:bool", "operator:=", "type:nullptr", "operator:;"])
    }

    func testCSharpVerbatimAndInterpolatedStrings() {
        XCTAssertEqual(tokens("var p = @\"C:\\x\"\"y\"; var q = $\"{n}!\";", "cs"),
                       ["keyword:var", "operator:=", "string:@\"C:\\x\"\"y\"", "operator:;", "keyword:var", "operator:=", "string:$\"{",
                        "string:}!\"", "operator:;"])
    }

    func testObjectiveCMessagesAndLiterals() {
        XCTAssertEqual(tokens("- (void)run:(int)n { NSString *s = @\"x\"; id y = @YES; }", "objc"),
                       ["operator:- (", "type:void", "operator:)", "function:run:", "operator:(", "type:int", "operator:)", "operator:{",
                        "type:NSString", "operator:*", "operator:=", "string:@\"x\"", "operator:;", "type:id", "operator:=",
                        "number:@YES", "operator:; }"])
    }

    // MARK: PHP, Ruby

    func testPHPTagsVariablesAndHeredocs() {
        XCTAssertEqual(tokens("<?php $x = \"a{$y}\"; echo <<<EOT\nhi\nEOT;\n?>", "php"),
                       ["attribute:<?php", "operator:=", "string:\"a{$", "string:}\"", "operator:;", "keyword:echo",
                        "string:<<<EOT\nhi\nEOT", "operator:;", "attribute:?>"])
    }

    func testRubySymbolsInterpolationRegexesAndPercentLiterals() {
        XCTAssertEqual(tokens("def go(k: 1) = puts \"#{@a}\" =~ /x/i, :sym, %w(a b)", "ruby"),
                       ["keyword:def", "function:go", "operator:(", "string:k:", "number:1", "operator:) =", "type:puts", "string:\"#{",
                        "string:}\"", "operator:=~", "string:/x/i", "operator:,", "string::sym", "operator:,", "string:%w(a b)"])
    }

    func testRubyHeredocsAndDataSection() {
        XCTAssertEqual(tokens("x = <<~EOS\n  text\nEOS\n__END__\ndata", "rb"),
                       ["operator:=", "string:<<~EOS\n  text\nEOS", "attribute:__END__\ndata"])
    }

    // MARK: shell family

    func testShellKeywordsBuiltinsStringsAndExpansions() {
        XCTAssertEqual(tokens("if [ -n \"$HOME/x\" ]; then echo 'a' $(date) # c\nfi", "bash"),
                       ["keyword:if", "operator:[", "string:\"", "string:/x\"", "operator:];", "keyword:then", "type:echo", "string:'a'",
                        "operator:$(", "operator:)", "comment:# c", "keyword:fi"])
    }

    func testShellHeredocBodiesAreStrings() {
        XCTAssertEqual(tokens("cat <<EOF\n$a b\nEOF\nls", "sh"), ["operator:<<", "string:EOF\n$a b\nEOF"])
    }

    func testConsolePromptsCommandsAndOutput() {
        XCTAssertEqual(tokens("$ echo \"hi\"\nhi\nuser@host:~/dir$ ls -l 2\ntotal 0", "console"),
                       ["operator:$", "type:echo", "string:\"hi\"", "operator:user@host:~/dir$", "number:2"])
    }

    func testDockerfileInstructionsAndShellArguments() {
        XCTAssertEqual(tokens("FROM alpine:3.19\n# c\nRUN apk add curl && echo \"ok\"", "dockerfile"),
                       ["keyword:FROM", "string:alpine:3.19", "comment:# c", "keyword:RUN", "operator:&&", "type:echo", "string:\"ok\""])
    }

    func testMakefileTargetsVariablesAndRecipes() {
        XCTAssertEqual(tokens("CC := gcc # c\nall: main.o\n\t$(CC) -o app \"x\"\nifeq ($(A),1)", "makefile"),
                       ["operator::=", "comment:# c", "function:all", "operator::", "keyword:$(", "keyword:)", "string:\"x\"",
                        "attribute:ifeq ($(A),1)"])
    }

    // MARK: data and markup

    func testSQLIsCaseInsensitiveWithDoubledQuotes() {
        XCTAssertEqual(tokens("SELECT name FROM t WHERE a = 'it''s' -- c\n/* d */ LIMIT 0x10", "sql"),
                       ["keyword:SELECT", "keyword:FROM", "keyword:WHERE", "operator:=", "string:'it''s'", "comment:-- c\n/* d */",
                        "keyword:LIMIT", "number:0x10"])
    }

    func testJSONKeysValuesAndLiterals() {
        XCTAssertEqual(tokens("{\"a\": \"b\\\"c\", \"n\": -1.5e3, \"t\": true}", "json"),
                       ["operator:{", "keyword:\"a\"", "operator::", "string:\"b\\\"c\"", "operator:,", "keyword:\"n\"", "operator::",
                        "number:-1.5e3", "operator:,", "keyword:\"t\"", "operator::", "keyword:true", "operator:}"])
    }

    func testYAMLKeysScalarsCommentsTagsAndBlockScalars() {
        XCTAssertEqual(tokens("a: 1 # c\nb: !!str \"x\"\nc: |\n  text\n- [d, e]", "yaml"),
                       ["keyword:a", "operator::", "string:1", "comment:# c", "keyword:b", "operator::", "type:!!str", "string:\"x\"",
                        "keyword:c", "operator:: |", "string:text", "operator:- [", "operator:,", "operator:]"])
    }

    func testTOMLTablesStringsNumbersAndDates() {
        XCTAssertEqual(tokens("[server]\nport = 0x1F # c\nname = 'x'\nat = 1979-05-27T07:32:00Z\nok = true", "toml"),
                       ["keyword:[server]", "operator:=", "number:0x1F", "comment:# c", "operator:=", "string:'x'", "operator:=",
                        "number:1979-05-27T07:32:00Z", "operator:=", "keyword:true"])
    }

    func testHTMLTagsAttributesCommentsAndScripts() {
        XCTAssertEqual(tokens("<!-- c --><a href=\"/x\">t</a><script>let n = 1</script>", "html"),
                       ["comment:<!-- c -->", "operator:<", "keyword:a", "attribute:href", "operator:=", "string:\"/x\"", "operator:>", "operator:</",
                        "keyword:a", "operator:><", "keyword:script", "operator:>", "keyword:let", "operator:=", "number:1",
                        "operator:</", "keyword:script", "operator:>"])
    }

    func testXMLDeclarationsAndCDATA() {
        XCTAssertEqual(tokens("<?xml version=\"1.0\"?><r a=\"1\"><![CDATA[x]]></r>", "xml"),
                       ["attribute:<?xml version=\"1.0\"?>", "keyword:<r", "attribute:a=", "string:\"1\"", "keyword:>", "attribute:<![CDATA[",
                        "attribute:]]>", "keyword:</r>"])
    }

    func testCSSSelectorsPropertiesValuesAndUnits() {
        XCTAssertEqual(tokens("@media print { a.note:hover { color: #fff; margin: 0 4px !important } } /* c */", "css"),
                       ["keyword:@media print", "operator:{", "keyword:a", "type:.note", "attribute::hover", "operator:{",
                        "keyword:color", "operator::", "number:#fff", "operator:;", "keyword:margin", "operator::", "number:0 4", "type:px", "attribute:!important", "operator:} }", "comment:/* c */"])
    }

    func testDiffLines() {
        XCTAssertEqual(tokens("--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n same", "diff"),
                       ["comment:--- a/x\n+++ b/x", "attribute:@@ -1 +1 @@", "keyword:-old", "string:+new"])
    }
}
