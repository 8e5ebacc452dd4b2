import CSHA256
import Foundation

/// SHA-256 (FIPS 180-4). Foundation on Linux has no digest API and the design card allows no
/// packages, so the content-addressed media cache and the clientmsgid derivation use this.
/// Whole blocks go through the processor's SHA instructions where it has them (`CSHA256`), else
/// through the rounds below.
public struct SHA256: Sendable {
    /// Whether this processor has the SHA instructions.
    static let hasInstructions = csha256_accelerated() != 0
    /// Whether this hasher uses them (tests check the portable rounds with false).
    private let instructions: Bool

    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0

    /// The round constants, from the C target (one table for both kinds of rounds).
    private static let k: [UInt32] = withUnsafeBytes(of: csha256_round_constants) { Array($0.bindMemory(to: UInt32.self)) }

    public init() { instructions = Self.hasInstructions }

    init(usingInstructions: Bool) { instructions = usingInstructions && Self.hasInstructions }

    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        // Contiguous input (Data, [UInt8], slices) is hashed in place; anything else is copied once.
        if let done: Void = bytes.withContiguousStorageIfAvailable({ update(buffer: $0) }) { return done }
        Array(bytes).withUnsafeBufferPointer { update(buffer: $0) }
    }

    public mutating func update(_ data: Data) {
        data.withUnsafeBytes { raw in update(buffer: raw.bindMemory(to: UInt8.self)) }
    }

    private mutating func update(buffer input: UnsafeBufferPointer<UInt8>) {
        length &+= UInt64(input.count)
        var offset = 0
        if !buffer.isEmpty {
            let take = min(64 - buffer.count, input.count)
            buffer.append(contentsOf: input[0..<take])
            offset = take
            if buffer.count == 64 {
                let block = buffer
                block.withUnsafeBufferPointer { compress($0, at: 0) }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if input.count - offset >= 64, instructions {
            let blocks = (input.count - offset) / 64
            withUnsafeMutableBytes(of: &state) { words in
                csha256_blocks(words.baseAddress!.assumingMemoryBound(to: UInt32.self), input.baseAddress! + offset, blocks)
            }
            offset += blocks * 64
        }
        if input.count - offset >= 64 {
            // One schedule buffer and one look at the constants for all the blocks.
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                SHA256.k.withUnsafeBufferPointer { k in
                    while input.count - offset >= 64 {
                        compress(input, at: offset, schedule: w, k: k)
                        offset += 64
                    }
                }
            }
        }
        if offset < input.count { buffer.append(contentsOf: input[offset...]) }
    }

    public mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        var tail: [UInt8] = [0x80]
        let padding = (55 &- buffer.count) & 63
        tail.append(contentsOf: repeatElement(0, count: padding))
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        let savedLength = length
        update(tail)
        length = savedLength
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for word in [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7] {
            out.append(UInt8(truncatingIfNeeded: word >> 24))
            out.append(UInt8(truncatingIfNeeded: word >> 16))
            out.append(UInt8(truncatingIfNeeded: word >> 8))
            out.append(UInt8(truncatingIfNeeded: word))
        }
        return out
    }

    private mutating func compress(_ block: UnsafeBufferPointer<UInt8>, at base: Int) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            SHA256.k.withUnsafeBufferPointer { k in compress(block, at: base, schedule: w, k: k) }
        }
    }

    private mutating func compress(
        _ block: UnsafeBufferPointer<UInt8>, at base: Int, schedule w: UnsafeMutableBufferPointer<UInt32>, k: UnsafeBufferPointer<UInt32>
    ) {
        for i in 0..<16 {
            let j = base + i * 4
            w[i] = UInt32(block[j]) &<< 24 | UInt32(block[j + 1]) &<< 16 | UInt32(block[j + 2]) &<< 8 | UInt32(block[j + 3])
        }
        for i in 16..<64 {
            let s0 = w[i - 15].rotr(7) ^ w[i - 15].rotr(18) ^ (w[i - 15] &>> 3)
            let s1 = w[i - 2].rotr(17) ^ w[i - 2].rotr(19) ^ (w[i - 2] &>> 10)
            w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
        }
        var (a, b, c, d, e, f, g, h) = state
        for i in 0..<64 {
            let s1 = e.rotr(6) ^ e.rotr(11) ^ e.rotr(25)
            let ch = (e & f) ^ (~e & g)
            let t1 = h &+ s1 &+ ch &+ k[i] &+ w[i]
            let s0 = a.rotr(2) ^ a.rotr(13) ^ a.rotr(22)
            let maj = (a & b) ^ (a & c) ^ (b & c)
            let t2 = s0 &+ maj
            h = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ t2
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h)
    }

    /// Lower-case hex digest of `bytes`.
    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize().hexString
    }

    public static func hex(_ data: Data) -> String {
        var hasher = SHA256()
        hasher.update(data)
        return hasher.finalize().hexString
    }
}

extension UInt32 {
    @inline(__always) fileprivate func rotr(_ n: UInt32) -> UInt32 { (self &>> n) | (self &<< (32 &- n)) }
}

extension Sequence where Element == UInt8 {
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
