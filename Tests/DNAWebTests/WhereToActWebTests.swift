import DNACore
import DNATestSupport
import Foundation
import HummingbirdTesting
import Testing

@testable import DNAWeb

/// Where to act on the demo, checked against the stored data read another way: every
/// underserved outcome of the study in order, the people in each unit who name it counted
/// from the responses, no unit under k, the initiatives from the graph's edges, and the page.
@Suite("Where to act in the pages and API")
struct WhereToActWebTests {
    @Test(
        "the demo's underserved outcomes with the units that serve them and the initiatives that reach them",
        arguments: TestDatabase.available)
    func whereToAct(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let demo = try await fixture.store.loadDemo(now: 1_800_000_000)
            let study = try #require(try await fixture.store.surveys.all(workspaceID: demo.id).first { $0.kind == .outcomeStudy })
            let underserved = OutcomeStudy.score(try await fixture.store.surveys.outcomeRatings(surveyID: study.id), bySegment: false)
                .filter { $0.status == .underserved }.sorted { $0.opportunity > $1.opportunity }.map(\.outcome)
            let autumn = try #require(try await fixture.store.campaigns.all(workspaceID: demo.id).max { $0.opensAt < $1.opensAt })
            let responses = try await fixture.store.campaigns.assessmentResponses(
                campaign: autumn, instrument: try autumn.instrument(frameworks: BuiltInFrameworks.all))
            let graph = try await fixture.store.lineOfSight.model(workspaceID: demo.id)
            let initiatives = Set(graph.nodes.filter { $0.type == .initiative }.map(\.code))

            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let response = try await client.execute(uri: "/api/v1/workspaces/harbor/where-to-act", method: .get, headers: session.headers)
            #expect(response.status == .ok, "\(response.text)")
            let json = try response.json()
            #expect(json["study"] as? String == study.name && json["campaign"] as? String == autumn.name)
            let outcomes = try #require(json["outcomes"] as? [[String: Any]])
            #expect(!underserved.isEmpty && outcomes.map { $0["outcome"] as? String ?? "" } == underserved)
            var unitsListed = 0
            for outcome in outcomes {
                let code = outcome["outcome"] as? String ?? ""
                for unit in outcome["units"] as? [[String: Any]] ?? [] {
                    let unitCode = unit["unit"] as? String ?? ""
                    let people = responses.respondents.filter { $0.unit == unitCode }
                    #expect(unit["respondents"] as? Int == people.count && people.count >= demo.minGroupSize, "\(unitCode)")
                    #expect(unit["naming"] as? Int == people.filter { $0.outcome == code }.count, "\(code) in \(unitCode)")
                    #expect((unit["weakest_forces"] as? [Any])?.count == 3 && (unit["top_drivers"] as? [Any])?.count == 3)
                    unitsListed += 1
                }
                let reaching = Set(graph.edges.filter { $0.to == code && initiatives.contains($0.from) }.map(\.from))
                #expect(
                    Set((outcome["initiatives"] as? [[String: Any]] ?? []).map { $0["initiative"] as? String ?? "" }) == reaching, "\(code)"
                )
            }
            #expect(unitsListed > 0)

            let page = try await client.execute(uri: "/w/harbor/where-to-act", method: .get, headers: session.headers)
            #expect(page.status == .ok && page.text.contains("Units whose people say their work serves it"))
            #expect(page.text.contains("What drives line of sight there") && page.text.contains(">Where to act</"))
            let outsider = try await client.execute(
                uri: "/api/v1/workspaces/harbor/where-to-act", method: .get, headers: .bearer(fixture.outsiderToken))
            #expect(outsider.status == .notFound)
        }
    }
}
