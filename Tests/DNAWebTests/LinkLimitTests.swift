import DNACore
import DNAStore
import DNATestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DNAWeb

/// One rule for how many links a request makes (issue 13): `CampaignRepository.linksPerRequest`, obeyed by
/// the pages, the API and the command line, for assessment waves and customer surveys alike.
/// The API states it in its document (`maximum` of `count`, held equal to the rule by
/// `SystemEndpointTests`), so the generated layer refuses it there, naming the field.
@Suite("Link limit")
struct LinkLimitTests {
    static let message = "count: choose between 1 and 5,000 links at a time"

    @Test("pages and API refuse one link over the limit and store none", arguments: TestDatabase.available)
    func pagesAndAPI(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            // setup: a campaign and a survey, an admin's browser session
            #expect(CampaignRepository.linksPerRequest == 5000)
            let campaignID = try await AssessmentWebTests.createCampaign(client, fixture)
            _ = try await fixture.store.customerModels.importCustomerModel(
                workspaceID: fixture.acme.id, file: "m.yaml", text: CustomerModelWebTests.modelYAML)
            let survey = try await client.execute(
                uri: "/api/v1/workspaces/acme/surveys", method: .post, headers: .bearer(fixture.adminToken),
                body: ByteBuffer(string: #"{"kind":"top-tasks","name":"Vote","opens_at":1700000000}"#))
            let surveyID = try #require(try survey.json()["id"] as? String)
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            var formHeaders = session.headers
            formHeaders[.contentType] = "application/x-www-form-urlencoded"
            let claims = try #require(
                try await fixture.store.organization.units(workspaceID: fixture.acme.id).first { $0.code == "claims" })

            for count in [0, 5001] {
                // MUT: the API, for a wave and a survey
                let waveAPI = try await client.execute(
                    uri: "/api/v1/workspaces/acme/campaigns/\(campaignID)/links", method: .post, headers: .bearer(fixture.adminToken),
                    body: ByteBuffer(string: #"{"unit":"claims","count":\#(count)}"#))
                let surveyAPI = try await client.execute(
                    uri: "/api/v1/workspaces/acme/surveys/\(surveyID)/links", method: .post, headers: .bearer(fixture.adminToken),
                    body: ByteBuffer(string: #"{"count":\#(count)}"#))
                // MUT: the pages, for a wave and a survey
                let wavePage = try await client.execute(
                    uri: "/w/acme/campaigns/\(campaignID)/links", method: .post, headers: formHeaders,
                    body: AssessmentWebTests.form([("csrf_token", session.csrfToken), ("unit", "claims"), ("count", "\(count)")]))
                let surveyPage = try await client.execute(
                    uri: "/w/acme/surveys/\(surveyID)/links", method: .post, headers: formHeaders,
                    body: AssessmentWebTests.form([("csrf_token", session.csrfToken), ("count", "\(count)"), ("segment", "")]))
                // validation
                let documented = count == 0 ? "field 'count' must be at least 1" : "field 'count' must be at most 5000"
                #expect(waveAPI.status == .badRequest && waveAPI.errorMessage == documented, "\(count)")
                #expect(surveyAPI.status == .badRequest && surveyAPI.errorMessage == documented, "\(count)")
                #expect(wavePage.text.contains(Self.message), "\(count)")
                #expect(surveyPage.status == .badRequest && surveyPage.text.contains(Self.message), "\(count)")
            }
            let stored = try await fixture.store.read { db in
                try await db.raw("SELECT (SELECT COUNT(*) FROM respondent_tokens) + (SELECT COUNT(*) FROM survey_tokens) AS n").first()!
                    .decode(column: "n", as: Int.self)
            }
            #expect(stored == 0)
            // The store holds the rule too, for any caller that skips the check.
            await #expect(throws: StoreError.self) {
                try await fixture.store.campaigns.addRespondentTokens(
                    workspaceID: fixture.acme.id, campaignID: campaignID, unitID: claims.id,
                    tokenHashes: (0...CampaignRepository.linksPerRequest).map { "h\($0)" }, now: 1)
            }
            // Exactly the limit is allowed.
            let most = try await client.execute(
                uri: "/api/v1/workspaces/acme/campaigns/\(campaignID)/links", method: .post, headers: .bearer(fixture.adminToken),
                body: ByteBuffer(string: #"{"unit":"claims","count":5000}"#))
            #expect(most.status == .created)
            #expect(try #require(try most.json()["links"] as? [String]).count == 5000)
        }
    }

    @Test("the command line obeys the same limit with the same message")
    func commandLine() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = ["--data", directory.path]
        for arguments in [
            ["campaign", "links", "--workspace", "w", "--campaign", "c", "--unit", "u", "--count", "5001"],
            ["customers", "survey-links", "--workspace", "w", "--survey", "s", "--count", "5001"],
        ] {
            let run = try CLITests.cdna(arguments + data)
            #expect(run.status == 1 && run.error.contains(Self.message), "\(arguments[0]): \(run.error)")
        }
    }
}
