/// WeChat's dark-mode recolouring of article colours, as a pure function of colours. Ported from
/// the facts of the platform's algorithm (wechatjs/mp-darkmode: doc/principle.md and its
/// thresholds): backgrounds are converted first; each text (and border) colour is then adjusted
/// against its new background by perceived brightness (W3C AERT: (299 R + 587 G + 114 B) / 1000).
///
/// - Background: greys lighter than 40 % lightness, and anything whiter than brightness 250, are
///   inverted around the dark page (#191919); other backgrounds brighter than 190 are dimmed to
///   190; backgrounds darker than 22 % lightness are lifted to 22 %.
/// - Text: near-white text (brightness ≥ 250) is kept; text already at least 65 brighter or darker
///   than its background is kept (but held to the default dark-mode text, #a3a3a3, on the page
///   itself); otherwise its lightness is mirrored (l → 90 − l) and, failing that, its brightness
///   is set 65 away from the background's.
public enum DarkMode {
    /// Light mode's default text and page colours, and dark mode's.
    public static let lightText = CSSColor(red: 0x19, green: 0x19, blue: 0x19)
    public static let lightBackground = CSSColor.white
    public static let darkText = CSSColor(red: 0xA3, green: 0xA3, blue: 0xA3)
    public static let darkBackground = CSSColor(red: 0x19, green: 0x19, blue: 0x19)

    static let whiteLikeBrightness = 250.0
    static let maxBackgroundBrightness = 190.0
    static let minBrightnessOffset = 65.0
    static let highBackgroundBrightness = 100.0
    static let highGreyLightness = 40.0
    static let lowGreyLightness = 22.0
    /// Backgrounds more transparent than this are ignored.
    public static let ignoredAlpha = 0.05

    static let darkBackgroundBrightness = perceivedBrightness(darkBackground)
    static let darkBackgroundLightness = hsl(darkBackground).l
    /// The largest brightness gap text keeps on the dark page: default dark text against the page.
    static let maxOffsetBrightness = perceivedBrightness(darkText) - darkBackgroundBrightness

    public static func perceivedBrightness(_ c: CSSColor) -> Double {
        (c.red * 299 + c.green * 587 + c.blue * 114) / 1000
    }

    /// A background colour as dark mode shows it.
    public static func background(_ color: CSSColor) -> CSSColor {
        let (h, s, l) = hsl(color)
        let brightness = perceivedBrightness(color)
        var result = color
        if (s == 0 && l > highGreyLightness) || brightness > whiteLikeBrightness {
            result = rgb(h: 0, s: 0, l: min(100, 100 + darkBackgroundLightness - l))
        } else if brightness > maxBackgroundBrightness {
            result = adjustBrightness(to: maxBackgroundBrightness, color)
        } else if l < lowGreyLightness {
            result = rgb(h: h, s: s, l: lowGreyLightness)
        }
        result.alpha = color.alpha
        return result
    }

    /// A text (or border) colour as dark mode shows it on `background`, which is already a
    /// dark-mode background (the page, #191919, when nothing else is behind the text).
    public static func text(_ color: CSSColor, on background: CSSColor = darkBackground) -> CSSColor {
        let backgroundBrightness = perceivedBrightness(background) * background.alpha + darkBackgroundBrightness * (1 - background.alpha)
        let brightness = perceivedBrightness(color)
        let offset = abs(backgroundBrightness - brightness)
        if brightness >= whiteLikeBrightness { return color }
        if offset > maxOffsetBrightness && backgroundBrightness <= darkBackgroundBrightness + 2 {
            return withAlpha(adjustBrightness(to: maxOffsetBrightness + backgroundBrightness, color), color.alpha)
        }
        if offset >= minBrightnessOffset { return color }
        var (h, s, l) = hsl(color)
        if backgroundBrightness >= highBackgroundBrightness {
            if l > 90 - highGreyLightness {
                l = 90 - l
                return text(withAlpha(rgb(h: h, s: s, l: l), color.alpha), on: background)
            }
            return withAlpha(adjustBrightness(to: min(maxOffsetBrightness, backgroundBrightness - minBrightnessOffset), color), color.alpha)
        }
        if l <= highGreyLightness {
            l = 90 - l
            return text(withAlpha(rgb(h: h, s: s, l: l), color.alpha), on: background)
        }
        return withAlpha(adjustBrightness(to: min(maxOffsetBrightness, backgroundBrightness + minBrightnessOffset), color), color.alpha)
    }

