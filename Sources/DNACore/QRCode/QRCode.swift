/// A QR code (ISO/IEC 18004, model 2) for a link: byte mode, error correction level M,
/// versions 1 to 10 (up to 213 bytes), the mask with the lowest penalty. Written here so an
/// open link can be printed for places mail does not reach, without a package or a service.
public struct QRCode: Sendable {
    /// Modules per side.
    public let size: Int
    /// Dark modules, row by row.
    private let modules: [Bool]

    public func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }

    public enum Problem: Error, Equatable {
        /// The text needs more than version 10 at level M holds.
        case tooLong(bytes: Int, limit: Int)
    }

    /// The largest text, in UTF-8 bytes, a code can hold here.
    public static let byteLimit = 213

    public init(_ text: String) throws(Problem) {
        let bytes = Array(text.utf8)
        guard let version = Self.blocks.indices.first(where: { Self.fits(bytes.count, version: $0 + 1) }).map({ $0 + 1 }) else {
            throw .tooLong(bytes: bytes.count, limit: Self.byteLimit)
        }
        var matrix = Matrix(version: version)
        matrix.drawFunctionPatterns()
        matrix.drawCodewords(Self.interleaved(Self.dataCodewords(bytes, version: version), version: version))
        var best = (mask: 0, penalty: Int.max)
        for mask in 0..<8 {
            matrix.applyMask(mask)
            matrix.drawFormatBits(mask: mask)
            let penalty = matrix.penalty()
            if penalty < best.penalty { best = (mask, penalty) }
            matrix.applyMask(mask)  // a mask is its own inverse
        }
        matrix.applyMask(best.mask)
        matrix.drawFormatBits(mask: best.mask)
        size = matrix.size
        modules = matrix.dark
    }

    // MARK: Capacity and codewords

    /// Level M per version: error-correction codewords per block, and the blocks as
    /// (count, data codewords each).
    static let blocks: [(ecc: Int, groups: [(count: Int, data: Int)])] = [
        (10, [(1, 16)]), (16, [(1, 28)]), (26, [(1, 44)]), (18, [(2, 32)]), (24, [(2, 43)]),
        (16, [(4, 27)]), (18, [(4, 31)]), (22, [(2, 38), (2, 39)]), (22, [(3, 36), (2, 37)]), (26, [(4, 43), (1, 44)]),
    ]

    static func dataCapacity(version: Int) -> Int { blocks[version - 1].groups.reduce(0) { $0 + $1.count * $1.data } }

    /// Bits of the character count in byte mode.
    static func countBits(version: Int) -> Int { version < 10 ? 8 : 16 }

    static func fits(_ count: Int, version: Int) -> Bool {
        4 + countBits(version: version) + 8 * count <= 8 * dataCapacity(version: version)
    }

    /// Mode, count, the bytes, terminator and padding, as codewords.
    static func dataCodewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        var bits: [Bool] = []
        func append(_ value: Int, _ length: Int) {
            for shift in stride(from: length - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
        }
        append(0b0100, 4)
        append(bytes.count, countBits(version: version))
        for byte in bytes { append(Int(byte), 8) }
        let capacity = 8 * dataCapacity(version: version)
        append(0, min(4, capacity - bits.count))
        append(0, (8 - bits.count % 8) % 8)
        var codewords = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while codewords.count < capacity / 8 {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    /// The data split into blocks, each followed by its Reed-Solomon codewords, then read
    /// out column by column across the blocks.
    static func interleaved(_ data: [UInt8], version: Int) -> [UInt8] {
        let layout = blocks[version - 1]
        let divisor = ReedSolomon.divisor(degree: layout.ecc)
        var dataBlocks: [[UInt8]] = []
        var start = 0
        for group in layout.groups {
            for _ in 0..<group.count {
                dataBlocks.append(Array(data[start..<start + group.data]))
                start += group.data
            }
        }
        let eccBlocks = dataBlocks.map { ReedSolomon.remainder($0, divisor: divisor) }
        var result: [UInt8] = []
        for index in 0..<(dataBlocks.map(\.count).max() ?? 0) {
            for block in dataBlocks where index < block.count { result.append(block[index]) }
        }
        for index in 0..<layout.ecc {
            for block in eccBlocks { result.append(block[index]) }
        }
        return result
    }
}

/// Reed-Solomon over GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
enum ReedSolomon {
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var z = 0
        for shift in stride(from: 7, through: 0, by: -1) {
            z = (z << 1) ^ ((z >> 7) * 0x11D)
            z ^= ((Int(y) >> shift) & 1) * Int(x)
        }
        return UInt8(z & 0xFF)
    }

    /// The generator polynomial of `degree`, highest coefficient first, leading 1 left out.
    static func divisor(degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for index in 0..<degree {
                result[index] = multiply(result[index], root)
                if index + 1 < degree { result[index] ^= result[index + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    static func remainder(_ data: [UInt8], divisor: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for index in result.indices { result[index] ^= multiply(divisor[index], factor) }
        }
        return result
    }
}
