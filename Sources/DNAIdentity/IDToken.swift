import Foundation

/// Who the provider says signed in, from an ID token whose signature and claims were checked.
public struct SignedInPerson: Sendable, Equatable {
    public var issuer: String
    public var subject: String
    public var email: String?
    /// nil when the provider does not say.
    public var emailVerified: Bool?
    public var name: String?
    public var groups: [String]
}

/// The claim checks of OpenID Connect Core 3.1.3.7, after the signature has been checked:
/// issuer, audience (and the authorized party when there are several audiences), expiry,
/// issue time and the nonce this server sent. Pure, so each refusal is tested on its own.
public struct IDTokenRules: Sendable {
    public var issuer: String
    public var clientID: String
    public var groupsClaim: String
    /// Seconds of clock difference allowed between this server and the provider.
    public var leeway: Int64 = 60

    public init(issuer: String, clientID: String, groupsClaim: String) {
        self.issuer = issuer
        self.clientID = clientID
        self.groupsClaim = groupsClaim
    }

    public func check(claims: [String: Any], nonce expectedNonce: String, now: Int64) throws(OpenIDError) -> SignedInPerson {
        guard let issued = claims["iss"] as? String, issued == issuer || issued == issuer + "/" else {
            throw .refused("the ID token was issued by '\(claims["iss"] as? String ?? "nobody")', not by '\(issuer)'")
        }
        let audiences: [String] =
            if let one = claims["aud"] as? String { [one] } else { (claims["aud"] as? [Any] ?? []).compactMap { $0 as? String } }
        guard audiences.contains(clientID) else {
            throw .refused("the ID token is meant for another application (audience \(audiences.joined(separator: ", ")))")
        }
        if audiences.count > 1, claims["azp"] as? String != clientID {
            throw .refused("the ID token has several audiences and names another authorized party")
        }
        guard let expires = Self.seconds(claims["exp"]) else { throw .refused("the ID token has no expiry time") }
        guard now < expires + leeway else { throw .refused("the ID token has expired") }
        if let issuedAt = Self.seconds(claims["iat"]), issuedAt > now + leeway {
            throw .refused("the ID token was issued in the future; check the clocks of this server and the provider")
        }
        guard let nonce = claims["nonce"] as? String, !expectedNonce.isEmpty, Self.constantTimeEqual(nonce, expectedNonce) else {
            throw .refused("the ID token does not carry this sign-in's nonce (an old token sent again, or one from another sign-in)")
        }
        guard let subject = claims["sub"] as? String, !subject.isEmpty, subject.count <= 255 else {
            throw .refused("the ID token names no subject")
        }
        let groups: [String] =
            if let one = claims[groupsClaim] as? String { [one] } else {
                (claims[groupsClaim] as? [Any] ?? []).compactMap { $0 as? String }
            }
        let verified: Bool? =
            switch claims["email_verified"] {
            case let flag as Bool: flag
            case let text as String: text == "true"
            default: nil
            }
        return SignedInPerson(
            issuer: issuer, subject: subject, email: (claims["email"] as? String).flatMap { $0.isEmpty ? nil : $0 },
            emailVerified: verified, name: (claims["name"] as? String) ?? (claims["preferred_username"] as? String), groups: groups)
    }

    static func seconds(_ value: Any?) -> Int64? {
        switch value {
        case let number as NSNumber: Int64(exactly: number.doubleValue.rounded(.down))
        default: nil
        }
    }

    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// The three parts of a compact JWS, read without trusting them: the header tells which key
/// and algorithm to check with, the payload is read only after the signature holds.
struct CompactToken {
    var header: [String: Any]
    var payload: [String: Any]

    init(_ token: String) throws(OpenIDError) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let header = Self.object(parts[0]), let payload = Self.object(parts[1]) else {
            throw .refused("the provider's ID token is not a signed JWT")
        }
        self.header = header
        self.payload = payload
    }

    static func object(_ part: Substring) -> [String: Any]? {
        var text = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}
