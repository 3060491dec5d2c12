import Foundation

/// How a workspace shows itself to the people it asks, on respondent and customer pages and in
/// mails: a display name (else the workspace's name), a logo and an accent colour.
public struct Branding: Codable, Equatable, Sendable {
    /// Empty for the workspace's own name.
    public var displayName: String
    /// `#rrggbb`, or nil for the house colour.
    public var accent: String?
    public var logo: Logo?

    public struct Logo: Codable, Equatable, Sendable {
        public var contentType: String
        /// SHA-256 of the bytes, hex: the logo's address, so a new logo is a new address and
        /// an old one may be cached for ever.
        public var digest: String
        public var size: Int

        public init(contentType: String, digest: String, size: Int) {
            self.contentType = contentType
            self.digest = digest
            self.size = size
        }
    }

    public init(displayName: String = "", accent: String? = nil, logo: Logo? = nil) {
        self.displayName = displayName
        self.accent = accent
        self.logo = logo
    }

    /// The name people outside see: the display name, else `workspaceName`.
    public func name(or workspaceName: String) -> String { displayName.isEmpty ? workspaceName : displayName }
}

/// What a logo, an accent colour and a display name must be.
public enum BrandingRules {
    public static let logoLimit = 256 * 1024
    public static let displayNameLimit = 100
    /// The contrast an accent needs against white: it colours buttons with white text and
    /// links on white (WCAG 2 AA for text).
    public static let minimumContrast = 4.5

    /// The image type from the file's first bytes (never from its name or the browser's
    /// word): PNG, JPEG, GIF or WebP. SVG is refused: it can carry scripts.
    public static func logoType(_ bytes: [UInt8]) -> String? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return "image/gif" }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return "image/webp" }
        return nil
    }

    /// Why a logo cannot be used, or nil.
    public static func logoProblem(_ bytes: [UInt8]) -> String? {
        if bytes.isEmpty { return "the logo file is empty" }
        if bytes.count > logoLimit { return "the logo is \(bytes.count / 1024) KB; at most \(logoLimit / 1024) KB" }
        if logoType(bytes) == nil { return "the logo must be a PNG, JPEG, GIF or WebP image (SVG is not accepted: it can carry scripts)" }
        return nil
    }

    /// The colour as `#rrggbb` in lower case, or why it cannot be used.
    public static func accent(_ text: String) -> Result<String, BrandingProblem> {
        var hex = text.trimmingSpaces().lowercased()
        if hex.hasPrefix("#") { hex.removeFirst() }
        guard hex.count == 6, hex.allSatisfy(\.isHexDigit) else {
            return .failure(BrandingProblem(message: "the accent colour must be written #rrggbb, such as #0b5cad"))
        }
        let ratio = contrast("#" + hex, "#ffffff")
        guard ratio >= minimumContrast else {
            let shown = (ratio * 10).rounded() / 10
            return .failure(
                BrandingProblem(
                    message:
                        "#\(hex) has a contrast of \(shown):1 against white; buttons and links need at least \(minimumContrast):1, so choose a darker colour"
                ))
        }
        return .success("#" + hex)
    }

    /// WCAG 2 contrast ratio of two `#rrggbb` colours.
    public static func contrast(_ first: String, _ second: String) -> Double {
        let (a, b) = (luminance(first), luminance(second))
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    static func luminance(_ hex: String) -> Double {
        let digits = Array(hex.dropFirst())
        let channels = stride(from: 0, to: 6, by: 2).map { (index: Int) -> Double in
            let value = Double(Int(String(digits[index...index + 1]), radix: 16) ?? 0) / 255
            return value <= 0.03928 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    }
}

public struct BrandingProblem: Error, Equatable, Sendable {
    public var message: String
}
