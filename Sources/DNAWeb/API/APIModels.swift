import DNACore

/// Request bodies of the JSON API as the use cases take them: the generated layer has checked
/// each against its schema in the document, then `GeneratedAPI.input` reads it as one of these.
enum APIRequest {
    struct NewWorkspace: Decodable {
        var slug: String
        var name: String
        var minGroupSize: Int?
    }

    struct NewUnit: Decodable {
        var code: String
        var name: String
        var parentId: String?
    }

    struct NewRole: Decodable {
        var code: String
        var name: String
        var unitId: String?
    }

    struct NewUser: Decodable {
        var email: String
        var name: String
        var password: String
        var instanceAdmin: Bool?
    }

    struct SetMember: Decodable {
        var email: String
        var access: Access
    }

    struct NewToken: Decodable {
        var name: String
    }
}

extension APIRequest {
    struct NewCampaign: Decodable {
        var name: String
        /// A built-in instrument id; ignored when `instrumentYaml` is given.
        var instrument: String?
        var instrumentYaml: String?
        var opensAt: Int64
        var closesAt: Int64?
        /// Unit code -> number of people invited.
        var population: [String: Int]
    }

    struct NewLinks: Decodable {
        var unit: String
        var count: Int
    }

    struct NewResponse: Decodable {
        var respondent: String?
        var unit: String
        var role: String?
        var answers: [String: String]
    }

    struct NewOutcome: Decodable {
        var code: String
        var direction: CustomerOutcome.Direction
        var metric: String
        var object: String
        var clarifier: String?
    }

    struct NewTension: Decodable {
        var force: String
        var text: String
        var source: Tension.Source?
        var campaignId: String?
    }

    struct NewExperiment: Decodable {
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
