import DNACore
import DNAStore
import DNATestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DNAWeb

@Suite("Line of sight pages and API")
struct LineOfSightWebTests {
    static func json(
        _ method: HTTPRequest.Method, _ uri: String, _ body: String, _ fixture: WebFixture, _ client: any TestClientProtocol
    )
        async throws -> TestResponse
    {
        var headers = HTTPFields.bearer(fixture.adminToken)
        headers[.contentType] = "application/json"
        return try await client.execute(
            uri: "/api/v1/workspaces/acme" + uri, method: method, headers: headers, body: ByteBuffer(string: body))
    }

    @Test(
        "the graph is built through the API, wrong edges are refused, and the check equals `analyze` on the export",
        arguments: TestDatabase.available)
    func graphAPI(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            _ = try await fixture.store.customerModels.importCustomerModel(
                workspaceID: fixture.acme.id, file: "m.yaml", text: CustomerModelWebTests.modelYAML)
            for body in [
                #"{"code": "win", "type": "strategy", "title": "Win on claims"}"#,
                #"{"code": "photos", "type": "initiative", "title": "Photo claims", "effort": 3, "budget": 100, "status": "shipped", "shipped_on": "2026-05-01"}"#,
                #"{"code": "intranet", "type": "initiative", "title": "Intranet", "effort": 1, "budget": 300}"#,
                #"{"code": "o1", "type": "outcome"}"#, #"{"code": "keep", "type": "impact", "title": "Retention"}"#,
            ] {
                let response = try await Self.json(.post, "/line-of-sight/nodes", body, fixture, client)
                #expect(response.status == .created, "\(response.text)")
            }
            for (from, to) in [("win", "photos"), ("photos", "o1"), ("o1", "keep"), ("win", "intranet")] {
                let response = try await Self.json(.post, "/line-of-sight/edges", #"{"from": "\#(from)", "to": "\#(to)"}"#, fixture, client)
                #expect(response.status == .created)
            }
            let wrong = try await Self.json(.post, "/line-of-sight/edges", #"{"from": "keep", "to": "photos"}"#, fixture, client)
            #expect(wrong.status == .badRequest)
            #expect(wrong.text.contains("an edge may not go impact -> initiative"))
            let unknownField = try await Self.json(
                .post, "/line-of-sight/nodes", #"{"code": "x", "type": "strategy", "titel": "X"}"#, fixture, client)
            #expect(unknownField.status == .badRequest && unknownField.text.contains("unknown field 'titel'"))

            let check = try await client.execute(
                uri: "/api/v1/workspaces/acme/line-of-sight/check", method: .get, headers: .bearer(fixture.adminToken))
            let report = try JSONDecoder().decode(LineOfSightCheck.Report.self, from: Data(check.text.utf8))
            #expect(
                Set(report.findings.map { "\($0.kind.rawValue) \($0.node)" }) == [
                    "inside-out intranet", "no-evidence win", "unmeasured keep", "unmeasured o1",
                ])
            #expect(report.coverage.effortShare == 0.75 && report.coverage.budgetShare == 0.25)
            let yaml = try await client.execute(
                uri: "/api/v1/workspaces/acme/line-of-sight?format=yaml", method: .get, headers: .bearer(fixture.adminToken))
            #expect(LineOfSightCheck.check(try LineOfSightLoader.load(file: "export.yaml", text: yaml.text)) == report)

            // Evidence, a decision citing it, and the humility figure.
            let evidence = try await Self.json(
                .post, "/evidence",
                #"{"kind": "quote", "source": "interview", "title": "Forty minutes on hold to report a claim", "captured_on": "2026-01-05", "tags": ["os-canvas/workflow"], "links": [{"target": "node", "code": "win", "stance": "supports"}]}"#,
                fixture, client)
            #expect(evidence.status == .created && evidence.text.contains("\"code\":\"E1\""))
            let decision = try await Self.json(
                .post, "/decisions",
                #"{"title": "Build photo claims", "involvement": "partner", "decided_on": "2026-02-01", "initiative": "photos", "evidence": ["E1"]}"#,
                fixture, client)
            #expect(decision.status == .created && decision.text.contains("\"code\":\"D1\""))
            _ = try await Self.json(
                .post, "/decisions", #"{"title": "Refresh the intranet", "involvement": "none", "decided_on": "2026-02-03"}"#, fixture,
                client)
            let humility = try await client.execute(
                uri: "/api/v1/workspaces/acme/humility", method: .get, headers: .bearer(fixture.adminToken)
            ).json()
            #expect((humility["overall"] as? [String: Any])?["share"] as? Double == 0.5)
            let agility = try await client.execute(
                uri: "/api/v1/workspaces/acme/agility", method: .get, headers: .bearer(fixture.adminToken)
            ).json()
            let overall = try #require(agility["overall"] as? [String: Any])
            // 2026-01-05 -> 2026-02-01 -> 2026-05-01: 27 and 89 days.
            #expect((overall["signal_to_decision_days"] as? [String: Any])?["median"] as? Double == 27)
            #expect((overall["decision_to_ship_days"] as? [String: Any])?["median"] as? Double == 89)
            let search = try await client.execute(
                uri: "/api/v1/workspaces/acme/evidence?q=hold+claims", method: .get, headers: .bearer(fixture.adminToken))
            #expect(search.text.contains("Forty minutes"))

            // Metrics through CSV, with located problems.
            _ = try await Self.json(
                .post, "/metrics",
                #"{"code": "minutes", "name": "Minutes to report", "kind": "customer-value", "direction": "down", "node": "o1"}"#, fixture,
                client)
            var csvHeaders = HTTPFields.bearer(fixture.adminToken)
            csvHeaders[.contentType] = "text/csv"
            let bad = try await client.execute(
                uri: "/api/v1/workspaces/acme/measurements/import", method: .post, headers: csvHeaders,
                body: ByteBuffer(string: "metric,date,value\nminutes,2026-01-31,x\n"))
            #expect(bad.status == .badRequest)
            #expect(try CustomerModelWebTests.problems(bad) == ["request body:2:20: value 'x' is not a number"])
            let good = try await client.execute(
                uri: "/api/v1/workspaces/acme/measurements/import", method: .post, headers: csvHeaders,
                body: ByteBuffer(string: "metric,date,value\nminutes,2026-01-31,27\nminutes,2026-02-28,12\n"))
            #expect(good.status == .ok)
            let values = try await client.execute(
                uri: "/api/v1/workspaces/acme/measurements?format=csv", method: .get, headers: .bearer(fixture.adminToken))
            #expect(values.text == "metric,date,value\nminutes,2026-01-31,27\nminutes,2026-02-28,12\n")
        }
    }

    @Test(
        "the pages draw the graph with inside-out flagged, filter by strategy, and log a decision from a form",
        arguments: TestDatabase.available)
    func pages(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            _ = try await fixture.store.customerModels.importCustomerModel(
                workspaceID: fixture.acme.id, file: "m.yaml", text: CustomerModelWebTests.modelYAML)
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let imported = try await CustomerModelWebTests.post(
                client, session, "/w/acme/line-of-sight/import", [("yaml", LineOfSightStoreTestsGraph.yaml)])
            #expect(imported.status == .ok && imported.text.contains("7 nodes added"))
            let page = try await client.execute(uri: "/w/acme/line-of-sight", method: .get, headers: session.headers)
            #expect(
                page.text.contains(
                    "<a class=\"node initiative inside-out\" id=\"node-intranet\" href=\"/w/acme/line-of-sight?zoom=100&amp;node=intranet#node-intranet\" data-code=\"intranet\""
                ))
            #expect(
                page.text.contains(
                    "<a class=\"node initiative line-of-sight\" id=\"node-photos\" href=\"/w/acme/line-of-sight?zoom=100&amp;node=photos#node-photos\""
                ))
            #expect(page.text.contains("1 of 2"))
            let customers = try await client.execute(uri: "/w/acme/customers", method: .get, headers: session.headers)
            let unaddressed = try #require(
                customers.text.components(separatedBy: "<ul class=\"unaddressed\">").last?.components(separatedBy: "</ul>").first)
            #expect(unaddressed.contains("o2") && !unaddressed.contains("o1"))
            let filtered = try await client.execute(uri: "/w/acme/line-of-sight?strategy=win", method: .get, headers: session.headers)
            #expect(filtered.text.contains("data-code=\"photos\"") && !filtered.text.contains("data-code=\"intranet\""))
            let table = try await client.execute(uri: "/w/acme/line-of-sight?view=table", method: .get, headers: session.headers)
            #expect(table.text.contains("class=\"stacked los-table\"") && !table.text.contains("los-graph"))

            let wrongEdge = try await CustomerModelWebTests.post(
                client, session, "/w/acme/line-of-sight/edges", [("from", "keep"), ("to", "win")])
            #expect(wrongEdge.status == .badRequest && wrongEdge.text.contains("an edge may not go impact -&gt; strategy"))
            let badYAML = try await CustomerModelWebTests.post(
                client, session, "/w/acme/line-of-sight/import", [("yaml", "nodes:\n  - {id: a, type: outcome}\n")])
            #expect(
                badYAML.status == .badRequest && badYAML.text.contains("model.yaml:2:5: outcome &#39;a&#39; is not in the customer model"))

            _ = try await CustomerModelWebTests.post(
                client, session, "/w/acme/evidence",
                [("title", "Customers wait on hold"), ("kind", "observation"), ("source", "support"), ("captured_on", "2026-01-02")])
            let logged = try await CustomerModelWebTests.post(
                client, session, "/w/acme/decisions",
                [
                    ("title", "Build photo claims"), ("involvement", "partner"), ("decided_on", "2026-02-01"), ("evidence", "E1"),
                    ("unit", ""),
                ])
            #expect(logged.status == .ok && logged.text.contains("Logged decision D1"))
            #expect(logged.text.contains("100%") && logged.text.contains("of decisions cite customer evidence"))
            let overview = try await client.execute(uri: "/w/acme/overview", method: .get, headers: session.headers)
            #expect(overview.status == .ok && overview.text.contains("Inside-out initiatives") && overview.text.contains("Intranet"))
        }
    }
}

