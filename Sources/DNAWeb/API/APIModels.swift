import DNACore

/// Response shapes the API computes from several records (a campaign's state at the time of
/// asking, its public link), in the domain's words; `documented` reads each into the
/// document's type, so a field the document does not list fails in the tests.
enum APIResponse {
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
}
