/// What can go wrong in the store, in terms the web layer and the CLI can act on.
/// Driver errors are translated into these, so SQL and driver details never leave this module.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The record does not exist (or, for tenancy, is not visible to the caller).
    case notFound(String)
    /// A uniqueness or reference rule would be broken.
    case conflict(String)
    /// The request itself is wrong (bad field value, cycle in the unit tree).
    case invalid(String)
    /// The database cannot be reached or opened.
    case unavailable(String)
    /// Too much work is waiting; the same request may succeed a moment later.
    case busy(String)
    /// Anything else; the message is for the log, not for the user.
    case failure(String)

    public var description: String {
        switch self {
        case .notFound(let message), .conflict(let message), .invalid(let message),
            .unavailable(let message), .busy(let message), .failure(let message):
            message
        }
    }
}

/// Reads an enumeration a row stores as text. A value the code does not know is an error,
/// never a silent default: it means a newer or a damaged database, and guessing would show
/// wrong figures as if they were right.
func storedValue<T: RawRepresentable>(_ type: T.Type, _ raw: String, column: String) throws -> T where T.RawValue == String {
    guard let value = T(rawValue: raw) else { throw StoreError.invalid("unknown stored \(column) '\(raw)'") }
    return value
}
