import XCTest

@testable import WXSupport

/// Whole blocks go through the processor's SHA instructions where it has them: both ways give
/// the same digests (the known answers in SHA256Tests run the instructions on such a machine).
final class SHA256InstructionsTests: XCTestCase {
    func digest(_ bytes: [UInt8], instructions: Bool, split: Int? = nil) -> String {
        var hasher = SHA256(usingInstructions: instructions)
        if let split {
            hasher.update(bytes[..<split])
            hasher.update(bytes[split...])
        } else {
            hasher.update(bytes)
        }
        return hasher.finalize().hexString
    }

    func testTheInstructionsAreUsedWhereTheProcessorListsThem() throws {
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { throw XCTSkip("no /proc/cpuinfo") }
        XCTAssertEqual(SHA256.hasInstructions, cpuinfo.contains(" sha_ni"))
    }

    func testThePortableRoundsGiveTheKnownAnswers() {
        XCTAssertEqual(digest(Array("abc".utf8), instructions: false), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(digest([UInt8](repeating: 0x61, count: 1_000_000), instructions: false),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testInstructionsAndPortableRoundsAgreeOnEveryLengthAndSplit() {
        let data = (0..<1100).map { UInt8(truncatingIfNeeded: $0 &* 167 &+ $0 >> 3) }
        for length in [0, 1, 55, 56, 63, 64, 65, 127, 128, 129, 191, 640, 1100] {
            let bytes = Array(data[..<length])
            for split in Set([0, length / 3, length / 2, length]) {
                XCTAssertEqual(digest(bytes, instructions: true, split: split), digest(bytes, instructions: false, split: split),
                               "length \(length), split \(split)")
            }
        }
    }
}
