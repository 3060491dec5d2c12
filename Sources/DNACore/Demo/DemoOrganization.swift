/// The sample organization of `cdna demo` and `cdna serve --demo`: Harbor Mutual, a
/// mid-size insurer of about 1,100 people. Later capabilities add assessment waves, a
/// customer model and a line of sight to the same company, so the story stays one story.
public enum DemoOrganization {
    public static let slug = "harbor"
    public static let name = "Harbor Mutual"

    /// `unit,parent,name` rows, parents before children.
    public static let orgChartCSV = """
        unit,parent,name
        harbor,,Harbor Mutual
        exec,harbor,Executive office
        service,harbor,Customer service
        claims,harbor,Claims
        sales,harbor,Sales & brokers
        marketing,harbor,Marketing
        digital,harbor,Product & digital
        underwriting,harbor,Underwriting & pricing
        it,harbor,IT platforms
        data,it,Data & analytics
        finance,harbor,Finance
        people,harbor,People & culture
        admin,harbor,Administration & facilities

        """

    /// Roles as (code, name, unit code).
    public static let roles: [(code: String, name: String, unit: String)] = [
        ("ceo", "Chief executive", "exec"),
        ("coo", "Chief operating officer", "exec"),
        ("contact-agent", "Contact centre agent", "service"),
        ("service-team-lead", "Service team lead", "service"),
        ("claims-handler", "Claims handler", "claims"),
        ("loss-adjuster", "Loss adjuster", "claims"),
        ("broker-manager", "Broker relationship manager", "sales"),
        ("account-manager", "Commercial account manager", "sales"),
        ("marketing-manager", "Marketing manager", "marketing"),
        ("content-designer", "Content designer", "marketing"),
        ("product-owner", "Product owner", "digital"),
        ("ux-designer", "Service designer", "digital"),
        ("underwriter", "Underwriter", "underwriting"),
        ("pricing-actuary", "Pricing actuary", "underwriting"),
        ("platform-engineer", "Platform engineer", "it"),
        ("data-analyst", "Data analyst", "data"),
        ("accountant", "Management accountant", "finance"),
        ("payables-clerk", "Accounts payable clerk", "finance"),
        ("payroll-specialist", "Payroll specialist", "finance"),
        ("hr-partner", "People partner", "people"),
        ("office-coordinator", "Office coordinator", "admin"),
    ]
}
