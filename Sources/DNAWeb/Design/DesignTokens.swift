/// The design tokens: every colour, space and type size of the pages and of the SVG charts
/// comes from here, so a chart drawn on the server and the page around it cannot drift apart.
/// The stylesheet publishes them as CSS custom properties (`--ink`, `--space-2`, `--text-lg`).
enum DesignTokens {
    // Text and lines. Ink and muted keep at least 7:1 and 4.5:1 against the soft background.
    static let ink = "#1b1f24"
    static let muted = "#4a5562"
    static let line = "#c9d1da"
    static let grid = "#e3e8ee"
    static let background = "#ffffff"
    static let soft = "#f3f6f9"
    /// Links, buttons and the main series of a chart.
    static let accent = "#0b5cad"
    static let accentDark = "#0b3d73"
    /// The focus ring: 4.7:1 against white and 4.3:1 against the soft background, so it shows
    /// beside anything it surrounds (WCAG 2.2 asks 3:1).
    static let focus = "#b35c00"
    static let bad = "#a4161a"
    static let badSoft = "#fdecec"
    /// Line-of-sight states: a full path, a broken one, one without measures.
    static let good = "#1e7a34"
    static let goodSoft = "#e3f3e6"
    static let alarm = "#b3261e"
    static let alarmSoft = "#fde2df"
    static let neutral = "#51606f"
    static let edge = "#8795a3"
    // Score bands of the charts, red to blue, also differing in lightness so they read in grey.
    static let scoreLow = "#f4b6b0"
    static let scoreWeak = "#f9d8a8"
    static let scoreMiddle = "#e8ecf0"
    static let scoreGood = "#b9d4ee"
    static let scoreHigh = "#8cbbe6"
    // Text on the opportunity landscape's zones, dark enough on white.
    static let zoneExtreme = "#7a1c12"
    static let zoneUnderserved = "#6b4a00"

    /// Spacing scale in rem: tight, small, base, loose, section.
    static let space = [0.25, 0.5, 0.75, 1, 1.5, 2]
    /// Type scale in rem: small print, body, lead, section title, page title, big figure.
    static let text: [(name: String, size: Double)] = [
        ("sm", 0.875), ("base", 1), ("lg", 1.25), ("xl", 1.5), ("xxl", 1.75), ("stat", 2),
    ]
    /// Chart text sizes in SVG user units; charts scale with the page, so these stay legible
    /// on a phone where a chart is drawn at about half its width.
    static let chartText = 12.0
    static let chartSmallText = 11.0

    /// The tokens as CSS custom properties, the first rule of the stylesheet.
    static var cssProperties: String {
        let colours: [(String, String)] = [
            ("ink", ink), ("muted", muted), ("line", line), ("grid", grid), ("bg", background), ("soft", soft),
            ("accent", accent), ("accent-dark", accentDark), ("focus", focus), ("bad", bad), ("bad-soft", badSoft),
            ("good", good), ("good-soft", goodSoft), ("alarm", alarm), ("alarm-soft", alarmSoft), ("neutral", neutral),
            ("edge", edge),
        ]
        let spaces = space.enumerated().map { "--space-\($0.offset): \($0.element)rem;" }
        let sizes = text.map { "--text-\($0.name): \($0.size)rem;" }
        return ":root { " + (colours.map { "--\($0.0): \($0.1);" } + spaces + sizes).joined(separator: " ") + " }"
    }
}
