import WXTestSupport
import XCTest
import WXSupport

/// Known-answer vectors from FIPS 180-4 / NIST, plus the block-boundary lengths where padding is easiest to get wrong.
final class SHA256Tests: XCTestCase {
    func testEmptyInput() {
        XCTAssertEqual(SHA256.hex([UInt8]()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testABC() {
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testTwoBlockMessage() {
        XCTAssertEqual(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testMillionAs() {
        XCTAssertEqual(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testIncrementalUpdatesMatchOneShot() {
        let data = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        for split in [0, 1, 55, 56, 63, 64, 65, 127, 999] {
            var hasher = SHA256()
            hasher.update(data[..<split])
            hasher.update(data[split...])
            XCTAssertEqual(hasher.finalize().hexString, SHA256.hex(data), "split at \(split)")
        }
    }

    func testAgreesWithSha256sumAroundPaddingBoundaries() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum") else { throw XCTSkip("sha256sum not installed") }
        for length in [55, 56, 57, 63, 64, 65, 119, 120] {
            let bytes = [UInt8](repeating: 0x5A, count: length)
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(length)-\(UUID().uuidString)")
            try Data(bytes).write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            let output = try XCTUnwrap(OracleProcess.run(["/usr/bin/sha256sum", url.path])).output
            XCTAssertEqual(String(output.prefix(64)), SHA256.hex(bytes), "length \(length)")
        }
    }
}
