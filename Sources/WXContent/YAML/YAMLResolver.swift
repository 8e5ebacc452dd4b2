/// Implicit typing of plain scalars, following PyYAML's YAML 1.1 resolver (`yaml.resolver.Resolver`)
/// and `SafeConstructor`, regex by regex. Forms whose PyYAML value would surprise an editor
/// (sexagesimal `1:30`, leading-zero octal `0755`) are rejected instead of converted.
extension YAMLParser {
    /// Whether a plain scalar starting with `byte` may be typed as anything but text: the first
    /// bytes of the null, boolean and merge keywords, `=`, digits, signs and `.`.
    @inline(__always) static func mayStartTypedValue(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "~"),
            UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "y"), UInt8(ascii: "Y"),
            UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "o"), UInt8(ascii: "O"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            return true
        default:
            return false
        }
    }

    func resolvePlain(_ text: String, at start: Mark) throws(YAMLError) -> YAMLValue {
        guard let first = text.utf8.first else { return .null }
        // Most values (titles, names, paths) start with a byte no typed form starts with: they are
        // text, known without comparing them to every keyword below.
        if !Self.mayStartTypedValue(first) { return .string(text) }
        let u = Array(text.utf8)
        func fail(_ message: String) -> YAMLError { error(at: start, message) }

        switch text {
        case "~", "null", "Null", "NULL": return .null
        case "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return .bool(true)
        case "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return .bool(false)
        case "=": throw fail("'=' alone is the YAML 1.1 'value' key, which PyYAML cannot load; quote it: '='.")
        case "<<": throw fail("merge keys ('<<') are not supported; write the keys out.")
        default: break
        }
        let isDigit = { (c: UInt8) in c >= 0x30 && c <= 0x39 }
        guard isDigit(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".") else {
            return .string(text)
        }

        // Floats: [-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)? | \.[0-9][0-9_]*([eE][-+][0-9]+)? | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        if let mantissaEnd = Self.matchFloat(u) {
            var digits = String(decoding: u[..<mantissaEnd].filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
            if digits.hasSuffix(".") { digits += "0" }
            if digits.hasPrefix(".") { digits = "0" + digits }
            digits += String(decoding: u[mantissaEnd...], as: UTF8.self)
            guard let value = Double(digits) else { throw fail("'\(text)' is not a number Swift can read; quote it.") }
            return .float(value)
        }

        // Integers.
        var body = u[...]
        var negative = false
        if body.first == UInt8(ascii: "-") || body.first == UInt8(ascii: "+") {
            negative = body.first == UInt8(ascii: "-")
            body = body.dropFirst()
        }
        let underscore = UInt8(ascii: "_")
        func integer(_ digits: ArraySlice<UInt8>, radix: Int) throws(YAMLError) -> YAMLValue {
            let clean = String(decoding: digits.filter { $0 != underscore }, as: UTF8.self)
            guard !clean.isEmpty else { throw fail("'\(text)' has no digits (PyYAML fails on it); write a number, or quote it as text.") }
            guard let magnitude = UInt64(clean, radix: radix),
                  let value = negative ? (magnitude <= UInt64(Int.max) + 1 ? Int(truncatingIfNeeded: 0 &- magnitude) : nil) : Int(exactly: magnitude)
            else { throw fail("'\(text)' does not fit in a 64-bit integer; quote it to keep it as text.") }
            return .int(value)
        }
        if body.count >= 2 && body.first == UInt8(ascii: "0") {
            let marker = body[body.startIndex + 1]
            let rest = body.dropFirst(2)
            if marker == UInt8(ascii: "b") && rest.allSatisfy({ $0 == 0x30 || $0 == 0x31 || $0 == underscore }) && !rest.isEmpty {
                return try integer(rest, radix: 2)
            }
            if marker == UInt8(ascii: "x") && !rest.isEmpty && rest.allSatisfy({ Self.hexDigit(Unicode.Scalar($0)) != nil || $0 == underscore }) {
                return try integer(rest, radix: 16)
            }
            if body.dropFirst().allSatisfy({ ($0 >= 0x30 && $0 <= 0x37) || $0 == underscore }) {
                if body.dropFirst().allSatisfy({ $0 == 0x30 || $0 == underscore }) { return .int(0) }
                throw fail("'\(text)' has a leading zero, which YAML 1.1 (PyYAML) reads as an octal number (0755 = 493); quote it ('\(text)') to keep it as text, or drop the leading zero.")
            }
        }
        if body == [0x30] { return .int(0) }
        if let f = body.first, f >= 0x31 && f <= 0x39 {
            if body.allSatisfy({ isDigit($0) || $0 == underscore }) {
                return try integer(body, radix: 10)
            }
            if Self.matchSexagesimal(body) {
                throw fail("'\(text)' is a base-60 number in YAML 1.1 (PyYAML reads 1:30 as 90); quote it ('\(text)') to keep it as text.")
            }
        }
        if let first = body.first, isDigit(first), let dot = body.firstIndex(of: UInt8(ascii: ".")),
           Self.matchSexagesimal(body[..<dot]), body[(dot + 1)...].allSatisfy({ isDigit($0) || $0 == underscore }) {
            throw fail("'\(text)' is a base-60 number in YAML 1.1 (PyYAML reads 1:30.5 as 90.5); quote it ('\(text)') to keep it as text.")
        }

        if isDigit(first), let stamp = try Self.matchTimestamp(u, fail: fail) { return stamp }
        return .string(text)
    }

    /// If `u` matches PyYAML's float regex (finite forms), the index where the exponent starts (or `u.count`).
    static func matchFloat(_ u: [UInt8]) -> Int? {
        var j = 0
        let n = u.count
        func digit(_ k: Int) -> Bool { k < n && u[k] >= 0x30 && u[k] <= 0x39 }
        func digitOrUnderscore(_ k: Int) -> Bool { digit(k) || (k < n && u[k] == UInt8(ascii: "_")) }
        if j < n && u[j] == UInt8(ascii: ".") {
            j += 1
            guard digit(j) else { return nil }
            while digitOrUnderscore(j) { j += 1 }
        } else {
            if j < n && (u[j] == UInt8(ascii: "-") || u[j] == UInt8(ascii: "+")) { j += 1 }
            guard digit(j) else { return nil }
            while digitOrUnderscore(j) { j += 1 }
            guard j < n && u[j] == UInt8(ascii: ".") else { return nil }
            j += 1
            while digitOrUnderscore(j) { j += 1 }
        }
        let mantissaEnd = j
        if j == n { return mantissaEnd }
        guard u[j] == UInt8(ascii: "e") || u[j] == UInt8(ascii: "E") else { return nil }
        j += 1
        guard j < n && (u[j] == UInt8(ascii: "-") || u[j] == UInt8(ascii: "+")) else { return nil }
        j += 1
        guard digit(j) else { return nil }
        while digit(j) { j += 1 }
        return j == n ? mantissaEnd : nil
    }

    /// `[1-9][0-9_]*(:[0-5]?[0-9])+` (also used for the integer part of sexagesimal floats with `[0-9]` first).
    static func matchSexagesimal(_ u: ArraySlice<UInt8>) -> Bool {
        var j = u.startIndex
        let end = u.endIndex
        func digit(_ k: Int) -> Bool { k < end && u[k] >= 0x30 && u[k] <= 0x39 }
        guard digit(j) else { return false }
        while digit(j) || (j < end && u[j] == UInt8(ascii: "_")) { j += 1 }
        var groups = 0
        while j < end && u[j] == UInt8(ascii: ":") {
            j += 1
            guard digit(j) else { return false }
            if digit(j + 1) {
                guard u[j] <= UInt8(ascii: "5") else { return false }
                j += 2
            } else {
                j += 1
            }
            groups += 1
        }
        return groups > 0 && j == end
    }

    /// PyYAML's timestamp regex: `YYYY-MM-DD`, or `YYYY-M-D` + (`T`|`t`|spaces) + `H:MM:SS` + optional `.fraction` + optional spaces and `Z` / `±H[H][:MM]`.
    static func matchTimestamp(_ u: [UInt8], fail: (String) -> YAMLError) throws(YAMLError) -> YAMLValue? {
        let n = u.count
        var j = 0
        func digit(_ k: Int) -> Bool { k < n && u[k] >= 0x30 && u[k] <= 0x39 }
        func number(_ count: Int) -> Int {
            var v = 0
            for k in j..<(j + count) { v = v * 10 + Int(u[k] - 0x30) }
            j += count
            return v
        }
        /// One or two digits.
        func shortNumber() -> Int? {
            guard digit(j) else { return nil }
            return number(digit(j + 1) ? 2 : 1)
        }
        guard digit(0), digit(1), digit(2), digit(3), n > 4, u[4] == UInt8(ascii: "-") else { return nil }
        let year = number(4)
        j += 1
        guard let month = shortNumber(), j < n, u[j] == UInt8(ascii: "-") else { return nil }
        let monthDigits = j - 5
        j += 1
        let dayStart = j
        guard let day = shortNumber() else { return nil }
        let text = String(decoding: u, as: UTF8.self)
        func checkDate() throws(YAMLError) {
            guard year >= 1, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else {
                throw fail("'\(text)' looks like a date but is not a valid calendar date; fix it, or quote it to keep it as text.")
            }
        }
        if j == n {
            guard monthDigits == 2, j - dayStart == 2 else { return nil }
            try checkDate()
            return .date(year: year, month: month, day: day)
        }
        // Separator.
        if u[j] == UInt8(ascii: "T") || u[j] == UInt8(ascii: "t") {
            j += 1
        } else if u[j] == UInt8(ascii: " ") {
            while j < n && u[j] == UInt8(ascii: " ") { j += 1 }
        } else {
            return nil
        }
        guard let hour = shortNumber(), j < n, u[j] == UInt8(ascii: ":"), digit(j + 1), digit(j + 2) else { return nil }
        j += 1
        let minute = number(2)
        guard j < n, u[j] == UInt8(ascii: ":"), digit(j + 1), digit(j + 2) else { return nil }
        j += 1
        let second = number(2)
        var nanosecond = 0
        if j < n && u[j] == UInt8(ascii: ".") {
            j += 1
            var scale = 100_000_000
            while digit(j) {
                nanosecond += Int(u[j] - 0x30) * scale
                scale /= 10
                j += 1
            }
        }
        var offset: Int?
        var k = j
        while k < n && u[k] == UInt8(ascii: " ") { k += 1 }
        if k < n {
            j = k
            if u[j] == UInt8(ascii: "Z") {
                offset = 0
                j += 1
            } else if u[j] == UInt8(ascii: "+") || u[j] == UInt8(ascii: "-") {
                let sign = u[j] == UInt8(ascii: "-") ? -1 : 1
                j += 1
                guard let tzHour = shortNumber() else { return nil }
                var tzMinute = 0
                if j < n && u[j] == UInt8(ascii: ":") {
                    guard digit(j + 1), digit(j + 2) else { return nil }
                    j += 1
                    tzMinute = number(2)
                }
                guard tzHour < 24, tzMinute < 60 else {
                    throw fail("'\(text)' has a UTC offset out of range; write it as +HH:MM with hours below 24 and minutes below 60.")
                }
                offset = sign * (tzHour * 3600 + tzMinute * 60)
            } else {
                return nil
            }
        } else if k > j {
            return nil  // trailing spaces cannot occur in a plain scalar, but keep the regex exact
        }
        guard j == n else { return nil }
        try checkDate()
        guard hour < 24, minute < 60, second < 60 else {
            throw fail("'\(text)' looks like a date-time but the time is out of range; fix it, or quote it to keep it as text.")
        }
        return .dateTime(YAMLDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second, nanosecond: nanosecond, utcOffsetSeconds: offset))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
