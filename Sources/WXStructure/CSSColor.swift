import Foundation

/// An sRGB colour with alpha, parsed from the CSS forms editors paste: `#rgb`, `#rgba`, `#rrggbb`,
/// `#rrggbbaa`, `rgb()`/`rgba()` (comma or space syntax, numbers or percentages), `hsl()`/`hsla()`,
/// the CSS named colours and `transparent`. Anything else (`var()`, `currentColor`) is unknown.
public struct CSSColor: Sendable, Hashable, CustomStringConvertible {
    public var red: Double    // 0...255
    public var green: Double
    public var blue: Double
    public var alpha: Double  // 0...1

    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    public static let white = CSSColor(red: 255, green: 255, blue: 255)
    public static let black = CSSColor(red: 0, green: 0, blue: 0)

    public init?(_ text: String) {
        let value = text.trimming(.whitespaces).lowercased()
        if value.hasPrefix("#") {
            guard let color = CSSColor.hex(String(value.dropFirst())) else { return nil }
            self = color
        } else if let open = value.firstIndex(of: "("), value.hasSuffix(")") {
            let name = String(value[..<open])
            let inner = String(value[value.index(after: open)..<value.index(before: value.endIndex)])
            let arguments = inner.contains(",")
                ? splitTopLevelCommas(inner)
                : shorthandParts(inner.replacingSlash())
            switch name {
            case "rgb", "rgba":
                guard arguments.count == 3 || arguments.count == 4 else { return nil }
                var channels: [Double] = []
                for argument in arguments.prefix(3) {
                    guard let channel = CSSColor.channel(argument, scale: 255) else { return nil }
                    channels.append(min(255, max(0, channel)))
                }
                let alpha = arguments.count == 4 ? CSSColor.channel(arguments[3], scale: 1) : 1
                guard let alpha else { return nil }
                self.init(red: channels[0], green: channels[1], blue: channels[2], alpha: min(1, max(0, alpha)))
            case "hsl", "hsla":
                guard arguments.count == 3 || arguments.count == 4,
                      let hue = Double(arguments[0].replacingOccurrences(of: "deg", with: "")),
                      let saturation = CSSColor.channel(arguments[1], scale: 1),
                      let lightness = CSSColor.channel(arguments[2], scale: 1)
                else { return nil }
                let alpha = arguments.count == 4 ? CSSColor.channel(arguments[3], scale: 1) : 1
                guard let alpha else { return nil }
                self = CSSColor.fromHSL(hue: hue, saturation: saturation, lightness: lightness, alpha: alpha)
            default:
                return nil
            }
        } else if value == "transparent" {
            self.init(red: 0, green: 0, blue: 0, alpha: 0)
        } else if let hex = namedColors[value], let color = CSSColor.hex(hex) {
            self = color
        } else {
            return nil
        }
    }

    public var description: String {
        if alpha >= 1 {
            return "#" + [red, green, blue].map { channel in
                let text = String(Int(channel.rounded()), radix: 16)
                return text.count == 1 ? "0" + text : text
            }.joined()
        }
        return "rgba(\(formatNumber(red)), \(formatNumber(green)), \(formatNumber(blue)), \(formatNumber(alpha)))"
    }

    /// This colour painted over `background` (alpha compositing), opaque when the background is.
    public func over(_ background: CSSColor) -> CSSColor {
        let a = alpha + background.alpha * (1 - alpha)
        guard a > 0 else { return CSSColor(red: 0, green: 0, blue: 0, alpha: 0) }
        func mix(_ top: Double, _ bottom: Double) -> Double {
            (top * alpha + bottom * background.alpha * (1 - alpha)) / a
        }
        return CSSColor(red: mix(red, background.red), green: mix(green, background.green), blue: mix(blue, background.blue), alpha: a)
    }