extension LineOfSightWebTests {
    @Test(
        "choosing a node lights every path through it and opens its details; connecting offers only allowed targets and adds a customer outcome",
        arguments: TestDatabase.available)
    func chosenNode(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            _ = try await fixture.store.customerModels.importCustomerModel(
                workspaceID: fixture.acme.id, file: "m.yaml", text: CustomerModelWebTests.modelYAML)
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let yaml =
                LineOfSightStoreTestsGraph.yaml.replacingOccurrences(of: "title: Win on claims", with: "title: 'Win <b>big</b> & \"fast\"'")
                + "metrics:\n  - {id: wait-time, measures: o1}\n"
            let imported = try await CustomerModelWebTests.post(client, session, "/w/acme/line-of-sight/import", [("yaml", yaml)])
            #expect(imported.status == .ok, "\(imported.text)")
            let evidence = try await Self.json(
                .post, "/evidence",
                #"{"kind": "quote", "source": "interview", "title": "Claims take too long", "captured_on": "2026-01-05", "links": [{"target": "node", "code": "platform", "stance": "contradicts"}]}"#,
                fixture, client)
            #expect(evidence.status == .created)
            let hypothesis = try await Self.json(
                .post, "/hypotheses",
                #"{"code": "H1", "change": "Photo claims", "segment": "home", "outcome": "o1", "impact": "keep", "initiative": "photos", "strategy": "win"}"#,
                fixture, client)
            #expect(hypothesis.status == .created, "\(hypothesis.text)")
            func get(_ query: String) async throws -> String {
                let response = try await client.execute(uri: "/w/acme/line-of-sight" + query, method: .get, headers: session.headers)
                #expect(response.status == .ok)
                return response.text
            }

            // The capability's paths: what leads to it and what follows, nothing of the other strategy.
            let chosen = try await get("?node=platform")
            for code in ["win", "platform", "photos", "o1", "keep"] {
                #expect(
                    chosen.contains("on-path\" id=\"node-\(code)\" href=\"/w/acme/line-of-sight?zoom=100&amp;node=\(code)#node-\(code)\""),
                    "\(code)")
            }
            for code in ["cost", "intranet"] {
                #expect(
                    chosen.contains("off-path\" id=\"node-\(code)\" href=\"/w/acme/line-of-sight?zoom=100&amp;node=\(code)#node-\(code)\""),
                    "\(code)")
            }
            #expect(chosen.components(separatedBy: "class=\"edge on-path\"").count - 1 == 4)
            #expect(chosen.components(separatedBy: "class=\"edge off-path\"").count - 1 == 1)
            let details = try #require(chosen.components(separatedBy: "<section id=\"details\"").last)
            #expect(details.contains("Capability: Claims platform"))
            #expect(details.contains("contradicts</strong>: Claims take too long"))
            #expect(details.contains("No metric measures this node."))
            #expect(details.contains("Win &lt;b&gt;big&lt;/b&gt; &amp; &quot;fast&quot;") && !chosen.contains("<b>big</b>"))

            // An initiative's details: its metric-less outcome's metric shows on the outcome,
            // its hypothesis here, and the connect form offers only what it may lead to.
            let photos = try #require(try await get("?node=photos").components(separatedBy: "<section id=\"details\"").last)
            #expect(photos.contains("Effort</dt><dd>3 person-months") && photos.contains("Budget</dt><dd>100 thousands"))
            #expect(photos.contains("<span class=\"code\">H1</span> Photo claims (proposed)"))
            let select = try #require(
                photos.components(separatedBy: "<select id=\"edge-to\"").last?.components(separatedBy: "</select>").first)
            #expect(select.contains("value=\"keep\"") && select.contains("value=\"o2\""))
            #expect(select.contains("Customer outcomes not in the graph yet (added when connected)"))
            for refused in ["win", "cost", "platform", "intranet", "photos", "o1"] {
                #expect(!select.contains("value=\"\(refused)\""), "\(refused)")
            }
            let outcome = try #require(try await get("?node=o1").components(separatedBy: "<section id=\"details\"").last)
            #expect(outcome.contains("wait-time"))

            // A refused edge adds nothing, not even the outcome it named; an allowed one adds both.
            let refused = try await CustomerModelWebTests.post(
                client, session, "/w/acme/line-of-sight/edges", [("from", "win"), ("to", "o2")])
            #expect(refused.status == .badRequest && refused.text.contains("an edge may not go strategy -&gt; outcome"))
            #expect(!refused.text.contains("data-code=\"o2\""))
            let connected = try await CustomerModelWebTests.post(
                client, session, "/w/acme/line-of-sight/edges", [("from", "photos"), ("to", "o2")])
            #expect(connected.status == .ok && connected.text.contains("Connected photos -&gt; o2."))
            #expect(connected.text.contains("data-code=\"o2\""))
            let after = try #require(connected.text.components(separatedBy: "<section id=\"details\"").last)
            #expect(after.contains("Initiative: Photo claims") && after.contains("node=o2#details"))
            let log = try await fixture.store.auditLog.entries(workspaceID: fixture.acme.id)
            #expect(log.contains { $0.summary == "added the customer outcome 'o2' to the line of sight" })

            // Filters and scale; values the page does not know are ignored.
            let insideOut = try await get("?finding=inside-out")
            #expect(insideOut.contains("data-code=\"intranet\"") && insideOut.contains("data-code=\"cost\""))
            #expect(!insideOut.contains("data-code=\"photos\""))
            let fit = try await get("?zoom=fit")
            #expect(fit.contains("class=\"los-graph fit\"") && fit.contains(#"<input type="hidden" name="zoom" value="fit"/>"#))
            #expect(try await get("?zoom=150").contains("width=\"1950\""))
            #expect(try await get("?zoom=999&node=nope&finding=odd&strategy=%3Cx%3E").contains("width=\"1300\""))
        }
    }

    @Test("adding nodes and edges never reorders the nodes already drawn in a column")
    func stableLayout() throws {
        let before = LineOfSightGraph(
            nodes: [
                .init(code: "win", type: .strategy, title: "Win"), .init(code: "cost", type: .strategy, title: "Cost"),
                .init(code: "b", type: .initiative, title: "B"), .init(code: "a", type: .initiative, title: "A"),
                .init(code: "c", type: .initiative, title: "C"),
            ],
            edges: [.init(from: "win", to: "b"), .init(from: "cost", to: "a"), .init(from: "win", to: "c")])
        var after = before
        after.nodes += [.init(code: "aa", type: .initiative, title: "AA"), .init(code: "zz", type: .initiative, title: "ZZ")]
        after.edges += [.init(from: "win", to: "aa"), .init(from: "cost", to: "zz")]
        func initiatives(_ graph: LineOfSightGraph) -> [String] {
            let svg = LineOfSightChart.graph(
                graph, report: LineOfSightCheck.check(graph.model), options: .init(selected: nil, zoom: 100, href: { $0 }))
            // Drawn top to bottom: the order of the initiative links in the document.
            return svg.components(separatedBy: "<a class=\"node initiative").dropFirst().compactMap {
                $0.components(separatedBy: "data-code=\"").dropFirst().first?.components(separatedBy: "\"").first
            }
        }
        #expect(initiatives(before) == ["a", "b", "c"])
        // Grouped by the first strategy (by code) that reaches them, then by code.
        #expect(initiatives(after) == ["a", "zz", "aa", "b", "c"])
        #expect(initiatives(after).filter { ["a", "b", "c"].contains($0) } == initiatives(before))
    }

    @Test("a node's name is wrapped at words onto two lines and cut with an ellipsis, outcomes led by their direction's arrow")
    func nodeNames() {
        #expect(LineOfSightChart.wrap("Renew online in three steps", width: 12, lines: 2) == ["Renew online", "in three…"])
        #expect(LineOfSightChart.wrap("Short", width: 12, lines: 2) == ["Short"])
        #expect(LineOfSightChart.wrap("Supercalifragilistic", width: 8, lines: 2) == ["Supercal", "ifragil…"])
        let outcome = LineOfSightGraph.Node(code: "o1", type: .outcome, title: "Minimize the time it takes to report damage")
        #expect(LineOfSightChart.displayName(outcome) == "↓ the time it takes to report damage")
    }
}

