import Foundation

/// Calendar arithmetic in Beijing time without tzdata: China has used a fixed UTC+8 with no
/// daylight saving since 1991, so quota windows are computed from epoch seconds directly.
public enum SandboxTime {
    public static let beijingOffsetSeconds = 8 * 3600

    /// Days since 1970-01-01 in Beijing time: the key of a daily quota window.
    public static func beijingDay(_ date: Date) -> Int {
        Int(((date.timeIntervalSince1970 + Double(beijingOffsetSeconds)) / 86400).rounded(.down))
    }

    /// `year * 12 + month - 1` in Beijing time: the key of a monthly quota window.
    public static func beijingMonth(_ date: Date) -> Int {
        let (y, m, _) = civil(fromDays: beijingDay(date))
        return y * 12 + m - 1
    }

    /// ISO 8601 in UTC with a `Z`, e.g. `2026-03-31T15:59:59Z`.
    public static func iso8601(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds.floorDiv(86400)
        let rem = seconds - days * 86400
        let (y, m, d) = civil(fromDays: days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let year = String(repeating: "0", count: max(0, 4 - String(y).count)) + String(y)
        return "\(year)-\(two(m))-\(two(d))T\(two(rem / 3600)):\(two(rem % 3600 / 60)):\(two(rem % 60))Z"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM|±HHMM)`; a date-time without an offset is
    /// read as Beijing time (the platform's zone). Returns nil for anything else.
    public static func parseISO8601(_ text: String) -> Date? {
        let b = Array(text.utf8)
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var v = 0
            for i in from..<from + count {
                guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        guard b.count >= 19, let y = num(0, 4), b[4] == UInt8(ascii: "-"), let mo = num(5, 2), b[7] == UInt8(ascii: "-"),
            let d = num(8, 2), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "), let h = num(11, 2),
            b[13] == UInt8(ascii: ":"), let mi = num(14, 2), b[16] == UInt8(ascii: ":"), let s = num(17, 2),
            (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61
        else { return nil }
        var i = 19
        var fraction = 0.0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            let begin = i
            while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 {
                fraction += Double(b[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
            if i == begin { return nil }
        }
        var offset = beijingOffsetSeconds
        if i < b.count {
            if b[i] == UInt8(ascii: "Z") && i + 1 == b.count {
                offset = 0
            } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                let sign = b[i] == UInt8(ascii: "+") ? 1 : -1
                guard let oh = num(i + 1, 2) else { return nil }
                var om = 0
                if i + 3 == b.count {
                    om = 0
                } else if i + 6 == b.count, b[i + 3] == UInt8(ascii: ":"), let m2 = num(i + 4, 2) {
                    om = m2
                } else if i + 5 == b.count, let m2 = num(i + 3, 2) {
                    om = m2
                } else {
                    return nil
                }
                offset = sign * (oh * 3600 + om * 60)
            } else {
                return nil
            }
        }
        let days = daysFromCivil(y, mo, d)
        let seconds = days * 86400 + h * 3600 + mi * 60 + s - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    // Howard Hinnant's civil-date algorithms.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

extension Int {
    fileprivate func floorDiv(_ d: Int) -> Int {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
