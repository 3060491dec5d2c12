import Crypto
import DNACore
import DNAStore
import Foundation

/// Invitations and reminders by e-mail for an outcome study or a top-tasks vote, from a
/// customer address list (`email,name,language,segment`): one personal single-use link per
/// address, in the customer's language, through the outbox. As for waves, the link's secret
/// is an HMAC of the invitation's id under the link key and only its hash is stored.
public struct CustomerInvitationService: WorkspaceUseCases {
    let store: Store
    let linkKey: SymmetricKey
    let publicURL: String

    public init(store: Store, linkKey: Data, publicURL: String) {
        self.store = store
        self.linkKey = SymmetricKey(data: linkKey)
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
    }

    /// Reads the address list (all or nothing, located errors) and invites every address not
    /// invited to the survey yet; returns how many.
    public func invite(
        _ caller: Caller?, workspace slug: String, survey surveyID: String, file: String, text: String, contact: String, now: Int64
    ) async throws -> Int {
        try await access.changing(slug, caller) { workspace in
            let survey = try await openSurvey(workspace, surveyID, now: now)
            let segments = Set(try await store.customerModels.model(workspaceID: workspace.id).segments.map(\.code))
            let addresses = try CustomerAddressFile.parse(file: file, text: text, segments: segments)
            let key = linkKey
            return try await store.invitations.inviteCustomers(
                workspaceID: workspace.id, surveyID: survey.id, addresses: addresses, now: now,
                link: { InvitationService.secret(for: $0, key: key) }, hash: Secrets.hash,
                compose: try await composer(workspace: workspace, survey: survey, contact: contact, reminder: false, now: now))
        }
    }

    /// Reminds the customers invited who have not answered, with the same link; returns how many.
    public func remind(_ caller: Caller?, workspace slug: String, survey surveyID: String, contact: String, now: Int64) async throws -> Int
    {
        try await access.changing(slug, caller) { workspace in
            let survey = try await openSurvey(workspace, surveyID, now: now)
            let key = linkKey
            return try await store.invitations.remindCustomers(
                workspaceID: workspace.id, surveyID: survey.id, now: now, link: { InvitationService.secret(for: $0, key: key) },
                compose: try await composer(workspace: workspace, survey: survey, contact: contact, reminder: true, now: now))
        }
    }

    public func statuses(_ caller: Caller?, workspace slug: String, survey surveyID: String) async throws -> [SurveyInvitationStatus] {
        let (workspace, _) = try await access.enter(slug, caller: caller, minimum: .analyst)
        return try await store.invitations.surveyInvitationStatuses(workspaceID: workspace.id, surveyID: surveyID)
    }

    private func openSurvey(_ workspace: Workspace, _ id: String, now: Int64) async throws -> CustomerSurvey {
        let survey = try await store.surveys.survey(workspaceID: workspace.id, id: id)
        guard survey.state(at: now) != .closed else {
            throw StoreError.invalid("'\(survey.name)' has closed; reopen it to invite or remind customers")
        }
        return survey
    }

    /// The customer's mail, in their language (else English): the survey's public title,
    /// never its internal name.
    private func composer(
        workspace: Workspace, survey: CustomerSurvey, contact: String, reminder: Bool, now: Int64
    ) async throws -> InvitationRepository.CustomerMail {
        let face = try await PublicFace.of(workspace, in: store)
        let base = publicURL, organization = face.name
        return { address, secret, _ in
            let (language, linkLanguage) = InvitationLetter.language(of: address.language, fallback: "en")
            let letter = InvitationLetter(
                language: language, organization: organization, name: address.name,
                subject: (reminder ? MailPhrase.customerReminderSubject : .customerInvitationSubject).text(
                    in: language, ["organization": organization]),
                opening: (reminder ? MailPhrase.customerReminderOpening : .customerInvitationOpening).text(
                    in: language, ["organization": organization, "survey": survey.titleForCustomers(in: language)]),
                link: base + "/c/" + secret + (linkLanguage.map { "?lang=\($0)" } ?? ""),
                button: MailPhrase.customerButton.text(in: language), assurance: MailPhrase.customerPrivacy.text(in: language),
                why: MailPhrase.customerWhy.text(in: language, ["organization": organization, "contact": contact]),
                logoURL: face.logoDigest.map { base + "/logo/" + $0 }, accent: face.accent)
            return letter.mail(
                workspaceID: workspace.id, purpose: (reminder ? "survey-reminder:" : "survey-invitation:") + survey.id,
                recipient: address.email, now: now)
        }
    }
}
