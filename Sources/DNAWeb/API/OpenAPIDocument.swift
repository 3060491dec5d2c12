import DNAAPI
import Foundation

/// The OpenAPI 3 document of the API. It is a committed file, `Sources/DNAAPI/openapi.json`: the
/// source of truth for paths, request bodies, limits and response schemas, edited as a file
/// and served byte for byte at `/openapi.json`. Tests hold the code to it: the router and the
/// document list the same operations, schemathesis checks every response against its schema,
/// and the limits the code keeps (links per request, body sizes) are the ones it states.
enum OpenAPIDocument {
    struct Operation: Sendable, Equatable {
        var method: String
        var path: String
    }

    static var json: [UInt8] { APIDocument.bytes }

    /// Parsed once and only read afterwards.
    nonisolated(unsafe) static let document: [String: Any] = {
        guard let document = try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any] else {
            fatalError("openapi.json is not JSON")
        }
        return document
    }()

    /// Every documented operation, in the document's order of paths and methods.
    static let operations: [Operation] = {
        guard let paths = document["paths"] as? [String: [String: Any]] else { fatalError("openapi.json is not an OpenAPI document") }
        let methods = ["get", "put", "post", "patch", "delete"]
        return paths.keys.sorted().flatMap { path in
            methods.filter { paths[path]?[$0] != nil }.map { Operation(method: $0, path: path) }
        }
    }()
}

extension OpenAPIDocument {
    /// Every operation object of the document by its operation id.
    nonisolated(unsafe) static let operationsByID: [String: [String: Any]] = {
        var byID: [String: [String: Any]] = [:]
        for case let operations as [String: Any] in (document["paths"] as? [String: Any] ?? [:]).values {
            for case let operation as [String: Any] in operations.values {
                if let id = operation["operationId"] as? String { byID[id] = operation }
            }
        }
        return byID
    }()

    /// The named schemas, for resolving `$ref`.
    nonisolated(unsafe) static let schemas: [String: Any] =
        (document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]

    /// The schema of each operation's JSON request body, by operation id.
    nonisolated(unsafe) static let jsonRequestSchemas: [String: [String: Any]] = operationsByID.compactMapValues { operation in
        let content = (operation["requestBody"] as? [String: Any])?["content"] as? [String: Any]
        return (content?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
    }

    /// A documented query parameter: its name, whether it must be sent, and its schema.
    struct QueryParameter: @unchecked Sendable {
        var name: String
        var required: Bool
        var schema: [String: Any]
    }

    /// The query parameters of each operation, by operation id.
    static let queryParameters: [String: [QueryParameter]] = operationsByID.compactMapValues { operation in
        let parameters = (operation["parameters"] as? [[String: Any]] ?? []).filter { $0["in"] as? String == "query" }
        return parameters.isEmpty
            ? nil
            : parameters.compactMap { parameter in
                guard let name = parameter["name"] as? String else { return nil }
                return QueryParameter(
                    name: name, required: parameter["required"] as? Bool ?? false, schema: parameter["schema"] as? [String: Any] ?? [:])
            }
    }

    /// The body limit each operation's 413 response names (`JSONBodyTooLarge`, `FileTooLarge`).
    static let bodyLimits: [String: BodyLimit] = operationsByID.compactMapValues { operation in
        guard let reference = ((operation["responses"] as? [String: Any])?["413"] as? [String: Any])?["$ref"] as? String else {
            return nil
        }
        return reference.hasSuffix("/FileTooLarge") ? .file : .json
    }
}
