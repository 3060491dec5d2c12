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

    /// Desired outcomes of Harbor Mutual's customers: (code, direction, metric, object, clarifier).
    public static let outcomes: [(code: String, direction: CustomerOutcome.Direction, metric: String, object: String, clarifier: String)] =
        [
            ("report-claim-time", .minimize, "the time it takes", "to report a claim", "after an incident"),
            ("claim-status-unknown", .minimize, "the likelihood", "of not knowing where a claim stands", "while waiting for a decision"),
            ("settlement-time", .minimize, "the time it takes", "to receive a settlement", "once a claim is accepted"),
            ("repair-quality", .increase, "the likelihood", "that a repair is done right the first time", "after a claim"),
            ("cover-understanding", .increase, "the likelihood", "of understanding what a policy covers", "before buying it"),
            ("right-cover", .minimize, "the likelihood", "of being under-insured", "when circumstances change"),
            ("renewal-effort", .minimize, "the effort it takes", "to renew a policy", "each year"),
            ("price-surprise", .minimize, "the likelihood", "of an unexpected price rise", "at renewal"),
            ("repeat-details", .minimize, "the number of times", "customers must repeat their details", "when contacting us"),
            ("reach-help", .minimize, "the time it takes", "to reach someone who can help", "in an emergency"),
            ("broker-quote-time", .minimize, "the time it takes", "for a broker to get a quote", "for a business client"),
            ("payment-errors", .minimize, "the number of", "billing and payment errors", "over a policy year"),
        ]
}
