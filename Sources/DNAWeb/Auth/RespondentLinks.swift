import DNAApp

/// Respondent links for callers outside the web module (the CLI): the same secrets and
/// hashes the server checks.
public enum RespondentLinks {
    public static func url(base: String, token: String) -> String {
        (base.hasSuffix("/") ? String(base.dropLast()) : base) + SiteURL.respond(token).path
    }
    /// A customer's survey link.
    public static func customerURL(base: String, token: String) -> String {
        (base.hasSuffix("/") ? String(base.dropLast()) : base) + SiteURL.customerSurvey(token).path
    }
}
