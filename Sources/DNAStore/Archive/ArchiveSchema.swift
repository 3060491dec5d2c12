/// What a workspace archive holds, table by table, in the order the tables are written and
/// read back: a table comes after every table it points at, so an import can insert in file
/// order. This list is the format's documentation too (README, "Workspace archive").
///
/// Left out on purpose: the instance's users, sessions, API tokens, SCIM tokens and sign-in attempts (a
/// workspace's members travel as e-mail and access instead), the kept assessment sums (rebuilt
/// from the responses on first read), and the mail outbox (its bodies hold personal links in
/// readable form; send or discard mail before moving a workspace).
enum ArchiveSchema {
    enum Kind: Equatable, Sendable {
        case text, integer, real
        /// A row id (a UUID as text): kept on a move, replaced on a copy.
        case id
        /// The id of a row of that table, in this archive.
        case reference(String)
    }

    struct Column: Sendable {
        let name: String
        let kind: Kind
        let nullable: Bool
    }

    /// How a table's rows belong to the workspace: by their `workspace_id`, or through a
    /// column pointing at a row of a table that does.
    enum Scope: Sendable {
        case workspace
        case parent(column: String, table: String)
    }

    struct Table: Sendable {
        let name: String
        let scope: Scope
        let columns: [Column]
        /// The primary key, which orders the rows so an archive of the same data is the same
        /// file.
        let key: [String]

        var idColumns: [String] { columns.filter { $0.kind == .id }.map(\.name) }
        func column(_ name: String) -> Column? { columns.first { $0.name == name } }
    }

    static let format = "customerdna-workspace"
    static let version = 1

