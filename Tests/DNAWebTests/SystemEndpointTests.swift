import DNACore
import DNAStore
import DNATestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DNAWeb

@Suite("Operator endpoints and the API description")
struct SystemEndpointTests {
    @Test("healthz, readyz, metrics and the stylesheet answer without signing in", arguments: TestDatabase.available)
    func endpoints(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            #expect(try health.json()["status"] as? String == "ok")
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(try ready.json()["database"] as? String == database.rawValue)
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(metrics.text.contains("http_server_request_duration"))
            let css = try await client.execute(uri: "/static/app.css", method: .get)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
        }
    }

    @Test("readyz answers 503 when the database is gone")
    func readyWithoutDatabase() async throws {
        try await WebFixture.run(.sqlite) { fixture, client in
            await fixture.store.close()
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.errorMessage == "the database is not reachable")
        }
    }

    @Test("every documented operation is routed, and every API route is documented")
    func openAPIMatchesRouter() async throws {
        try await TestDatabase.sqlite.withStore { store in
            // setup
            let router = buildRouter(AppDependencies(store: store, configuration: AppConfiguration(database: store.location)))
            func normalize(_ path: String) -> String {
                path.replacing(/\{[^}]+\}|:[A-Za-z_]+/, with: "{}")
            }
            // MUT
            let routed = Set(router.routes.map { "\($0.method.rawValue.lowercased()) \(normalize($0.path.description))" })
            let documented = Set(OpenAPIDocument.operations.map { "\($0.method) \(normalize($0.path))" })
            // validation
            #expect(documented.subtracting(routed).isEmpty, "documented but not routed: \(documented.subtracting(routed).sorted())")
            let undocumentedAPI = routed.filter { $0.contains(" /api/") }.subtracting(documented)
            #expect(undocumentedAPI.isEmpty, "routed but not documented: \(undocumentedAPI.sorted())")
            #expect(documented.count == OpenAPIDocument.operations.count)
        }
    }

    @Test("the served document is valid JSON for OpenAPI 3 with every schema it refers to")
    func servedDocument() async throws {
        try await WebFixture.run(.sqlite) { _, client in
            let response = try await client.execute(uri: "/openapi.json", method: .get)
            let document = try response.json()
            #expect((document["openapi"] as? String)?.hasPrefix("3.") == true)
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let references = Set(
                response.text.replacingOccurrences(of: "\\/", with: "/").matches(of: /#\/components\/schemas\/([A-Za-z]+)/).map {
                    String($0.1)
                })
            #expect(!references.isEmpty)
            #expect(references.subtracting(schemas.keys).isEmpty, "missing schemas: \(references.subtracting(schemas.keys))")
        }
    }

    @Test("the committed openapi.json is served byte for byte, and states the limits the code keeps")
    func committedDocument() async throws {
        let file = CLITests.root.appendingPathComponent("Sources/DNAAPI/openapi.json")
        let committed = try Data(contentsOf: file)
        try await WebFixture.run(.sqlite) { _, client in
            let served = try await client.execute(uri: "/openapi.json", method: .get)
            #expect(Data(served.body.readableBytesView) == committed)
        }
        let document = try #require(try JSONSerialization.jsonObject(with: committed) as? [String: Any])
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
        // The rules the document repeats from the code: a password's length, the length of a
        // code, the links per request.
        let password = (schemas["NewUser"]?["properties"] as? [String: [String: Any]])?["password"]
        #expect(password?["minLength"] as? Int == Accounts.minimumPasswordLength)
        let unitCode = (schemas["NewUnit"]?["properties"] as? [String: [String: Any]])?["code"]
        #expect(
            unitCode?["maxLength"] as? Int == 64 && !FileID.isValid(String(repeating: "a", count: 65))
                && FileID.isValid(String(repeating: "a", count: 64)))
        for name in ["NewLinks", "NewSurveyLinks"] {
            let count = (schemas[name]?["properties"] as? [String: Any])?["count"] as? [String: Any]
            #expect(count?["maximum"] as? Int == CampaignRepository.linksPerRequest, "\(name)")
        }
        // Every 413 names the limit the server applies to that kind of body.
        let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
        let responses = try #require((document["components"] as? [String: Any])?["responses"] as? [String: [String: Any]])
        var checked = 0
        for (path, operations) in paths {
            for (method, operation) in operations {
                guard let reference = (operation["responses"] as? [String: [String: Any]])?["413"]?["$ref"] as? String,
                    let tooLarge = responses[String(reference.split(separator: "/").last ?? "")]?["description"] as? String
                else {
                    continue
                }
                let content = ((operation["requestBody"] as? [String: Any])?["content"] as? [String: Any])?.keys.first
                let limit = content == "application/json" ? BodyLimit.json : BodyLimit.file
                #expect(tooLarge == "The body is larger than \(limit.description)", "\(method) \(path)")
                checked += 1
            }
        }
        #expect(checked > 20)
    }
}
