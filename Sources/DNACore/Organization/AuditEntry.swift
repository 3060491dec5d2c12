/// One change in the audit log: who made it, when, through what, and to which record. Never
/// a respondent's answer: respondents are not actors here, and entries name records by code
/// or id, never by what someone answered.
public struct AuditEntry: Codable, Equatable, Sendable {
    /// Unix seconds.
    public var at: Int64
    /// Who acted: a user's e-mail (with the API token's name when one was used), or the
    /// operating-system user of a command-line run.
    public var actor: String
    public var via: AuditChannel
    /// What was done, as `area.verb` (`unit.add`, `campaign.create`, `workspace.create`).
    public var action: String
    /// The record changed, as `kind:key` (`unit:claims`, `campaign:<id>`).
    public var record: String
    /// A sentence for people.
    public var summary: String

    public init(at: Int64, actor: String, via: AuditChannel, action: String, record: String, summary: String) {
        self.at = at
        self.actor = actor
        self.via = via
        self.action = action
        self.record = record
        self.summary = summary
    }
}

/// Where a change came from (DESIGN.md, "Roll-out and administration").
public enum AuditChannel: String, Codable, Sendable, CaseIterable {
    case page, api, cli, scim, system
}
