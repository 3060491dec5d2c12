import DNACore
import DNATestSupport
import Foundation
import HummingbirdTesting
import Testing

@testable import DNAWeb

/// The segments found in an outcome study, on its results page: every customer in one of them,
/// how they cut across the given segments, and only on the page for all customers.
@Suite("Found customer segments in the pages")
struct FoundSegmentsWebTests {
    @Test("the demo study's results page lists the segments found in its answers", arguments: TestDatabase.available)
    func foundSegments(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let demo = try await fixture.store.loadDemo(now: 1_800_000_000)
            let study = try #require(try await fixture.store.surveys.all(workspaceID: demo.id).first { $0.kind == .outcomeStudy })
            let ratings = try await fixture.store.surveys.outcomeRatings(surveyID: study.id)
            let expected = try OutcomeSegments.find(ratings)
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let path = "/w/harbor/surveys/\(study.id)/results"
            let page = try await client.execute(uri: path, method: .get, headers: session.headers).text
            #expect(page.contains("Segments found in the answers") && page.contains("\(expected.k) segments chosen by the silhouette"))
            #expect(expected.segments.map(\.size).reduce(0, +) == Set(ratings.map(\.respondent)).count)
            for segment in expected.segments {
                #expect(page.contains(#"<td role="cell" data-label="Customers">\#(segment.size)</td>"#), "\(segment.segment)")
            }
            let households = try await client.execute(uri: path + "?segment=households", method: .get, headers: session.headers).text
            #expect(
                households.contains("Outcomes by opportunity") && !households.contains("Segments found in the answers"),
                "a given segment's page does not cluster again")
        }
    }
}
