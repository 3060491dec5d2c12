import Foundation

/// The OpenAPI 3 document of the API. It is a committed file, `Resources/openapi.json`: the
/// source of truth for paths, request bodies, limits and response schemas, edited as a file
/// and served byte for byte at `/openapi.json`. Tests hold the code to it: the router and the
/// document list the same operations, schemathesis checks every response against its schema,
/// and the limits the code keeps (links per request, body sizes) are the ones it states.
enum OpenAPIDocument {
    struct Operation: Sendable, Equatable {
        var method: String
        var path: String
    }

    static let json: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"), let data = try? Data(contentsOf: url) else {
            fatalError("openapi.json is missing from the DNAWeb bundle")
        }
        return Array(data)
    }()

    /// Every documented operation, in the document's order of paths and methods.
    static let operations: [Operation] = {
        guard let document = try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any],
            let paths = document["paths"] as? [String: [String: Any]]
        else { fatalError("openapi.json is not an OpenAPI document") }
        let methods = ["get", "put", "post", "patch", "delete"]
        return paths.keys.sorted().flatMap { path in
            methods.filter { paths[path]?[$0] != nil }.map { Operation(method: $0, path: path) }
        }
    }()
}
