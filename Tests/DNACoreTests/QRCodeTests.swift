import Testing

@testable import DNACore

@Suite("QR codes")
struct QRCodeTests {
    /// Reads the 15 format bits of the copy around the top-left finder.
    static func formatBits(_ code: QRCode) -> Int {
        var bits = 0
        let positions = (0...5).map { (8, $0) } + [(8, 7), (8, 8), (7, 8)] + (9..<15).map { (14 - $0, 8) }
        for (index, (x, y)) in positions.enumerated() where code.isDark(x: x, y: y) { bits |= 1 << index }
        return bits
    }

    @Test("the smallest version that holds the text is chosen; a text too long is refused")
    func versions() throws {
        #expect(try QRCode("https://x.example/o/abc").size == 25)  // 23 bytes: version 2 (version 1-M holds 14)
        #expect(try QRCode(String(repeating: "a", count: 84)).size == 37)  // version 5-M holds 84 bytes
        #expect(try QRCode(String(repeating: "a", count: 85)).size == 41)
        #expect(try QRCode(String(repeating: "a", count: 213)).size == 57)
        #expect(throws: QRCode.Problem.tooLong(bytes: 214, limit: 213)) { _ = try QRCode(String(repeating: "a", count: 214)) }
    }

    @Test("finders, timing and dark module are in place, and the format bits say level M with a valid BCH code")
    func structure() throws {
        let code = try QRCode("https://cdna.example.org/o/7bQm2kZp9vXyL4tRcN8sWq3eHjU6aFgD1oKiBn5MzEY")
        let size = code.size
        for (x0, y0) in [(0, 0), (size - 7, 0), (0, size - 7)] {
            for dy in 0..<7 {
                for dx in 0..<7 {
                    let ring = max(abs(dx - 3), abs(dy - 3))
                    #expect(code.isDark(x: x0 + dx, y: y0 + dy) == (ring != 2), "finder at \(x0),\(y0)")
                }
            }
        }
        for index in 8..<(size - 8) {
            #expect(code.isDark(x: index, y: 6) == (index % 2 == 0) && code.isDark(x: 6, y: index) == (index % 2 == 0))
        }
        #expect(code.isDark(x: 8, y: size - 8))
        let format = Self.formatBits(code) ^ 0x5412
        #expect(format >> 13 == 0, "level M")
        var remainder = format >> 10
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        #expect(remainder & 0x3FF == format & 0x3FF, "the BCH check bits match")
    }

    @Test("Reed-Solomon: the remainder makes the block a multiple of the generator, the standard's example included")
    func reedSolomon() {
        // ISO/IEC 18004 annex I: "01234567" at 1-M gives these 16 data and 10 check codewords.
        let data: [UInt8] = [16, 32, 12, 86, 97, 128, 236, 17, 236, 17, 236, 17, 236, 17, 236, 17]
        #expect(ReedSolomon.remainder(data, divisor: ReedSolomon.divisor(degree: 10)) == [165, 36, 212, 193, 237, 54, 199, 135, 44, 85])
    }

    @Test("the SVG has a quiet zone, one path and an escaped title")
    func svg() throws {
        let code = try QRCode("https://x.example/o/abc")
        let svg = code.svg(title: "Open link <wave> & more")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 33 33\""))
        #expect(svg.contains("<title>Open link &lt;wave&gt; &amp; more</title>") && svg.contains("M4 4h1v1h-1z"))
    }
}
