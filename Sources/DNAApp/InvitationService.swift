import Crypto
import DNACore
import DNAStore
import Foundation

/// Invitations and reminders by e-mail for an assessment wave: one personal single-use link
/// per participant of the wave's units, mailed through the outbox. The link's secret is not
/// stored: it is an HMAC of the invitation's id under the link key, so a reminder can carry
/// the same link again, and the database alone holds only its hash.
public struct InvitationService: WorkspaceUseCases {
    let store: Store
    let linkKey: SymmetricKey
    /// The configured public address links start with, never the request's.
    let publicURL: String

    /// `linkKey` is at least 32 bytes, kept outside the database (`CDNA_LINK_KEY`).
    public init(store: Store, linkKey: Data, publicURL: String) {
        self.store = store
        self.linkKey = SymmetricKey(data: linkKey)
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
    }

    static func secret(for invitationID: String, keyData: Data) -> String {
        secret(for: invitationID, key: SymmetricKey(data: keyData))
    }

    /// The link's secret for an invitation: URL-safe, 256 bits, the same every time.
    static func secret(for invitationID: String, key: SymmetricKey) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("invitation:\(invitationID)".utf8), using: key)
        return Secrets.urlSafe(Data(mac))
    }

    /// Invites the participants of the wave's units not invited yet; returns how many.
    /// `contact` is whom the mail tells people to ask (the person sending it).
    public func invite(
        _ caller: Caller?, workspace slug: String, campaign campaignID: String, contact: String, now: Int64
    ) async throws
        -> Int
    {
        try await access.changing(slug, caller) { workspace in
            let campaign = try await openCampaign(workspace, campaignID, now: now)
            let key = linkKey
            let compose = try await composer(workspace: workspace, campaign: campaign, contact: contact, reminder: false, now: now)
            return try await store.invitations.invite(
                workspaceID: workspace.id, campaignID: campaign.id, now: now, link: { Self.secret(for: $0, key: key) },
                hash: Secrets.hash, compose: compose)
        }
    }

    /// Reminds the invited who have not handed in; returns how many.
    public func remind(
        _ caller: Caller?, workspace slug: String, campaign campaignID: String, contact: String, now: Int64
    ) async throws
        -> Int
    {
        try await access.changing(slug, caller) { workspace in
            let campaign = try await openCampaign(workspace, campaignID, now: now)
            let key = linkKey
            let compose = try await composer(workspace: workspace, campaign: campaign, contact: contact, reminder: true, now: now)
            return try await store.invitations.remind(
                workspaceID: workspace.id, campaignID: campaign.id, now: now, link: { Self.secret(for: $0, key: key) }, compose: compose
            ) ?? 0
        }
    }

    /// The wave, refused once it has closed: a link to a closed wave could not be used.
    func openCampaign(_ workspace: Workspace, _ id: String, now: Int64) async throws -> Campaign {
        let campaign = try await store.campaigns.campaign(workspaceID: workspace.id, id: id)
        guard campaign.state(at: now) != .closed else {
            throw StoreError.invalid("'\(campaign.name)' has closed; reopen it to invite or remind people")
        }
        return campaign
    }

    public func statuses(_ caller: Caller?, workspace slug: String, campaign campaignID: String) async throws -> [InvitationStatus] {
        let (workspace, _) = try await access.enter(slug, caller: caller, minimum: .analyst)
        return try await store.invitations.statuses(workspaceID: workspace.id, campaignID: campaignID)
    }

    /// The mail, in the participant's language (else the instrument's default), from the
    /// wave's instrument and the workspace's branding: the
    /// organization's name, the personal link, what anonymity means here, why the person got
    /// it and whom to ask. The link carries the participant's language, so the pages open in it.
    func composer(
        workspace: Workspace, campaign: Campaign, contact: String, reminder: Bool, now: Int64
    ) async throws -> @Sendable (Participant, String, String) -> OutboxMail {
        let instrument = try await store.campaigns.instrument(of: campaign)
        let face = try await PublicFace.of(workspace, in: store)
        let base = publicURL, organization = face.name, k = "\(workspace.minGroupSize)"
        return { person, secret, _ in
            let (language, linkLanguage) = InvitationLetter.language(of: person.language, fallback: instrument.defaultLanguage)
            let survey = instrument.localized(to: language).title
            let letter = InvitationLetter(
                language: language, organization: organization, name: person.name,
                subject: (reminder ? MailPhrase.reminderSubject : .invitationSubject).text(in: language, ["organization": organization]),
                opening: (reminder ? MailPhrase.reminderOpening : .invitationOpening).text(
                    in: language, ["organization": organization, "survey": survey]),
                link: base + "/r/" + secret + (linkLanguage.map { "?lang=\($0)" } ?? ""),
                button: MailPhrase.answerButton.text(in: language), assurance: MailPhrase.anonymity.text(in: language, ["k": k]),
                why: MailPhrase.why.text(in: language, ["organization": organization, "contact": contact]),
                logoURL: face.logoDigest.map { base + "/logo/" + $0 }, accent: face.accent)
            return letter.mail(
                workspaceID: workspace.id, purpose: (reminder ? "reminder:" : "invitation:") + campaign.id, recipient: person.email,
                now: now)
        }
    }
}
