import Foundation
import WXSupport

/// Prints diagnostics the way compilers do: `path:line:col: error: message`, the source line,
/// a caret under the column, and the fix. `--format github` prints workflow annotations instead.
struct DiagnosticPrinter {
    let console: Console
    /// Folder that diagnostic paths are relative to.
    let root: URL
    private var sources: [String: [Substring]] = [:]

    init(console: Console, root: URL) {
        self.console = console
        self.root = root
    }

    mutating func print(_ diagnostic: Diagnostic) {
        switch console.diagnosticFormat {
        case .github:
            let level = diagnostic.severity == .error ? "error" : "warning"
            var message = diagnostic.message
            if let fix = diagnostic.fix { message += " — fix: \(fix)" }
            let title = diagnostic.rule.map { ",title=\($0)" } ?? ""
            console.err("::\(level) file=\(escapeProperty(diagnostic.location.file)),line=\(diagnostic.location.line),col=\(diagnostic.location.column)\(title)::\(escapeData(message))")
        case .text:
            var text = "\(diagnostic.location): \(diagnostic.severity.rawValue): \(diagnostic.message)"
            if let rule = diagnostic.rule { text += " [\(rule)]" }
            if let line = sourceLine(diagnostic.location) {
                let lineText = String(line)
                text += "\n  \(lineText)\n  " + caretPadding(lineText, column: diagnostic.location.column) + "^"
            }
            if let fix = diagnostic.fix { text += "\n  fix: \(fix)" }
            console.err(text)
        }
    }

    mutating func print(_ diagnostics: [Diagnostic]) {
        for d in diagnostics { print(d) }
    }

    private mutating func sourceLine(_ location: SourceLocation) -> Substring? {
        if sources[location.file] == nil {
            let url = location.file.hasPrefix("/") ? URL(fileURLWithPath: location.file) : root.appendingPathComponent(location.file)
            // Never quote a line of a file outside the site (a post linked to /etc/passwd).
            guard SiteContainment.isInside(url, root: root), let data = FileManager.default.contents(atPath: url.path), data.count < 4_000_000,
                  let text = String(data: data, encoding: .utf8) else { return nil }
            sources[location.file] = text.split(separator: "\n", omittingEmptySubsequences: false)
        }
        guard let lines = sources[location.file], location.line >= 1, location.line <= lines.count else { return nil }
        var line = lines[location.line - 1]
        if line.hasSuffix("\r") { line = line.dropLast() }
        return line.count > 200 ? nil : line
    }

    /// Wide (CJK) characters take two terminal cells; tabs are kept so the caret lines up.
    private func caretPadding(_ line: String, column: Int) -> String {
        var pad = ""
        for (i, scalar) in line.unicodeScalars.enumerated() where i < column - 1 {
            if scalar == "\t" { pad += "\t" } else if scalar.properties.isEmojiPresentation || isWide(scalar) { pad += "  " } else { pad += " " }
        }
        return pad
    }

    private func isWide(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6: return true
        default: return false
        }
    }

    private func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    private func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