    private static func withAlpha(_ color: CSSColor, _ alpha: Double) -> CSSColor {
        var color = color
        color.alpha = alpha
        return color
    }

    /// Scales the channels to reach `target` brightness; when one channel saturates (or is zero)
    /// another makes up the difference. Channels are clamped to 0…255, as the platform's colour
    /// library does.
    static func adjustBrightness(to target: Double, _ color: CSSColor) -> CSSColor {
        let current = perceivedBrightness(color)
        let ratio = current > 0 ? target / current : 0
        var r = min(255, color.red * ratio)
        var g = min(255, color.green * ratio)
        var b = min(255, color.blue * ratio)
        if current == 0 { r = target; g = target; b = target }
        if g == 0 || r == 255 || b == 255 {
            g = (target * 1000 - r * 299 - b * 114) / 587
        } else if r == 0 {
            r = (target * 1000 - g * 587 - b * 114) / 299
        } else if b == 0 || g == 255 {
            b = (target * 1000 - r * 299 - g * 587) / 114
        }
        func clamp(_ v: Double) -> Double { max(0, min(255, v)) }
        return CSSColor(red: clamp(r), green: clamp(g), blue: clamp(b))
    }

    /// `#rrggbb` (or `rgba(…)` when translucent), channels rounded and clamped to 0…255.
    public static func cssText(_ c: CSSColor) -> String {
        func channel(_ v: Double) -> Int { Int(max(0, min(255, v)).rounded()) }
        if c.alpha < 1 {
            let alpha = (c.alpha * 1000).rounded() / 1000
            return "rgba(\(channel(c.red)), \(channel(c.green)), \(channel(c.blue)), \(alpha))"
        }
        return "#" + [c.red, c.green, c.blue].map { v in
            let hex = String(channel(v), radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    /// Hue in degrees, saturation and lightness in percent.
    static func hsl(_ c: CSSColor) -> (h: Double, s: Double, l: Double) {
        let r = c.red / 255, g = c.green / 255, b = c.blue / 255
        let lo = min(r, g, b), hi = max(r, g, b), delta = hi - lo
        var h: Double
        if hi == lo {
            h = 0
        } else if r == hi {
            h = (g - b) / delta
        } else if g == hi {
            h = 2 + (b - r) / delta
        } else {
            h = 4 + (r - g) / delta
        }
        h = min(h * 60, 360)
        if h < 0 { h += 360 }
        let l = (lo + hi) / 2
        let s = hi == lo ? 0 : l <= 0.5 ? delta / (hi + lo) : delta / (2 - hi - lo)
        return (h, s * 100, l * 100)
    }

    /// From hue (degrees), saturation and lightness (percent, clamped to 0…100 as the platform's
    /// colour library does: mirroring a lightness above 90 % gives a negative one).
    static func rgb(h: Double, s: Double, l: Double) -> CSSColor {
        let h = h / 360, s = max(0, min(100, s)) / 100, l = max(0, min(100, l)) / 100
        if s == 0 { return CSSColor(red: l * 255, green: l * 255, blue: l * 255) }
        let t2 = l < 0.5 ? l * (1 + s) : l + s - l * s
        let t1 = 2 * l - t2
        var channels: [Double] = []
        for i in 0..<3 {
            var t3 = h + 1.0 / 3 * -(Double(i) - 1)
            if t3 < 0 { t3 += 1 }
            if t3 > 1 { t3 -= 1 }
            let value: Double
            if 6 * t3 < 1 {
                value = t1 + (t2 - t1) * 6 * t3
            } else if 2 * t3 < 1 {
                value = t2
            } else if 3 * t3 < 2 {
                value = t1 + (t2 - t1) * (2.0 / 3 - t3) * 6
            } else {
                value = t1
            }
            channels.append(value * 255)
        }
        return CSSColor(red: channels[0], green: channels[1], blue: channels[2])
    }
}
