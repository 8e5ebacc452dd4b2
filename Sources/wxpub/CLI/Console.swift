import Foundation
import WXSupport

/// Where the CLI writes: results on stdout, diagnostics and progress on stderr.
/// Everything that leaves through here is redacted first.
final class Console: @unchecked Sendable {
    enum DiagnosticFormat: String { case text, github }

    private let lock = NSLock()
    var diagnosticFormat: DiagnosticFormat = .text
    let isTerminal: Bool

    init() { isTerminal = isatty(STDERR_FILENO) == 1 }

    func out(_ text: String) { write(text + "\n", to: FileHandle.standardOutput) }
    func err(_ text: String, newline: Bool = true) { write(text + (newline ? "\n" : ""), to: FileHandle.standardError) }

    /// A progress line that rewrites itself on a terminal and is silent elsewhere.
    func progress(_ text: String) {
        guard isTerminal else { return }
        write("\r\u{1B}[K" + text, to: FileHandle.standardError)
    }

    func endProgress() {
        guard isTerminal else { return }
        write("\r\u{1B}[K", to: FileHandle.standardError)
    }

    private func write(_ text: String, to handle: FileHandle) {
        lock.lock()
        defer { lock.unlock() }
        handle.write(Data(Redaction.redact(text).utf8))
    }
}
