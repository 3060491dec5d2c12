import Foundation
import Hummingbird

/// A request body type that lists its fields, so unknown fields can be refused instead of
/// silently ignored (a typo in `parent_id` must not create a root unit).
public protocol StrictDecodable: Decodable {
    static var fields: Set<String> { get }
}

extension Request {
    /// Decodes a JSON body strictly: it must be an object, with only known fields, of the
    /// right types. Messages name the field.
    func decodeStrict<T: StrictDecodable>(_ type: T.Type, context: AppContext) async throws -> T {
        let buffer = try await collectBody(.json)
        let data = Data(buffer.readableBytesView)
        guard let object = try? JSONSerialization.jsonObject(with: data), let fields = object as? [String: Any] else {
            throw WebError.badRequest("the body must be a JSON object")
        }
        let unknown = Set(fields.keys).subtracting(T.fields).sorted()
        if !unknown.isEmpty {
            let known = T.fields.sorted().joined(separator: ", ")
            throw WebError.badRequest(
                "unknown field\(unknown.count > 1 ? "s" : "") \(unknown.map { "'\($0)'" }.joined(separator: ", ")); known fields: \(known)")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw WebError.badRequest(Self.describe(error))
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? snakeCase($0.stringValue) }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, _): return "field '\(snakeCase(key.stringValue))' is required"
        case .typeMismatch(let type, let context): return "field '\(path(context))' must be \(typeName(type))"
        case .valueNotFound(let type, let context): return "field '\(path(context))' must be \(typeName(type)), not null"
        case .dataCorrupted(let context): return "field '\(path(context))': \(context.debugDescription)"
        @unknown default: return "the body is not valid"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "\(type)"
        }
    }

    private static func snakeCase(_ name: String) -> String {
        name.reduce(into: "") { result, character in
            if character.isUppercase { result += "_" + character.lowercased() } else { result.append(character) }
        }
    }
}

/// Encodes an API response with snake_case keys, the JSON convention of the contract.
func jsonResponse(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.sortedKeys]
    let data = try encoder.encode(value)
    return Response(
        status: status, headers: [.contentType: "application/json; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(bytes: data)))
}
