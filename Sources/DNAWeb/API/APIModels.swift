import DNACore

/// Request bodies of the JSON API. Each lists its fields so unknown ones are refused.
enum APIRequest {
    struct NewWorkspace: StrictDecodable {
        static let fields: Set<String> = ["slug", "name", "min_group_size"]
        var slug: String
        var name: String
        var minGroupSize: Int?
    }

    struct NewUnit: StrictDecodable {
        static let fields: Set<String> = ["code", "name", "parent_id"]
        var code: String
        var name: String
        var parentId: String?
    }

    struct NewRole: StrictDecodable {
        static let fields: Set<String> = ["code", "name", "unit_id"]
        var code: String
        var name: String
        var unitId: String?
    }

    struct NewUser: StrictDecodable {
        static let fields: Set<String> = ["email", "name", "password", "instance_admin"]
        var email: String
        var name: String
        var password: String
        var instanceAdmin: Bool?
    }

    struct SetMember: StrictDecodable {
        static let fields: Set<String> = ["email", "access"]
        var email: String
        var access: Access
    }

    struct NewToken: StrictDecodable {
        static let fields: Set<String> = ["name"]
        var name: String
    }
}

extension APIRequest {
    struct NewCampaign: StrictDecodable {
        static let fields: Set<String> = ["name", "instrument", "instrument_yaml", "opens_at", "closes_at", "population"]
        var name: String
        /// A built-in instrument id; ignored when `instrumentYaml` is given.
        var instrument: String?
        var instrumentYaml: String?
        var opensAt: Int64
        var closesAt: Int64?
        /// Unit code -> number of people invited.
        var population: [String: Int]
    }

    struct NewLinks: StrictDecodable {
        static let fields: Set<String> = ["unit", "count"]
        var unit: String
        var count: Int
    }

    struct NewResponse: StrictDecodable {
        static let fields: Set<String> = ["respondent", "unit", "role", "answers"]
        var respondent: String?
        var unit: String
        var role: String?
        var answers: [String: String]
    }

    struct NewOutcome: StrictDecodable {
        static let fields: Set<String> = ["code", "direction", "metric", "object", "clarifier"]
        var code: String
        var direction: CustomerOutcome.Direction
        var metric: String
        var object: String
        var clarifier: String?
    }

    struct NewTension: StrictDecodable {
        static let fields: Set<String> = ["force", "text", "source", "campaign_id"]
        var force: String
        var text: String
        var source: Tension.Source?
        var campaignId: String?
    }

    struct NewExperiment: StrictDecodable {
        static let fields: Set<String> = [
            "force", "tension_id", "practice", "hypothesis", "participants", "duration_days", "review_on", "outcome",
        ]
        var force: String
        var tensionId: String?
        var practice: String
        var hypothesis: String
        var participants: String
        var durationDays: Int
        var reviewOn: String
        var outcome: String?
    }
}

/// Response bodies that are not plain domain records.
enum APIResponse {
    struct List<Item: Encodable>: Encodable {
        var items: [Item]
    }

    struct Me: Encodable {
        var user: User
        var workspaces: [WorkspaceAccess]
    }

    struct WorkspaceAccess: Encodable {
        var workspace: Workspace
        var access: Access
    }

    struct Member: Encodable {
        var user: User
        var access: Access
    }

    struct CreatedToken: Encodable {
        var token: APIToken
        /// Shown once; only its hash is stored.
        var secret: String
    }

    struct ImportResult: Encodable {
        var added: Int
        var updated: Int
    }

    /// A campaign as the API shows it: the frozen instrument is named, not repeated.
    struct CampaignInfo: Encodable {
        var id: String
        var name: String
        var instrument: String
        var opensAt: Int64
        var closesAt: Int64?
        var state: Campaign.State
        var openLink: String?
        var progress: CampaignProgress?

        init(_ campaign: Campaign, now: Int64, openLinkURL: String?, progress: CampaignProgress? = nil) {
            id = campaign.id
            name = campaign.name
            instrument = campaign.instrumentCode
            opensAt = campaign.opensAt
            closesAt = campaign.closesAt
            state = campaign.state(at: now)
            openLink = openLinkURL
            self.progress = progress
        }
    }

    struct Links: Encodable {
        var links: [String]
    }

    struct Created: Encodable {
        var id: String
    }

    struct Imported: Encodable {
        var imported: Int
    }
}
