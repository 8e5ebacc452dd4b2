/// Entry point of the TOML-subset reader for Hugo-style front matter (between `+++` lines).
///
/// A document is read into the same `YAMLNode` values the YAML reader produces, so every field
/// reader, alias and located diagnostic works unchanged: tables become mappings (keys in the
/// order they were first written), arrays become sequences, dates and date-times keep their
/// offset (or its absence). Types follow TOML 1.0 as Python's `tomllib` reads it, with two
/// deliberate differences, both rejected at their `line:column` with what to write instead:
/// arrays of tables (`[[name]]`) and times without a date (`08:30:00`) have no use in front matter;
/// integers beyond 64 bits, and nesting or dotted keys deeper than 64 levels (a runaway `[[[…` must
/// be an error, never a stack overflow), are rejected where `tomllib` keeps them.
public enum TOML {
    /// Parses one TOML document. Lines and columns are 1-based within `text`, columns counted in
    /// Unicode scalars. An empty or comment-only document is an empty mapping.
    public static func parse(_ text: String) throws(TOMLError) -> YAMLNode {
        var parser = TOMLParser(text)
        return try parser.parseDocument()
    }
}

/// Why a TOML text was rejected: outside the supported subset, or malformed.
public struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(line):\(column): \(message)" }
}
