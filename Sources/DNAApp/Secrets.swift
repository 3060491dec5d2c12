import Crypto
import Foundation

/// Random secrets and their one-way hashes, for sessions, CSRF and API tokens.
public enum Secrets {
    /// 32 random bytes as URL-safe base64: 256 bits, unguessable.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return urlSafe(Data(bytes))
    }

    /// Bytes as URL-safe base64 without padding, fit for a link's path.
    static func urlSafe(_ bytes: Data) -> String {
        bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// SHA-256 hex. Secrets are long and random, so a fast hash is enough (no bcrypt needed).
    public static func hash(_ secret: String) -> String {
        // Every API call hashes its token, so the hex is written by hand: String(format:)
        // per byte cost more than the hash itself.
        let digits = Array("0123456789abcdef".utf8)
        let digest = SHA256.hash(data: Data(secret.utf8))
        return String(unsafeUninitializedCapacity: SHA256.byteCount * 2) { buffer in
            var index = 0
            for byte in digest {
                buffer[index] = digits[Int(byte >> 4)]
                buffer[index + 1] = digits[Int(byte & 0x0f)]
                index += 2
            }
            return index
        }
    }

    /// Compares in time independent of where the strings differ.
    public static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
