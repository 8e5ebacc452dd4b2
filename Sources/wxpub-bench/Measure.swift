import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Timing and memory readings. Times are monotonic nanoseconds; a figure is the best of several
/// rounds, because on a shared machine every disturbance only ever makes a round slower.
enum Measure {
    static func nanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Runs `body` once and returns its wall time in seconds.
    @discardableResult
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = nanoseconds()
        try body()
        return Double(nanoseconds() - start) / 1e9
    }

    static func seconds(_ body: () async throws -> Void) async rethrows -> Double {
        let start = nanoseconds()
        try await body()
        return Double(nanoseconds() - start) / 1e9
    }

    /// Peak resident set size of this process so far, in KiB (`ru_maxrss` is KiB on Linux).
    ///
    /// On Linux the peak survives `exec` when the process was started with `vfork`/`posix_spawn`
    /// (as Foundation's `Process` and Python's `subprocess` do): the child then reports at least
    /// its parent's peak. `MemoryBench` therefore starts its children through `/bin/sh`, which
    /// forks them, so their peak starts from the shell's few hundred KiB.
    static func peakRSSKiB() -> Int {
        var usage = rusage()
        #if os(Linux)
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        return Int(usage.ru_maxrss)
    }
}

/// Best and median of a few rounds.
struct Samples {
    private(set) var values: [Double] = []

    mutating func add(_ value: Double) { values.append(value) }

    var best: Double { values.min() ?? .nan }
    var median: Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}

/// Figures as text for the table.
enum Format {
    static func fixed(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
    static func ratio(_ value: Double) -> String { String(format: value >= 10 ? "%.1f×" : "%.2f×", value) }
    static func millis(_ seconds: Double) -> String { String(format: seconds >= 1 ? "%.2f s" : "%.1f ms", seconds >= 1 ? seconds : seconds * 1000) }
    static func mbps(bytes: Int, seconds: Double) -> String { String(format: "%.1f MB/s", Double(bytes) / 1e6 / seconds) }
    static func mib(_ kib: Int) -> String { String(format: "%.1f MiB", Double(kib) / 1024) }
    static func mb(_ bytes: Int) -> String { String(format: "%.2f MB", Double(bytes) / 1e6) }
}

/// A Markdown table printed as the run goes and collected for the summary.
struct Table {
    var title: String
    var header: [String]
    var rows: [[String]] = []
    var footnote: String?

    init(_ title: String, _ header: [String]) {
        self.title = title
        self.header = header
    }

    var markdown: String {
        var out = "### \(title)\n\n"
        out += "| " + header.joined(separator: " | ") + " |\n"
        out += "|" + header.map { _ in "---" }.joined(separator: "|") + "|\n"
        for row in rows { out += "| " + row.joined(separator: " | ") + " |\n" }
        if let footnote { out += "\n" + footnote + "\n" }
        return out
    }
}
