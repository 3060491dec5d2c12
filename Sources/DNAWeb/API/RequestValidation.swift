import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Holds every request to the document before anything else reads it, reading its body once:
/// first the body's size, to the limit the operation's 413 response names (`JSONBodyTooLarge`,
/// `FileTooLarge`; a declared length over it is refused before a byte is read, a body that
/// streams past it is cut off), then the query parameters, then a JSON body against its
/// schema: types, required and unknown fields, enumerations and the limits (`maxLength`,
/// `maximum`, `maxItems`, ...), which the generated decoder does not check. So a limit
/// written in `openapi.json` is a limit the server keeps, and every refusal names the field.
struct RequestValidation: ServerMiddleware {
    func intercept(
        _ request: HTTPTypes.HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: (HTTPTypes.HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPTypes.HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPTypes.HTTPResponse, HTTPBody?) {
        var bytes: [UInt8]?
        if let body { bytes = try await Self.collect(body, limit: OpenAPIDocument.bodyLimits[operationID] ?? .json) }
        try checkQuery(request, operationID)
        if let bytes, let schema = OpenAPIDocument.jsonRequestSchemas[operationID] {
            let value: JSONValue
            do {
                value = try JSONValue.parse(bytes)
            } catch {
                throw WebError.badRequest("the body is not valid JSON: \(error.reason) (at byte \(error.offset))")
            }
            guard case .object = value else { throw WebError.badRequest("the body must be a JSON object") }
            if let problem = SchemaCheck(components: OpenAPIDocument.schemas).problem(value, schema, at: []) {
                throw WebError.badRequest(problem)
            }
        }
        return try await next(request, bytes.map { HTTPBody($0) }, metadata)
    }

    /// The whole body, refused with 413 naming `limit` once it is larger.
    static func collect(_ body: HTTPBody, limit: BodyLimit) async throws -> [UInt8] {
        let tooLarge = WebError(.contentTooLarge, "the request body is larger than \(limit.description), the limit for this address")
        if case .known(let length) = body.length, length > limit.rawValue { throw tooLarge }
        var bytes: [UInt8] = []
        for try await chunk in body {
            guard bytes.count + chunk.count <= limit.rawValue else { throw tooLarge }
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }
}

extension RequestValidation {
    /// Holds the query parameters to the document too (required, type, enumeration, length),
    /// so `?by=bogus` is refused naming `by` and its values rather than by the generated
    /// decoder's words.
    func checkQuery(_ request: HTTPTypes.HTTPRequest, _ operationID: String) throws {
        guard let parameters = OpenAPIDocument.queryParameters[operationID], !parameters.isEmpty else { return }
        let items = URLComponents(string: request.path ?? "")?.queryItems ?? []
        let check = SchemaCheck(components: OpenAPIDocument.schemas, subject: "query parameter")
        for parameter in parameters {
            // A required parameter sent empty (`?force=`) is as missing as one not sent.
            guard let text = items.first(where: { $0.name == parameter.name })?.value, !(parameter.required && text.isEmpty) else {
                if parameter.required { throw WebError.badRequest("the query parameter '\(parameter.name)' is required") }
                continue
            }
            let value: JSONValue
            switch parameter.schema["type"] as? String {
            case "integer": value = Int64(text).map { .integer($0) } ?? .string(text)
            case "number": value = Double(text).map { .number($0) } ?? .string(text)
            default: value = .string(text)
            }
            if let problem = check.problem(value, parameter.schema, at: [parameter.name]) { throw WebError.badRequest(problem) }
        }
    }
}

/// The part of JSON Schema the document uses, with messages that name the field.
struct SchemaCheck {
    let components: [String: Any]
    /// What a value is called in messages: a body's "field", or a "query parameter".
    var subject = "field"

    /// The first problem of `value` against `schema`, or nil when it conforms.
    func problem(_ value: JSONValue, _ schema: [String: Any], at path: [String], optional: Bool = false) -> String? {
        var schema = schema
        if let reference = schema["$ref"] as? String, let named = components[String(reference.split(separator: "/").last ?? "")] {
            schema = named as? [String: Any] ?? [:]
        }
        // Named only when there is a problem to report: most values have none.
        var field: String { "\(subject) '\(path.joined(separator: "."))'" }
        if case .null = value {
            // An optional field sent as null is taken as left out, as the generated decoder
            // and every JSON client library take it.
            return optional || schema["nullable"] as? Bool == true ? nil : "\(field) must not be null"
        }
        switch schema["type"] as? String {
        case "object": return objectProblem(value, schema, at: path)
        case "array":
            guard case .array(let items) = value else { return "\(field) must be a list" }
            if let most = schema["maxItems"] as? Int, items.count > most { return "\(field) has more than \(most) items" }
            if let least = schema["minItems"] as? Int, items.count < least { return "\(field) needs at least \(least) items" }
            if schema["uniqueItems"] as? Bool == true,
                let twice = items.indices.first(where: { index in items[..<index].contains(items[index]) })
            {
                return "\(field) lists the value at \(twice) twice"
            }
            let itemSchema = schema["items"] as? [String: Any] ?? [:]
            for (index, item) in items.enumerated() {
                if let problem = problem(item, itemSchema, at: path + [String(index)]) { return problem }
            }
            return nil
        case "string":
            guard case .string(let text) = value else { return "\(field) must be a string" }
            if let allowed = schema["enum"] as? [String], !allowed.contains(text) {
                return "\(field) must be one of \(allowed.joined(separator: ", "))"
            }
            if let most = schema["maxLength"] as? Int, text.count > most { return "\(field) is longer than \(most) characters" }
            if let least = schema["minLength"] as? Int, text.count < least { return "\(field) must have at least \(least) characters" }
            return nil
        case "integer":
            guard case .integer(let number) = value else { return "\(field) must be a whole number" }
            return rangeProblem(Double(number), schema, field)
        case "number":
            switch value {
            case .integer(let number): return rangeProblem(Double(number), schema, field)
            case .number(let number): return rangeProblem(number, schema, field)
            default: return "\(field) must be a number"
            }
        case "boolean":
            guard case .bool = value else { return "\(field) must be true or false" }
            return nil
        default:
            return nil
        }
    }

    private func objectProblem(_ value: JSONValue, _ schema: [String: Any], at path: [String]) -> String? {
        guard case .object(let fields) = value else {
            return path.isEmpty ? "the body must be a JSON object" : "field '\(path.joined(separator: "."))' must be an object"
        }
        let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
        for name in (schema["required"] as? [String] ?? []) where fields[name] == nil {
            return "field '\((path + [name]).joined(separator: "."))' is required"
        }
        if let most = schema["maxProperties"] as? Int, fields.count > most {
            return "field '\(path.joined(separator: "."))' has more than \(most) entries"
        }
        let required = Set(schema["required"] as? [String] ?? [])
        func fieldProblem(_ name: String) -> String? {
            let fieldValue = fields[name]!
            if let property = properties[name] {
                return problem(fieldValue, property, at: path + [name], optional: !required.contains(name))
            } else if let extra = schema["additionalProperties"] as? [String: Any] {
                return problem(fieldValue, extra, at: path + [name])
            } else if schema["additionalProperties"] as? Bool == false {
                let known = properties.keys.sorted().joined(separator: ", ")
                return "unknown field '\((path + [name]).joined(separator: "."))'; known fields: \(known)"
            }
            return nil
        }
        // Most bodies have no problem, so the fields are sorted (to report the first problem
        // by name whatever the order they came in) only once one is found.
        guard fields.keys.contains(where: { fieldProblem($0) != nil }) else { return nil }
        return fields.keys.sorted().lazy.compactMap(fieldProblem).first
    }

    private func rangeProblem(_ number: Double, _ schema: [String: Any], _ field: @autoclosure () -> String) -> String? {
        if let most = (schema["maximum"] as? NSNumber)?.doubleValue, number > most { return "\(field()) must be at most \(format(most))" }
        if let least = (schema["minimum"] as? NSNumber)?.doubleValue, number < least {
            return "\(field()) must be at least \(format(least))"
        }
        return nil
    }

    private func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}
