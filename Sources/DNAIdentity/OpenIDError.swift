/// Why signing in through the identity provider did not work, in words for the person or the
/// operator. Which case it is decides what happens: a misconfiguration stops start-up, an
/// unreachable provider shows a sign-in error page and is asked again next time, a refused
/// token never signs anyone in.
public enum OpenIDError: Error, Equatable, CustomStringConvertible {
    /// The provider answered, but not as the settings say it should (wrong issuer, no keys).
    case misconfigured(String)
    /// The provider could not be reached or failed (network, timeout, 5xx).
    case unavailable(String)
    /// The provider, or this server's checks, refused this sign-in.
    case refused(String)

    public var description: String {
        switch self {
        case .misconfigured(let text), .unavailable(let text), .refused(let text): text
        }
    }
}
