/// A parsed YAML value with the place it was written (1-based line and column within the text
/// given to the parser; callers add the offset of the front matter block).
public struct YAMLNode: Sendable, Equatable {
    public var value: YAMLValue
    public var line: Int
    public var column: Int

    public init(_ value: YAMLValue, line: Int, column: Int) {
        self.value = value
        self.line = line
        self.column = column
    }
}

/// The subset of YAML that front matter and `wxpub.yml` use. Keys of a mapping are scalars.
public enum YAMLValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    /// `2013-08-06`
    case date(year: Int, month: Int, day: Int)
    /// `2013-08-06 10:00:00`, `2013-08-06T10:00:00+08:00`; `utcOffsetSeconds` nil when none was written.
    case dateTime(YAMLDateTime)
    case sequence([YAMLNode])
    /// Entries in source order.
    case mapping([YAMLMapEntry])
}

public struct YAMLDateTime: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var nanosecond: Int
    public var utcOffsetSeconds: Int?

    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, nanosecond: Int = 0, utcOffsetSeconds: Int?) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
        self.utcOffsetSeconds = utcOffsetSeconds
    }
}

public struct YAMLMapEntry: Sendable, Equatable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// Why a YAML text was rejected: outside the supported subset, or malformed.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
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
