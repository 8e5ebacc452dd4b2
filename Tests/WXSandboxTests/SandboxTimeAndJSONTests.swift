import Foundation
import WXSandbox
import XCTest

/// Beijing calendar windows, ISO 8601 parsing and the JSON reader the sandbox uses.
final class SandboxTimeTests: XCTestCase {
    func date(_ text: String) -> Date { SandboxTime.parseISO8601(text)! }

    func testBeijingDayChangesAtMidnightUTCPlusEight() {
        XCTAssertEqual(SandboxTime.beijingDay(date("2026-03-10T23:59:59+08:00")) + 1, SandboxTime.beijingDay(date("2026-03-11T00:00:00+08:00")))
        XCTAssertEqual(SandboxTime.beijingDay(date("2026-03-10T15:59:59Z")), SandboxTime.beijingDay(date("2026-03-10T00:00:00+08:00")))
        XCTAssertEqual(SandboxTime.beijingDay(date("2026-03-10T16:00:00Z")), SandboxTime.beijingDay(date("2026-03-11T00:00:00+08:00")))
    }

    func testBeijingMonthChangesAtTheEndOfTheMonthIncludingLeapFebruary() {
        XCTAssertEqual(SandboxTime.beijingMonth(date("2028-02-29T23:59:59+08:00")) + 1, SandboxTime.beijingMonth(date("2028-03-01T00:00:00+08:00")))
        XCTAssertEqual(SandboxTime.beijingMonth(date("2026-12-31T23:59:59+08:00")) + 1, SandboxTime.beijingMonth(date("2027-01-01T00:00:00+08:00")))
        XCTAssertEqual(SandboxTime.beijingMonth(date("2026-01-31T16:00:00Z")), SandboxTime.beijingMonth(date("2026-02-01T00:00:00+08:00")))
    }

    func testParsesOffsetsFractionsAndBeijingTimeWhenNoOffsetIsGiven() {
        XCTAssertEqual(date("2026-03-10T10:00:00Z").timeIntervalSince1970, 1_773_136_800)
        XCTAssertEqual(date("2026-03-10T18:00:00+08:00"), date("2026-03-10T10:00:00Z"))
        XCTAssertEqual(date("2026-03-10T05:00:00-0500"), date("2026-03-10T10:00:00Z"))
        XCTAssertEqual(date("2026-03-10T18:00:00"), date("2026-03-10T10:00:00Z"))
        XCTAssertEqual(date("2026-03-10T10:00:00.25Z").timeIntervalSince1970, 1_773_136_800.25)
        for bad in ["2026-03-10", "2026-13-01T00:00:00Z", "2026-03-10T10:00:00+8", "yesterday", "2026-03-10T10:00:00Zjunk"] {
            XCTAssertNil(SandboxTime.parseISO8601(bad), bad)
        }
    }

    func testFormatsUTCWithZ() {
        XCTAssertEqual(SandboxTime.iso8601(date("2026-04-01T00:00:00+08:00")), "2026-03-31T16:00:00Z")
    }
}

final class JSONValueTests: XCTestCase {
    func testKeepsKeyOrderAndWritesNonASCIILiterally() throws {
        let value = try JSONValue.parse(Data(#"{"b":1,"a":"星标组","c":[true,null,1.5,"x\"y"]}"#.utf8))
        XCTAssertEqual(value.text, #"{"b":1,"a":"星标组","c":[true,null,1.5,"x\"y"]}"#)
    }

    func testNotesEscapedNonASCIIButNotEscapedASCII() throws {
        var notes = JSONValue.ParseNotes()
        _ = try JSONValue.parse(Data(#"{"a":"\u0041\n"}"#.utf8), notes: &notes)
        XCTAssertFalse(notes.escapedNonASCII)
        XCTAssertEqual(try JSONValue.parse(Data(#"{"a":"\u6d4b\ud83d\ude00"}"#.utf8), notes: &notes)["a"], "测😀")
        XCTAssertTrue(notes.escapedNonASCII)
    }

    func testRejectsMalformedInput() {
        for bad in ["", "{", #"{"a":}"#, "[1,]", #"{"a":1} x"#, #""\ud800""#, "01x", String(repeating: "[", count: 100) + String(repeating: "]", count: 100)] {
            XCTAssertThrowsError(try JSONValue.parse(Data(bad.utf8)), bad)
        }
    }

    func testReadsNumbersSentAsStrings() throws {
        let v = try JSONValue.parse(Data(#"{"msg_id":"1000000001","flag":1}"#.utf8))
        XCTAssertEqual(v["msg_id"]?.intValue, 1_000_000_001)
        XCTAssertEqual(v["flag"]?.boolValue, true)
    }
}
