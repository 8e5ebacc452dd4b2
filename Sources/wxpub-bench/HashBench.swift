import Foundation
import WXSupport

/// `WXSupport.SHA256.hex` — which compile runs over every image of every post, and publish again
/// before each upload — against coreutils `sha256sum` (portable C, no SHA CPU extensions) on the
/// same file in the same run. The baseline is a child process; on 32 MB its start-up is noise.
enum HashBench {
    struct Figures {
        var bytes: Int
        var swift: Samples
        var sha256sum: Samples
        var ratio: Double { swift.best / sha256sum.best }
    }

    /// Nil when `sha256sum` is not installed.
    static func run(work: URL, megabytes: Int = 32, rounds: Int) throws -> Figures? {
        let tool = ["/usr/bin/sha256sum", "/bin/sha256sum"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let tool else { return nil }
        var rng = SplitMix64(seed: 0xD16E57)
        var bytes = [UInt8]()
        bytes.reserveCapacity(megabytes << 20)
        while bytes.count < megabytes << 20 {
            let word = rng.next()
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        let file = work.appendingPathComponent("hash-input.bin")
        let data = Data(bytes)
        try data.write(to: file)
        bytes = []

        func external() throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = [file.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let out = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: out, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
        }
        // Correctness first: a fast wrong digest would be no baseline at all.
        let expected = try external()
        guard SHA256.hex(data) == expected else { throw BenchError("SHA256.hex disagrees with \(tool) on \(file.path)") }
        var figures = Figures(bytes: data.count, swift: Samples(), sha256sum: Samples())
        var digest = ""
        for round in 0..<rounds {
            let ours = { figures.swift.add(Measure.seconds { digest = SHA256.hex(data) }) }
            let theirs = { figures.sha256sum.add(try Measure.seconds { _ = try external() }) }
            if round % 2 == 0 { ours(); try theirs() } else { try theirs(); ours() }
        }
        precondition(digest == expected)
        try? FileManager.default.removeItem(at: file)
        return figures
    }
}
