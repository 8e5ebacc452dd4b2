import WXContent
import XCTest

/// One behaviour per test: each construct of the subset, each implicit type as PyYAML types it,
/// and each rejected input with its `line:col` and the advice in its message.
final class YAMLParserTests: XCTestCase {
    // MARK: - Helpers

    private func value(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> YAMLValue? {
        do {
            return try YAML.parse(text).value
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    /// The value of `key` in a one-document mapping.
    private func field(_ text: String, _ key: String, file: StaticString = #filePath, line: UInt = #line) -> YAMLValue? {
        do {
            let node = try YAML.parse(text)
            guard let found = node[key] else {
                XCTFail("no key \(key) in \(node.value)", file: file, line: line)
                return nil
            }
            return found.value
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    private func assertRejects(_ text: String, at position: String, _ fragments: String..., file: StaticString = #filePath, line: UInt = #line) {
        do {
            let node = try YAML.parse(text)
            XCTFail("expected an error at \(position), parsed \(node.value)", file: file, line: line)
        } catch {
            XCTAssertEqual("\(error.line):\(error.column)", position, error.description, file: file, line: line)
            for fragment in fragments {
                XCTAssertTrue(error.message.contains(fragment), "\"\(error.message)\" lacks \"\(fragment)\"", file: file, line: line)
            }
            XCTAssertTrue(error.description.hasPrefix("\(position): "), file: file, line: line)
        }
    }

    private func texts(_ v: YAMLValue?) -> [String]? {
        guard case .sequence(let items)? = v else { return nil }
        return items.map { $0.value.scalarText ?? "<\($0.value.kindDescription)>" }
    }

    // MARK: - Documents

    func testEmptyDocumentIsNull() {
        XCTAssertEqual(value(""), .null)
    }

    func testCommentOnlyDocumentIsNull() {
        XCTAssertEqual(value("# just a comment\n\n  # another\n"), .null)
    }

    func testDocumentMarkersAtStartAndEndAreAccepted() {
        XCTAssertEqual(field("---\ntitle: t\n...\n", "title"), .string("t"))
    }

    func testLeadingBOMIsSkippedAndNotCountedAsAColumn() throws {
        let node = try YAML.parse("\u{FEFF}title: 标题\n")
        XCTAssertEqual(node["title"]?.value, .string("标题"))
        XCTAssertEqual(node.column, 1)
        XCTAssertEqual(node["title"]?.column, 8)
    }

    func testCRLFLineEndingsAreLineBreaks() throws {
        let node = try YAML.parse("a: 1\r\nb: |\r\n  x\r\n  y\r\nc: z\r\n")
        XCTAssertEqual(node["b"]?.value, .string("x\ny\n"))
        XCTAssertEqual(node["c"]?.line, 5)
    }

    // MARK: - Block collections

    func testBlockMappingKeepsSourceOrderAndLocations() throws {
        let node = try YAML.parse("z: 1\na: 2\nm: 3\n")
        let entries = try XCTUnwrap(node.mappingEntries)
        XCTAssertEqual(entries.map { $0.key.value.scalarText }, ["z", "a", "m"])
        XCTAssertEqual(entries.map { "\($0.value.line):\($0.value.column)" }, ["1:4", "2:4", "3:4"])
    }

    func testColumnsCountUnicodeScalarsNotBytes() throws {
        let node = try YAML.parse("标题: 你好\n表情🚀: x\n")
        XCTAssertEqual(node["标题"]?.column, 5)
        XCTAssertEqual(node["表情🚀"]?.column, 6)
    }

    func testNestedMappingsFollowIndentation() throws {
        let node = try YAML.parse("account:\n  name: n\n  type: service\nappid: wx1\n")
        XCTAssertEqual(node["account"]?["type"]?.value, .string("service"))
        XCTAssertEqual(node["appid"]?.value, .string("wx1"))
    }

    func testEmptyValueIsNullAndLocatedRightAfterTheColon() throws {
        let node = try YAML.parse("layout: post\ntags: \ntitle: t\n")
        XCTAssertEqual(node["tags"]?.value, .null)
        XCTAssertEqual(node["tags"]?.line, 2)
        XCTAssertEqual(node["tags"]?.column, 6)
    }

    func testBlockSequenceUnderKey() {
        XCTAssertEqual(texts(field("tags:\n  - a\n  - b\n", "tags")), ["a", "b"])
    }

    func testSequenceAtTheSameIndentAsItsKey() {
        XCTAssertEqual(texts(field("tags:\n- a\n- b\ntitle: t\n", "tags")), ["a", "b"])
    }

    func testMappingsInsideASequence() throws {
        let node = try YAML.parse("images:\n  - src: a.png\n    alt: A\n  - src: b.png\n")
        let items = try XCTUnwrap(node["images"]?.sequenceItems)
        XCTAssertEqual(items.count, 2)
        XCTAssertEqual(items[0]["alt"]?.value, .string("A"))
        XCTAssertEqual(items[1]["src"]?.value, .string("b.png"))
        XCTAssertEqual(items[0]["alt"]?.column, 10)
    }

    func testNestedSequences() throws {
        let node = try YAML.parse("- - 1\n  - 2\n- - 3\n")
        let outer = try XCTUnwrap(node.sequenceItems)
        XCTAssertEqual(outer[0].sequenceItems?.map(\.value), [.int(1), .int(2)])
        XCTAssertEqual(outer[1].sequenceItems?.map(\.value), [.int(3)])
    }

    func testEmptySequenceItemIsNull() {
        XCTAssertEqual(field("a:\n  -\n  - x\n", "a").flatMap { v -> [YAMLValue]? in
            if case .sequence(let items) = v { return items.map(\.value) } else { return nil }
        }, [.null, .string("x")])
    }

    // MARK: - Flow collections

    func testFlowSequenceWithMixedScalars() throws {
        let node = try YAML.parse("a: [1, two, \"three\", 'four', true, ~]\n")
        XCTAssertEqual(node["a"]?.sequenceItems?.map(\.value), [.int(1), .string("two"), .string("three"), .string("four"), .bool(true), .null])
    }

    func testFlowMappingNestedInAMapping() throws {
        let node = try YAML.parse("account: {type: service, name: 我的号}\n")
        XCTAssertEqual(node["account"]?["type"]?.value, .string("service"))
        XCTAssertEqual(node["account"]?["name"]?.value, .string("我的号"))
    }

    func testFlowMappingKeyWithoutValueIsNull() throws {
        let node = try YAML.parse("{a, b: }\n")
        XCTAssertEqual(node["a"]?.value, .null)
        XCTAssertEqual(node["b"]?.value, .null)
    }

    func testFlowCollectionMaySpanLinesWithComments() {
        XCTAssertEqual(texts(field("tags: [\n  a,  # first\n  \"b\",\n]\n", "tags")), ["a", "b"])
    }

    func testTrailingCommaInFlowSequence() {
        XCTAssertEqual(texts(field("a: [x, y, ]\n", "a")), ["x", "y"])
    }

    func testURLsInsideFlowSequenceKeepColonsAndHashes() {
        XCTAssertEqual(texts(field("a: [http://a.com:80/x#y, b]\n", "a")), ["http://a.com:80/x#y", "b"])
    }

    // MARK: - Plain scalars

    func testHashStartsACommentOnlyAfterASpace() {
        XCTAssertEqual(field("a: C#sharp # note\n", "a"), .string("C#sharp"))
    }

    func testColonWithoutSpaceStaysInThePlainValue() {
        XCTAssertEqual(field("url: https://example.com:8080/a\n", "url"), .string("https://example.com:8080/a"))
    }

    func testMultiLinePlainScalarFoldsLinesIntoSpaces() {
        XCTAssertEqual(field("d: one\n  two\n\n  three\nn: x\n", "d"), .string("one two\nthree"))
    }

    func testTrailingSpacesAreNotPartOfAPlainValue() {
        XCTAssertEqual(field("t: words   \n", "t"), .string("words"))
    }

    // MARK: - Quoted scalars

    func testSingleQuotesDoubleToEscapeAndKeepBackslashes() {
        XCTAssertEqual(field("a: 'it''s \\n'\n", "a"), .string("it's \\n"))
    }

    func testDoubleQuotedEscapes() {
        let text = #"a: "\t\n\\\"\/\0\ \a\b\e\f\v\r\_\N\L\P\x41\u5FAE\U0001F600""# + "\n"
        XCTAssertEqual(field(text, "a"), .string("\t\n\\\"/\0 \u{07}\u{08}\u{1B}\u{0C}\u{0B}\r\u{A0}\u{85}\u{2028}\u{2029}A微😀"))
    }

    func testDoubleQuotedEscapedLineBreakJoinsWithoutSpace() {
        XCTAssertEqual(field("a: \"abc\\\n    def\"\n", "a"), .string("abcdef"))
    }

    func testQuotedScalarFoldsLineBreaks() {
        XCTAssertEqual(field("a: \"one\n  two\n\n  three\"\n", "a"), .string("one two\nthree"))
    }

    func testQuotedValuesAreNeverTyped() {
        XCTAssertEqual(field("a: \"yes\"\n", "a"), .string("yes"))
        XCTAssertEqual(field("a: '2013-08-05'\n", "a"), .string("2013-08-05"))
        XCTAssertEqual(field("a: \"10:30\"\n", "a"), .string("10:30"))
    }

    func testTabsInsideQuotesAreKept() {
        XCTAssertEqual(field("a: \"x\ty\"\n", "a"), .string("x\ty"))
    }

    // MARK: - Block scalars

    func testLiteralBlockKeepsLinesAndIndentation() {
        XCTAssertEqual(field("c: |\n  a\n    b\n\n  c\nn: 1\n", "c"), .string("a\n  b\n\nc\n"))
    }

    func testFoldedBlockJoinsLinesButKeepsParagraphsAndIndentedLines() {
        XCTAssertEqual(field("d: >\n  one\n  two\n\n  three\n    code\n  four\n", "d"), .string("one two\nthree\n  code\nfour\n"))
    }

    func testChompingStripClipKeep() throws {
        let node = try YAML.parse("s: |-\n  t\n\nc: |\n  t\n\nk: |+\n  t\n\ne: 1\n")
        XCTAssertEqual(node["s"]?.value, .string("t"))
        XCTAssertEqual(node["c"]?.value, .string("t\n"))
        XCTAssertEqual(node["k"]?.value, .string("t\n\n"))
    }

    func testExplicitIndentationIndicatorKeepsLeadingSpaces() {
        XCTAssertEqual(field("c: |2\n    four\n  two\n", "c"), .string("  four\ntwo\n"))
    }

    func testBlockScalarHeaderMayCarryAComment() {
        XCTAssertEqual(field("c: | # why\n  x\n", "c"), .string("x\n"))
    }

    func testEmptyBlockScalarIsEmptyText() {
        XCTAssertEqual(field("c: |\nn: 1\n", "c"), .string(""))
    }

    // MARK: - Implicit types (PyYAML's YAML 1.1 resolver)

    func testYAML11BooleanForms() {
        for word in ["yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"] {
            XCTAssertEqual(field("a: \(word)\n", "a"), .bool(true), word)
        }
        for word in ["no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"] {
            XCTAssertEqual(field("a: \(word)\n", "a"), .bool(false), word)
        }
    }

    func testSingleLettersAndMixedCaseAreNotBooleans() {
        for word in ["y", "n", "Y", "N", "yES", "oN"] {
            XCTAssertEqual(field("a: \(word)\n", "a"), .string(word), word)
        }
    }

    func testNullForms() {
        for word in ["~", "null", "Null", "NULL", ""] {
            XCTAssertEqual(field("a: \(word)\n", "a"), .null, word)
        }
        XCTAssertEqual(field("a: nULL\n", "a"), .string("nULL"))
    }

    func testIntegers() {
        let cases: [(String, Int)] = [("0", 0), ("42", 42), ("-17", -17), ("+5", 5), ("1_000", 1000), ("0x1F", 31), ("-0x10", -16), ("0b1010", 10), ("9223372036854775807", Int.max), ("-9223372036854775808", Int.min), ("-0", 0)]
        for (text, expected) in cases {
            XCTAssertEqual(field("a: \(text)\n", "a"), .int(expected), text)
        }
    }

    func testFloatsNeedADotAsInPyYAML() {
        XCTAssertEqual(field("a: 3.25\n", "a"), .float(3.25))
        XCTAssertEqual(field("a: 1.e+3\n", "a"), .float(1000))
        XCTAssertEqual(field("a: .5\n", "a"), .float(0.5))
        XCTAssertEqual(field("a: 1_000.5\n", "a"), .float(1000.5))
        XCTAssertEqual(field("a: -.inf\n", "a"), .float(-.infinity))
        XCTAssertEqual(field("a: 1e3\n", "a"), .string("1e3"))
        XCTAssertEqual(field("a: 1.0e3\n", "a"), .string("1.0e3"))
        XCTAssertEqual(field("a: -.5\n", "a"), .string("-.5"))
        guard case .float(let nan)? = field("a: .NaN\n", "a") else { return XCTFail("not a float") }
        XCTAssertTrue(nan.isNaN)
    }

    func testNumberLookalikesStayText() {
        for text in ["1.2.3", "0o17", "08", "0xZZ", "+86 138", "1e3", "0b"] {
            XCTAssertEqual(field("a: \(text)\n", "a"), .string(text), text)
        }
    }

    func testDateOnlyIsADate() {
        XCTAssertEqual(field("d: 2013-08-05\n", "d"), .date(year: 2013, month: 8, day: 5))
    }

    func testDateWithoutZeroPaddingIsText() {
        XCTAssertEqual(field("d: 2013-8-5\n", "d"), .string("2013-8-5"))
    }

    func testDateTimeWithoutOffsetHasNoOffset() {
        XCTAssertEqual(field("d: 2013-08-05 10:00:00\n", "d"), .dateTime(YAMLDateTime(year: 2013, month: 8, day: 5, hour: 10, minute: 0, second: 0, utcOffsetSeconds: nil)))
    }

    func testDateTimeForms() {
        XCTAssertEqual(field("d: 2013-08-05T10:00:00.25Z\n", "d"), .dateTime(YAMLDateTime(year: 2013, month: 8, day: 5, hour: 10, minute: 0, second: 0, nanosecond: 250_000_000, utcOffsetSeconds: 0)))
        XCTAssertEqual(field("d: 2013-08-05 10:00:00 +08:00\n", "d"), .dateTime(YAMLDateTime(year: 2013, month: 8, day: 5, hour: 10, minute: 0, second: 0, utcOffsetSeconds: 28800)))
        XCTAssertEqual(field("d: 2013-8-5 9:05:00 -5:30\n", "d"), .dateTime(YAMLDateTime(year: 2013, month: 8, day: 5, hour: 9, minute: 5, second: 0, utcOffsetSeconds: -19800)))
        XCTAssertEqual(field("d: 2013-08-05T10:00:00+8\n", "d"), .dateTime(YAMLDateTime(year: 2013, month: 8, day: 5, hour: 10, minute: 0, second: 0, utcOffsetSeconds: 28800)))
    }

    func testDateTimeWithoutSecondsIsText() {
        XCTAssertEqual(field("d: 2024-05-01 08:00\n", "d"), .string("2024-05-01 08:00"))
    }

    func testKeysAreTypedLikeValues() throws {
        let node = try YAML.parse("yes: a\n2: b\n\"yes\": c\n")
        XCTAssertEqual(node.mappingEntries?.map(\.key.value), [.bool(true), .int(2), .string("yes")])
    }

    // MARK: - Rejected input

    func testAnchorIsRejected() {
        assertRejects("a: &x 1\n", at: "1:4", "anchors", "repeat the value")
    }

    func testAliasIsRejected() {
        assertRejects("a: 1\nb: *x\n", at: "2:4", "aliases")
    }

    func testTagIsRejected() {
        assertRejects("a: !!str 1\n", at: "1:4", "tags", "remove the tag")
    }

    func testMergeKeyIsRejected() {
        assertRejects("a:\n  <<: {b: 1}\n", at: "2:3", "merge keys", "write the keys out")
    }

    func testComplexKeyIsRejected() {
        assertRejects("? a\n: b\n", at: "1:1", "complex keys")
    }

    func testFlowCollectionAsKeyIsRejected() {
        assertRejects("[a, b]: c\n", at: "1:1", "complex key")
    }

    func testSecondDocumentIsRejected() {
        assertRejects("a: 1\n---\nb: 2\n", at: "2:1", "second YAML document", "only one document")
    }

    func testEndMarkerWithoutADocumentIsRejected() {
        assertRejects("\n...\n", at: "2:1", "never started")
    }

    func testTextAfterEndMarkerIsRejected() {
        assertRejects("a: 1\n...\nb: 2\n", at: "3:1", "after the end-of-document marker")
    }

    func testDirectiveIsRejected() {
        assertRejects("%YAML 1.1\n---\na: 1\n", at: "1:1", "directives", "delete this line")
    }

    func testTabIndentationIsRejected() {
        assertRejects("a:\n\tb: 1\n", at: "2:1", "tab is used for indentation", "Replace the tab with spaces")
    }

    func testTabBetweenValuesIsRejected() {
        assertRejects("a: x\ty\n", at: "1:5", "tab separates values", "quote the value")
    }

    func testDuplicateKeyNamesBothPlaces() {
        assertRejects("title: a\nx: 1\ntitle: b\n", at: "3:1", "duplicate key 'title'", "first at line 1, column 1", "Remove or rename")
    }

    func testDuplicateKeysCompareLikePythonDictKeys() {
        assertRejects("1: a\ntrue: b\n", at: "2:1", "duplicate key true")
    }

    func testDuplicateKeyInNestedMapping() {
        assertRejects("a:\n  b: 1\n  b: 2\n", at: "3:3", "duplicate key 'b'")
    }

    func testSameKeyInDifferentMappingsIsFine() {
        XCTAssertNotNil(value("a:\n  name: 1\nb:\n  name: 2\n"))
    }

    func testOverIndentedKeyIsRejected() {
        assertRejects("a:\n    b: 1\n  c: 2\n", at: "3:3", "bad indentation")
    }

    func testKeyIndentedUnderAValueIsRejected() {
        assertRejects("a: 1\n  b: 2\n", at: "2:4", "continuation line", "Align this key")
    }

    func testUnterminatedDoubleQuoteIsReportedWhereItOpens() {
        assertRejects("a: \"open\nb: 1\n", at: "1:4", "unterminated double-quoted string", "add the closing \"")
    }

    func testUnterminatedSingleQuoteIsReportedWhereItOpens() {
        assertRejects("a: 'open\n", at: "1:4", "unterminated single-quoted string")
    }

    func testUnclosedFlowSequenceIsRejected() {
        assertRejects("a: [x, y\n", at: "1:4", "never closed", "add the matching ']'")
    }

    func testColonSpaceInsidePlainValueIsRejected() {
        assertRejects("title: Vim: tips\n", at: "1:11", "quote the value")
    }

    func testSequenceOnTheKeyLineIsRejected() {
        assertRejects("tags: - a\n", at: "1:7", "list cannot start on the same line")
    }

    func testTextAfterClosingQuoteIsRejected() {
        assertRejects("a: \"x\" y\n", at: "1:8", "unexpected text after the closing quote")
    }

    func testLineWithoutColonInAMappingIsRejected() {
        assertRejects("a: 1\njust text\n", at: "2:1", "has no ': '")
    }

    func testKeyAndColonOnDifferentLinesAreRejected() {
        assertRejects("title\n: x\n", at: "2:1", "must be on the same line")
    }

    func testUnknownEscapeIsRejected() {
        assertRejects("a: \"\\q\"\n", at: "1:6", "unknown escape '\\q'")
    }

    func testSurrogateEscapeIsRejected() {
        assertRejects("a: \"\\uD800\"\n", at: "1:5", "not a Unicode scalar")
    }

    func testShortHexEscapeIsRejected() {
        assertRejects("a: \"\\x4\"\n", at: "1:8", "expected 2 hexadecimal digits")
    }

    func testSexagesimalNumberIsRejectedWithQuotingAdvice() {
        assertRejects("time: 10:30\n", at: "1:7", "base-60", "quote it")
    }

    func testLeadingZeroOctalIsRejectedWithQuotingAdvice() {
        assertRejects("zip: 0755\n", at: "1:6", "octal", "quote it")
    }

    func testImpossibleDateIsRejected() {
        assertRejects("d: 2023-02-29\n", at: "1:4", "not a valid calendar date")
    }

    func testOutOfRangeTimeIsRejected() {
        assertRejects("d: 2023-02-01 24:00:00\n", at: "1:4", "time is out of range")
    }

    func testIntegerOverflowIsRejected() {
        assertRejects("n: 9223372036854775808\n", at: "1:4", "64-bit")
    }

    func testControlCharacterIsRejected() {
        assertRejects("a: x\u{1B}y\n", at: "1:5", "control character U+001B")
    }

    func testUnicodeLineSeparatorIsRejected() {
        assertRejects("a: x\u{2028}y\n", at: "1:5", "U+2028")
    }

    func testBlockIndicatorWithTrailingTextIsRejected() {
        assertRejects("a: |x\n  y\n", at: "1:5", "put the text on the next lines")
    }

    func testZeroIndentationIndicatorIsRejected() {
        assertRejects("a: |0\n  y\n", at: "1:5", "1-9")
    }

    func testPairInsideFlowSequenceIsRejected() {
        assertRejects("a: [b: c]\n", at: "1:6", "write it as a mapping")
    }

    func testQuestionMarkInsideFlowIsRejected() {
        assertRejects("a: [why?]\n", at: "1:8", "must be quoted")
    }

    func testExcessiveNestingIsRejectedNotACrash() {
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        assertRejects(deep, at: "1:200", "nesting is deeper")
    }

    func testCommentWithoutSpaceAfterQuoteIsRejected() {
        assertRejects("a: 'x'#c\n", at: "1:7", "put a space before '#'")
    }
}
