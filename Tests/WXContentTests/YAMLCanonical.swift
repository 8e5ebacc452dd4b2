import Foundation
import WXContent

/// The canonical JSON form shared with `scripts/record-yaml-oracle.py` (which documents it):
/// strings, booleans, null and lists as themselves; `{"int": "…"}`, `{"float": repr}`,
/// `{"date": "YYYY-MM-DD"}`, `{"datetime": "YYYY-MM-DDTHH:MM:SS.ffffff", "utcoffset": "+HH:MM"}`,
/// `{"map": [[key, value], …]}` in source order. Defined once here for every YAML test.
indirect enum YAMLCanonical: Equatable, Decodable, CustomStringConvertible {
    case null
    case bool(Bool)
    case string(String)
    case int(String)
    case float(Double)
    case date(String)
    case dateTime(String, utcOffset: String?)
    /// Only from the TOML oracle: a time without a date, which wxpub rejects.
    case time(String)
    case sequence([YAMLCanonical])
    case mapping([[YAMLCanonical]])
    /// Only in the live oracle's output: PyYAML raised.
    case pyError(String)

    init(_ node: YAMLNode) {
        switch node.value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .string(let s): self = .string(s)
        case .int(let n): self = .int(String(n))
        case .float(let d): self = .float(d)
        case .date(let y, let m, let d): self = .date("\(Self.pad(y, 4))-\(Self.pad(m, 2))-\(Self.pad(d, 2))")
        case .dateTime(let t):
            let text = "\(Self.pad(t.year, 4))-\(Self.pad(t.month, 2))-\(Self.pad(t.day, 2))T\(Self.pad(t.hour, 2)):\(Self.pad(t.minute, 2)):\(Self.pad(t.second, 2)).\(Self.pad(t.nanosecond / 1000, 6))"
            var offset: String?
            if let seconds = t.utcOffsetSeconds {
                let magnitude = abs(seconds)
                offset = "\(seconds < 0 ? "-" : "+")\(Self.pad(magnitude / 3600, 2)):\(Self.pad(magnitude % 3600 / 60, 2))"
            }
            self = .dateTime(text, utcOffset: offset)
        case .sequence(let items): self = .sequence(items.map(YAMLCanonical.init))
        case .mapping(let entries): self = .mapping(entries.map { [YAMLCanonical($0.key), YAMLCanonical($0.value)] })
        }
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private enum Key: String, CodingKey { case int, float, date, datetime, utcoffset, map, error, time }

    init(from decoder: Decoder) throws {
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let b = try? single.decode(Bool.self) {
            self = .bool(b)
        } else if let s = try? single.decode(String.self) {
            self = .string(s)
        } else if let items = try? single.decode([YAMLCanonical].self) {
            self = .sequence(items)
        } else {
            try self.init(object: decoder.container(keyedBy: Key.self), decoder: decoder)
        }
    }

    private init(object: KeyedDecodingContainer<Key>, decoder: Decoder) throws {
        if let v = try object.decodeIfPresent(String.self, forKey: .int) {
            self = .int(v)
        } else if let v = try object.decodeIfPresent(String.self, forKey: .float) {
            switch v {
            case "nan": self = .float(.nan)
            case "inf": self = .float(.infinity)
            case "-inf": self = .float(-.infinity)
            default:
                guard let d = Double(v) else { throw DecodingError.dataCorruptedError(forKey: .float, in: object, debugDescription: v) }
                self = .float(d)
            }
        } else if let v = try object.decodeIfPresent(String.self, forKey: .date) {
            self = .date(v)
        } else if let v = try object.decodeIfPresent(String.self, forKey: .datetime) {
            self = .dateTime(v, utcOffset: try object.decodeIfPresent(String.self, forKey: .utcoffset))
        } else if let v = try object.decodeIfPresent([[YAMLCanonical]].self, forKey: .map) {
            self = .mapping(v)
        } else if let v = try object.decodeIfPresent(String.self, forKey: .time) {
            self = .time(v)
        } else if let v = try object.decodeIfPresent(String.self, forKey: .error) {
            self = .pyError(v)
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown canonical object"))
        }
    }

    static func == (a: YAMLCanonical, b: YAMLCanonical) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.float(x), .float(y)): return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
        case let (.date(x), .date(y)): return x == y
        case let (.dateTime(x, xo), .dateTime(y, yo)): return x == y && xo == yo
        case let (.sequence(x), .sequence(y)): return x == y
        case let (.mapping(x), .mapping(y)): return x == y
        case let (.time(x), .time(y)): return x == y
        case let (.pyError(x), .pyError(y)): return x == y
        default: return false
        }
    }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return Self.quote(s)
        case .int(let s): return "{\"int\": \(Self.quote(s))}"
        case .float(let d): return "{\"float\": \"\(d)\"}"
        case .date(let s): return "{\"date\": \(Self.quote(s))}"
        case .dateTime(let s, let o): return "{\"datetime\": \(Self.quote(s))" + (o.map { ", \"utcoffset\": \(Self.quote($0))" } ?? "") + "}"
        case .sequence(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .mapping(let pairs): return "{\"map\": [" + pairs.map { "[" + $0.map(\.description).joined(separator: ", ") + "]" }.joined(separator: ", ") + "]}"
        case .time(let s): return "{\"time\": \(Self.quote(s))}"
        case .pyError(let s): return "{\"error\": \(Self.quote(s))}"
        }
    }

    private static func quote(_ s: String) -> String {
        let data = try? JSONEncoder().encode(s)
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "\"\(s)\""
    }
}