    /// WCAG 2 relative luminance.
    public var relativeLuminance: Double {
        func linear(_ channel: Double) -> Double {
            let c = channel / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// WCAG 2 contrast ratio between two opaque colours, 1...21.
    public static func contrastRatio(_ a: CSSColor, _ b: CSSColor) -> Double {
        let (l1, l2) = (a.relativeLuminance, b.relativeLuminance)
        return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
    }

    private static func hex(_ digits: String) -> CSSColor? {
        let values = digits.unicodeScalars.map { Int(String($0), radix: 16) }
        guard values.allSatisfy({ $0 != nil }) else { return nil }
        let v = values.map { Double($0!) }
        switch v.count {
        case 3, 4:
            return CSSColor(red: v[0] * 17, green: v[1] * 17, blue: v[2] * 17, alpha: v.count == 4 ? v[3] * 17 / 255 : 1)
        case 6, 8:
            return CSSColor(red: v[0] * 16 + v[1], green: v[2] * 16 + v[3], blue: v[4] * 16 + v[5],
                            alpha: v.count == 8 ? (v[6] * 16 + v[7]) / 255 : 1)
        default:
            return nil
        }
    }

    private static func channel(_ text: String, scale: Double) -> Double? {
        let value = text.trimming(.whitespaces)
        if value.hasSuffix("%") {
            return Double(value.dropLast()).map { $0 / 100 * scale }
        }
        return Double(value)
    }

    private static func fromHSL(hue: Double, saturation s: Double, lightness l: Double, alpha: Double) -> CSSColor {
        let h = (hue.truncatingRemainder(dividingBy: 360) + 360).truncatingRemainder(dividingBy: 360) / 360
        func component(_ n: Double) -> Double {
            let k = (n + h * 12).truncatingRemainder(dividingBy: 12)
            let a = s * min(l, 1 - l)
            return (l - a * max(-1, min(k - 3, 9 - k, 1))) * 255
        }
        return CSSColor(red: component(0), green: component(8), blue: component(4), alpha: min(1, max(0, alpha)))
    }
}

private extension String {
    /// `rgb(0 0 0 / 50%)` → `rgb(0 0 0 50%)` so the space syntax splits into four parts.
    func replacingSlash() -> String { replacingOccurrences(of: "/", with: " ") }
}

/// The CSS Color Module Level 4 named colours.
private let namedColors: [String: String] = [
    "aliceblue": "f0f8ff", "antiquewhite": "faebd7", "aqua": "00ffff", "aquamarine": "7fffd4", "azure": "f0ffff",
    "beige": "f5f5dc", "bisque": "ffe4c4", "black": "000000", "blanchedalmond": "ffebcd", "blue": "0000ff",
    "blueviolet": "8a2be2", "brown": "a52a2a", "burlywood": "deb887", "cadetblue": "5f9ea0", "chartreuse": "7fff00",
    "chocolate": "d2691e", "coral": "ff7f50", "cornflowerblue": "6495ed", "cornsilk": "fff8dc", "crimson": "dc143c",
    "cyan": "00ffff", "darkblue": "00008b", "darkcyan": "008b8b", "darkgoldenrod": "b8860b", "darkgray": "a9a9a9",
    "darkgreen": "006400", "darkgrey": "a9a9a9", "darkkhaki": "bdb76b", "darkmagenta": "8b008b", "darkolivegreen": "556b2f",
    "darkorange": "ff8c00", "darkorchid": "9932cc", "darkred": "8b0000", "darksalmon": "e9967a", "darkseagreen": "8fbc8f",
    "darkslateblue": "483d8b", "darkslategray": "2f4f4f", "darkslategrey": "2f4f4f", "darkturquoise": "00ced1",
    "darkviolet": "9400d3", "deeppink": "ff1493", "deepskyblue": "00bfff", "dimgray": "696969", "dimgrey": "696969",
    "dodgerblue": "1e90ff", "firebrick": "b22222", "floralwhite": "fffaf0", "forestgreen": "228b22", "fuchsia": "ff00ff",
    "gainsboro": "dcdcdc", "ghostwhite": "f8f8ff", "gold": "ffd700", "goldenrod": "daa520", "gray": "808080",
    "green": "008000", "greenyellow": "adff2f", "grey": "808080", "honeydew": "f0fff0", "hotpink": "ff69b4",
    "indianred": "cd5c5c", "indigo": "4b0082", "ivory": "fffff0", "khaki": "f0e68c", "lavender": "e6e6fa",
    "lavenderblush": "fff0f5", "lawngreen": "7cfc00", "lemonchiffon": "fffacd", "lightblue": "add8e6", "lightcoral": "f08080",
    "lightcyan": "e0ffff", "lightgoldenrodyellow": "fafad2", "lightgray": "d3d3d3", "lightgreen": "90ee90", "lightgrey": "d3d3d3",
    "lightpink": "ffb6c1", "lightsalmon": "ffa07a", "lightseagreen": "20b2aa", "lightskyblue": "87cefa", "lightslategray": "778899",
    "lightslategrey": "778899", "lightsteelblue": "b0c4de", "lightyellow": "ffffe0", "lime": "00ff00", "limegreen": "32cd32",
    "linen": "faf0e6", "magenta": "ff00ff", "maroon": "800000", "mediumaquamarine": "66cdaa", "mediumblue": "0000cd",
    "mediumorchid": "ba55d3", "mediumpurple": "9370db", "mediumseagreen": "3cb371", "mediumslateblue": "7b68ee",
    "mediumspringgreen": "00fa9a", "mediumturquoise": "48d1cc", "mediumvioletred": "c71585", "midnightblue": "191970",
    "mintcream": "f5fffa", "mistyrose": "ffe4e1", "moccasin": "ffe4b5", "navajowhite": "ffdead", "navy": "000080",
    "oldlace": "fdf5e6", "olive": "808000", "olivedrab": "6b8e23", "orange": "ffa500", "orangered": "ff4500",
    "orchid": "da70d6", "palegoldenrod": "eee8aa", "palegreen": "98fb98", "paleturquoise": "afeeee", "palevioletred": "db7093",
    "papayawhip": "ffefd5", "peachpuff": "ffdab9", "peru": "cd853f", "pink": "ffc0cb", "plum": "dda0dd",
    "powderblue": "b0e0e6", "purple": "800080", "rebeccapurple": "663399", "red": "ff0000", "rosybrown": "bc8f8f",
    "royalblue": "4169e1", "saddlebrown": "8b4513", "salmon": "fa8072", "sandybrown": "f4a460", "seagreen": "2e8b57",
    "seashell": "fff5ee", "sienna": "a0522d", "silver": "c0c0c0", "skyblue": "87ceeb", "slateblue": "6a5acd",
    "slategray": "708090", "slategrey": "708090", "snow": "fffafa", "springgreen": "00ff7f", "steelblue": "4682b4",
    "tan": "d2b48c", "teal": "008080", "thistle": "d8bfd8", "tomato": "ff6347", "turquoise": "40e0d0",
    "violet": "ee82ee", "wheat": "f5deb3", "white": "ffffff", "whitesmoke": "f5f5f5", "yellow": "ffff00",
    "yellowgreen": "9acd32",
]