    /// Written as `name:type`, type one of text, int, real, id and `ref(table)`, with `?` for a
    /// column that may be null.
    static let tables: [Table] = [
        table("units", "id:id code:text parent_id:ref(units)? name:text"),
        table("roles", "id:id code:text name:text unit_id:ref(units)?"),
        table("frameworks", "id:text name:text source:text created_at:int", key: ["id"]),
        table("instruments", "id:id code:text title:text source:text created_at:int"),
        table("participants", "id:id email:text name:text unit_id:ref(units) role_id:ref(roles)? language:text? manager_email:text?"),
        table(
            "scim_identities",
            "participant_id:ref(participants) user_name:text external_id:text? active:int created_at:int updated_at:int",
            key: ["participant_id"]),
        table("segments", "id:id code:text name:text description:text"),
        table("jobs", "id:id code:text statement:text situation:text step:text?"),
        table("outcomes", "id:id code:text job_id:ref(jobs)? direction:text metric:text object:text clarifier:text translations:text"),
        table("offerings", "id:id code:text name:text kind:text description:text"),
        table(
            "offering_jobs", "offering_id:ref(offerings) job_id:ref(jobs)", parent: ("offering_id", "offerings"),
            key: ["offering_id", "job_id"]),
        table("customer_tasks", "id:id code:text title:text translations:text"),
        table(
            "campaigns",
            "id:id name:text instrument_code:text instrument_source:text opens_at:int closes_at:int? open_link:text? created_at:int"),
        table(
            "campaign_units", "campaign_id:ref(campaigns) unit_id:ref(units) invited:int", parent: ("campaign_id", "campaigns"),
            key: ["campaign_id", "unit_id"]),
        table(
            "responses",
            "id:id campaign_id:ref(campaigns) respondent_key:text? unit_id:ref(units)? role_id:ref(roles)? likert:text outcome:text? source:text started_at:int submitted_at:int?",
            parent: ("campaign_id", "campaigns")),
        table(
            "response_texts", "response_id:ref(responses) item_id:text value:text", parent: ("response_id", "responses"),
            key: ["response_id", "item_id"]),
        table(
            "respondent_tokens",
            "token_hash:text campaign_id:ref(campaigns) unit_id:ref(units)? response_id:ref(responses)? created_at:int used_at:int?",
            parent: ("campaign_id", "campaigns"), key: ["token_hash"]),
        table(
            "invitations",
            "id:id campaign_id:ref(campaigns) participant_id:ref(participants) token_hash:text invited_on:int reminded_on:int? reminders:int opened_on:int?"
        ),
        table(
            "reminder_days", "campaign_id:ref(campaigns) day:int ran_at:int? reminded:int?", key: ["campaign_id", "day"]),
        table("tensions", "id:id campaign_id:ref(campaigns)? framework:text dimension:text text:text source:text created_at:int"),
        table(
            "action_plans",
            "id:id campaign_id:ref(campaigns)? title:text source:text tension_id:ref(tensions)? owner_email:text? due_on:text status:text framework:text dimension:text unit_id:ref(units)? initiative:text? created_at:int"
        ),
        table(
            "experiments",
            "id:id tension_id:ref(tensions)? framework:text dimension:text practice:text hypothesis:text participants:text duration_days:int review_on:text outcome:text? created_at:int"
        ),
        table(
            "customer_surveys",
            "id:id kind:text name:text public_title:text opens_at:int closes_at:int? open_link:text? long_neck_share:real top_share:real created_at:int"
        ),
        table(
            "survey_items", "survey_id:ref(customer_surveys) position:int code:text text:text translations:text",
            parent: ("survey_id", "customer_surveys"), key: ["survey_id", "code"]),
        table(
            "survey_respondents",
            "id:id survey_id:ref(customer_surveys) respondent_key:text? segment:text shown_order:text source:text started_at:int submitted_at:int?",
            parent: ("survey_id", "customer_surveys")),
        table(
            "survey_answers",
            "respondent_id:ref(survey_respondents) item:text importance:int? satisfaction:int? not_applicable:int",
            parent: ("respondent_id", "survey_respondents"), key: ["respondent_id", "item"]),
        table(
            "survey_tokens",
            "token_hash:text survey_id:ref(customer_surveys) segment:text? respondent_id:ref(survey_respondents)? created_at:int used_at:int?",
            parent: ("survey_id", "customer_surveys"), key: ["token_hash"]),
        table(
            "survey_invitations",
            "id:id survey_id:ref(customer_surveys) email:text name:text language:text? segment:text? token_hash:text invited_on:int opened_on:int? reminded_on:int? reminders:int"
        ),
        table("task_tests", "id:id code:text task_code:text? question:text answer:text target_seconds:real"),
        table("task_rounds", "id:id name:text held_on:text created_at:int"),
        table(
            "task_attempts", "round_id:ref(task_rounds) participant:text test_code:text result:text seconds:real target_seconds:real",
            parent: ("round_id", "task_rounds"), key: ["round_id", "participant", "test_code"]),
        table("journeys", "id:id code:text name:text segment:text"),
        table(
            "journey_steps",
            "id:id journey_id:ref(journeys) position:int name:text customer_minutes:real organization_minutes:real frequency:real customers:int",
            parent: ("journey_id", "journeys")),
        table(
            "journey_changes",
            "id:id journey_id:ref(journeys) step_name:text title:text changed_on:text customer_before:real customer_after:real organization_before:real organization_after:real frequency:real customers:int created_at:int",
            parent: ("journey_id", "journeys")),
        table(
            "customer_metric_answers", "metric:text respondent:text segment:text answered_on:text value:real",
            key: ["metric", "respondent", "answered_on"]),
        table(
            "los_nodes",
            "id:id code:text type:text title:text description:text effort:real? budget:real? status:text? shipped_on:text? position:int"),
        table("los_edges", "from_id:ref(los_nodes) to_id:ref(los_nodes)", parent: ("from_id", "los_nodes"), key: ["from_id", "to_id"]),
        table(
            "metrics", "id:id code:text name:text kind:text unit:text direction:text target:real? node_id:ref(los_nodes)?"),
        table(
            "measurements", "metric_id:ref(metrics) measured_on:text value:real", parent: ("metric_id", "metrics"),
            key: ["metric_id", "measured_on"]),
        table(
            "objectives",
            "id:id code:text title:text customer_metric_id:ref(metrics) business_metric_id:ref(metrics) strategy_id:ref(los_nodes)?"),
        table(
            "hypotheses",
            "id:id code:text change:text segment:text outcome:text impact:text metric_id:ref(metrics)? metric_from:real? metric_to:real? by_date:text? status:text strategy_id:ref(los_nodes)? initiative_id:ref(los_nodes)? believed:text? observed:text? learned:text? next_step:text? created_on:text closed_on:text?"
        ),
        table("evidence", "id:id code:text kind:text source:text title:text body:text captured_on:text segment:text"),
        table("evidence_tags", "evidence_id:ref(evidence) tag:text", parent: ("evidence_id", "evidence"), key: ["evidence_id", "tag"]),
        table(
            "evidence_links", "evidence_id:ref(evidence) target_kind:text target_code:text stance:text",
            parent: ("evidence_id", "evidence"),
            key: ["evidence_id", "target_kind", "target_code"]),
        table(
            "decisions",
            "id:id code:text title:text context:text options:text chosen:text involvement:text decided_by:text unit_id:ref(units)? decided_on:text initiative_id:ref(los_nodes)?"
        ),
        table(
            "workspace_branding", "display_name:text accent:text logo_type:text? logo_digest:text? logo_data:text? updated_at:int",
            key: ["workspace_id"]),
        table("sso_group_roles", "group_name:text access:text", key: ["group_name"]),
        table("audit_log", "id:id at:int actor:text via:text action:text record:text summary:text"),
    ]

    static func table(named name: String) -> Table? { tables.first { $0.name == name } }

    private static func table(
        _ name: String, _ columns: String, parent: (column: String, table: String)? = nil, key: [String]? = nil
    ) -> Table {
        let parsed = columns.split(separator: " ").map { token -> Column in
            let parts = token.split(separator: ":", maxSplits: 1).map(String.init)
            var type = parts[1]
            let nullable = type.hasSuffix("?")
            if nullable { type.removeLast() }
            let kind: Kind =
                switch type {
                case "text": .text
                case "int": .integer
                case "real": .real
                case "id": .id
                default: .reference(String(type.dropFirst("ref(".count).dropLast()))
                }
            return Column(name: parts[0], kind: kind, nullable: nullable)
        }
        return Table(
            name: name, scope: parent.map { .parent(column: $0.column, table: $0.table) } ?? .workspace, columns: parsed,
            key: key ?? ["id"])
    }
}
