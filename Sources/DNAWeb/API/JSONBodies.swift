import Foundation
import Hummingbird

/// A decoding failure in words a client can act on, naming the field (`answers.Q1`).
func describe(_ error: DecodingError) -> String {
    func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map(String.init) ?? snakeCase($0.stringValue) }.joined(separator: ".")
    }
    switch error {
    case .dataCorrupted(let context) where context.debugDescription.hasPrefix("Additional properties are disabled"):
        // The generated decoder's refusal of a field the document does not list.
        return "unknown field '\(path(context))'"
    case .dataCorrupted(let context) where context.codingPath.isEmpty, .typeMismatch(_, let context) where context.codingPath.isEmpty:
        return "the body must be a JSON object"
    case .keyNotFound(let key, _): return "field '\(snakeCase(key.stringValue))' is required"
    case .typeMismatch(let type, let context): return "field '\(path(context))' must be \(typeName(type))"
    case .valueNotFound(let type, let context): return "field '\(path(context))' must be \(typeName(type)), not null"
    case .dataCorrupted(let context): return "field '\(path(context))': \(context.debugDescription)"
    @unknown default: return "the body is not valid"
    }
}

private func typeName(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "a string"
    case is Int.Type, is Int64.Type: "an integer"
    case is Double.Type: "a number"
    case is Bool.Type: "true or false"
    default: "\(type)"
    }
}

private func snakeCase(_ name: String) -> String {
    name.reduce(into: "") { result, character in
        if character.isUppercase { result += "_" + character.lowercased() } else { result.append(character) }
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
