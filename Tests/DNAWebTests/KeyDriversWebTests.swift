import DNACore
import DNATestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DNAWeb

/// Key drivers from stored responses: the API gives the figures `cdna analyze drivers` gives
/// on the same answers read from a file, the results page draws them beside the force scores,
/// and a response added later is counted at once (the kept analysis is not served stale).
@Suite("Key drivers in the pages and API")
struct KeyDriversWebTests {
    /// The demo's autumn wave as the response file a survey tool would export.
    static func autumnFile() -> String {
        let instrument = BuiltInInstruments.customerDNA
        let wave = DemoAssessment.waves(instrument: instrument)[1]
        var lines = ["respondent,unit,role," + instrument.likertItems.map(\.id).joined(separator: ",") + ",line-of-sight"]
        for (index, person) in wave.respondents.enumerated() {
            let answers = person.likert.map { code in
                code == AssessmentResponses.missing ? "" : code == AssessmentResponses.dontKnow ? "dk" : String(code)
            }
            lines.append(
                (["p\(index)", person.unit, person.role] + answers + [person.outcome ?? ""]).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(
        "the API's drivers equal the command's on the same answers; the page shows them; a new response counts",
        arguments: TestDatabase.available)
    func storedDriversEqualTheFiles(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let demo = try await fixture.store.loadDemo(now: 1_800_000_000)
            let autumn = try #require(try await fixture.store.campaigns.all(workspaceID: demo.id).first { $0.name == "Pulse, autumn" })
            let instrument = BuiltInInstruments.customerDNA
            let fromFile = try DriverAnalysis.analyze(
                instrument: instrument,
                responses: try AssessmentResponseReader.read(file: "autumn.csv", text: Self.autumnFile(), instrument: instrument),
                options: .init(target: "line-of-sight", breakdown: .unit))
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let api = "/api/v1/workspaces/harbor/campaigns/\(autumn.id)/drivers"
            let stored = try await client.execute(uri: api + "?by=unit", method: .get, headers: session.headers)
            #expect(stored.status == .ok, "\(stored.text)")
            let overall = try #require(try stored.json()["overall"] as? [String: Any])
            #expect(overall["n"] as? Int == fromFile.overall.n && overall["target"] as? String == "line-of-sight")
            #expect(abs((overall["r2"] as? Double ?? -1) - (fromFile.overall.r2 ?? 0)) < 1e-9)
            let drivers = try #require(overall["drivers"] as? [[String: Any]])
            #expect(drivers.count == 12)
            for driver in fromFile.overall.drivers {
                let same = try #require(drivers.first { $0["dimension"] as? String == driver.dimension })
                #expect(abs((same["weight"] as? Double ?? -1) - (driver.weight ?? 0)) < 1e-9, "\(driver.dimension)")
                #expect(abs((same["r"] as? Double ?? -1) - (driver.r ?? 0)) < 1e-9, "\(driver.dimension)")
                let low = same["ci95_low"] as? Double ?? .nan, high = same["ci95_high"] as? Double ?? .nan
                // A percentile interval of a small weight may lie wholly above it (weights are
                // never negative), so only its order is checked here; tests/analytics checks it.
                #expect(low <= high, "\(driver.dimension): an interval")
            }
            // Units under max(k, 30) respondents are named and nothing else.
            let groups = try #require(try stored.json()["groups"] as? [[String: Any]])
            #expect(groups.filter { $0["suppressed"] as? Bool == true }.allSatisfy { $0.count == 2 })
            #expect(groups.contains { $0["suppressed"] == nil && ($0["n"] as? Int ?? 0) >= 30 })

            let page = try await client.execute(uri: "/w/harbor/campaigns/\(autumn.id)/results", method: .get, headers: session.headers)
            #expect(page.text.contains("What drives line of sight") && page.text.contains("class=\"chart drivers\""))
            #expect(page.text.contains("Share of what the forces explain, with 95% interval"))

            // One more complete response after the wave is reopened: the next read counts it.
            let reopened = try await client.execute(
                uri: "/api/v1/workspaces/harbor/campaigns/\(autumn.id)/reopen", method: .post, headers: .bearer(fixture.adminToken))
            #expect(reopened.status == .ok, "\(reopened.text)")
            var answers = Dictionary(uniqueKeysWithValues: instrument.likertItems.map { ($0.id, "4") })
            answers["line-of-sight"] = "settlement-time"
            let body = try JSONSerialization.data(withJSONObject: ["respondent": "late", "unit": "claims", "answers": answers])
            let sent = try await client.execute(
                uri: "/api/v1/workspaces/harbor/campaigns/\(autumn.id)/responses", method: .post, headers: .bearer(fixture.adminToken),
                body: ByteBuffer(bytes: body))
            #expect(sent.status == .created, "\(sent.text)")
            let again = try await client.execute(uri: api + "?by=unit", method: .get, headers: session.headers)
            #expect((try again.json()["overall"] as? [String: Any])?["n"] as? Int == fromFile.overall.n + 1)
            let bad = try await client.execute(uri: api + "?target=os-canvas/nothing", method: .get, headers: session.headers)
            #expect(
                bad.status == .badRequest
                    && bad.errorMessage == "target os-canvas/nothing: no dimension of that name has items in the instrument", "\(bad.text)")
            let viewerless = try await client.execute(uri: api, method: .get, headers: .bearer(fixture.outsiderToken))
            #expect(viewerless.status == .notFound)
        }
    }
}
