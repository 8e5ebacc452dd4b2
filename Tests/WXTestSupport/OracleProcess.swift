import Foundation

/// Runs an outside oracle (python3 with PyYAML, css-inline or wechatpy; the cmark and sha256sum
/// tools) for the differential tests. Returns nil when the program cannot be started at all,
/// so a test can skip with a one-line message instead of failing on a machine without it.
public enum OracleProcess {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: Data

        public var output: String { String(decoding: stdout, as: UTF8.self) }
        public var errors: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// `arguments[0]` is looked up on PATH (through /usr/bin/env) unless it is an absolute path.
    public static func run(_ arguments: [String], input: Data? = nil) -> Result? {
        guard let first = arguments.first else { return nil }
        let process = Process()
        if first.hasPrefix("/") {
            process.executableURL = URL(fileURLWithPath: first)
            process.arguments = Array(arguments.dropFirst())
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
        }
        let stdout = Pipe()
        let stderr = Pipe()
        let stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        do { try process.run() } catch { return nil }
        if let input {
            // Feed stdin from another thread so a chatty child cannot deadlock on a full pipe.
            let writer = stdin.fileHandleForWriting
            Thread.detachNewThread {
                writer.write(input)
                try? writer.close()
            }
        }
        // Drain stderr concurrently for the same reason.
        final class Box: @unchecked Sendable { var data = Data() }
        let errors = Box()
        let drained = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            errors.data = stderr.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: out, stderr: errors.data)
    }

    /// Whether `python3 -c "import <modules>"` works here.
    public static func pythonHas(_ modules: String...) -> Bool {
        run(["python3", "-c", "import " + modules.joined(separator: ", ")])?.status == 0
    }
}
