/// A person with access to a workspace, as its members page lists them.
public struct Member: Equatable, Sendable {
    public var user: User
    public var access: Access
    /// Deactivated: kept with their access level, but without access until reactivated.
    public var active: Bool
    /// Invited by e-mail and not yet signed up through their link.
    public var invited: Bool

    public init(user: User, access: Access, active: Bool, invited: Bool) {
        self.user = user
        self.access = access
        self.active = active
        self.invited = invited
    }
}
