import DNACore

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