/// The graph of the store tests, shared so both suites check the same figures.
enum LineOfSightStoreTestsGraph {
    static let yaml = """
        nodes:
          - {id: win, type: strategy, title: Win on claims}
          - {id: cost, type: strategy, title: Cut cost}
          - {id: platform, type: capability, title: Claims platform}
          - {id: photos, type: initiative, title: Photo claims, effort: 3, budget: 100}
          - {id: intranet, type: initiative, title: Intranet, effort: 1, budget: 300}
          - {id: o1, type: outcome, title: ignored}
          - {id: keep, type: impact, title: Retention}
        edges:
          - {from: win, to: platform}
          - {from: platform, to: photos}
          - {from: photos, to: o1}
          - {from: o1, to: keep}
          - {from: cost, to: intranet}

        """
}

extension LineOfSightWebTests {
    @Test("a refused form comes back with what was typed into it, and only into it", arguments: TestDatabase.available)
    func refusedFormKeepsValues(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let refused = try await CustomerModelWebTests.post(
                client, session, "/w/acme/line-of-sight/nodes",
                [
                    ("type", "initiative"), ("code", "photos"), ("title", "Photo claims <v2>"), ("effort", "3"),
                    ("budget", "-120"), ("status", "active"), ("description", "Fewer calls & faster payouts"),
                ])
            #expect(refused.status == .badRequest && refused.text.contains("Not saved: budget must be a number of 0 or more"))
            let text = refused.text
            #expect(text.contains(#"id="node-code" name="code" type="text" value="photos""#))
            #expect(text.contains(#"id="node-budget" name="budget" type="number" value="-120""#))
            #expect(text.contains(#"id="node-title" name="title" type="text" value="Photo claims &lt;v2&gt;""#))
            #expect(text.contains(#"id="node-description" name="description" type="text" value="Fewer calls &amp; faster payouts""#))
            #expect(text.contains(#"id="node-effort" name="effort" type="number" value="3""#))
            #expect(text.contains(#"<option value="initiative" selected>"#) && text.contains(#"<option value="active" selected>"#))
            // Another form of the page that also has a `title` field stays empty, and nothing
            // typed survives into the next page view.
            let evidence = try await CustomerModelWebTests.post(
                client, session, "/w/acme/evidence",
                [("title", ""), ("kind", "quote"), ("source", "support"), ("captured_on", "2026-13-45")])
            #expect(evidence.status == .badRequest && !evidence.text.contains("Photo claims"))
            let fresh = try await client.execute(uri: "/w/acme/line-of-sight", method: .get, headers: session.headers)
            #expect(!fresh.text.contains("Photo claims &lt;v2&gt;") && !fresh.text.contains(#"value="photos""#))
        }
    }
}

