import Testing

@testable import DNACore

@Suite("Branding rules")
struct BrandingRulesTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]

    @Test("a logo's type comes from its first bytes; SVG, text, empty and oversized files are refused")
    func logos() {
        #expect(BrandingRules.logoType(Self.png) == "image/png")
        #expect(BrandingRules.logoType([0xFF, 0xD8, 0xFF, 0xE0]) == "image/jpeg")
        #expect(BrandingRules.logoType(Array("GIF89a..".utf8)) == "image/gif")
        #expect(BrandingRules.logoType(Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)) == "image/webp")
        #expect(
            BrandingRules.logoProblem(Array("<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>".utf8))?.contains(
                "SVG is not accepted") == true)
        #expect(BrandingRules.logoProblem([]) == "the logo file is empty")
        #expect(BrandingRules.logoProblem(Self.png + [UInt8](repeating: 0, count: 300 * 1024)) == "the logo is 300 KB; at most 256 KB")
        #expect(BrandingRules.logoProblem(Self.png) == nil)
    }

    @Test("an accent is #rrggbb with at least 4.5:1 against white; the contrast follows WCAG 2")
    func accents() {
        #expect(BrandingRules.accent("#0B5CAD") == .success("#0b5cad"))
        #expect(BrandingRules.accent(" 7a1f5c ") == .success("#7a1f5c"))
        #expect(
            BrandingRules.accent("red") == .failure(BrandingProblem(message: "the accent colour must be written #rrggbb, such as #0b5cad")))
        guard case .failure(let pale) = BrandingRules.accent("#f1a208") else {
            Issue.record("a pale accent was accepted")
            return
        }
        #expect(pale.message.hasPrefix("#f1a208 has a contrast of 2.1:1 against white"))
        #expect(abs(BrandingRules.contrast("#000000", "#ffffff") - 21) < 0.001)
        #expect(abs(BrandingRules.contrast("#767676", "#ffffff") - 4.54) < 0.01)
    }
}