extension LineOfSightWebTests {
    @Test("hypotheses, evidence and decisions say what belongs there when empty, and how to start", arguments: TestDatabase.available)
    func emptyStates(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            for (path, what) in [
                ("/w/acme/hypotheses", "No hypotheses yet."), ("/w/acme/evidence", "No evidence yet."),
                ("/w/acme/decisions", "No decisions logged yet."),
            ] {
                let page = try await client.execute(uri: path, method: .get, headers: session.headers)
                #expect(page.text.contains("<div class=\"empty-state\" role=\"status\"><p><strong>\(what)</strong></p>"), "\(path)")
            }
            // A search that finds nothing says so instead.
            let search = try await client.execute(uri: "/w/acme/evidence?q=storm", method: .get, headers: session.headers)
            #expect(search.text.contains("0 items match") && !search.text.contains("No evidence yet."))
            _ = try await CustomerModelWebTests.post(
                client, session, "/w/acme/evidence",
                [("title", "Customers wait on hold"), ("kind", "observation"), ("source", "support"), ("captured_on", "2026-01-02")])
            let filled = try await client.execute(uri: "/w/acme/evidence", method: .get, headers: session.headers)
            #expect(!filled.text.contains("empty-state") && filled.text.contains("Customers wait on hold"))
        }
    }
}
