import DNAStore
import Foundation
import Hummingbird

/// A url-encoded form read as name -> values, for forms whose fields depend on data (one
/// field per survey item or per unit) and so cannot be a fixed `Decodable` type.
struct FormBody: Sendable {
    private(set) var values: [String: [String]] = [:]
    /// Files of a `multipart/form-data` form, by field name.
    private(set) var files: [String: UploadedFile] = [:]

    init(_ text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[name, default: []].append(value)
        }
    }

    static func read(_ request: Request, limit: BodyLimit = .form) async throws -> FormBody {
        let contentType = request.headers[.contentType] ?? ""
        if contentType.lowercased().hasPrefix("multipart/form-data") {
            guard let boundary = MultipartForm.boundary(contentType) else {
                throw WebError.badRequest("the multipart form has no boundary")
            }
            let buffer = try await request.collectBody(limit)
            var form = FormBody("")
            (form.values, form.files) = try MultipartForm.parse(Array(buffer.readableBytesView), boundary: boundary)
            return form
        }
        return FormBody(try await text(request, limit: limit))
    }

    /// A form of fixed fields, decoded as `T`.
    static func decode<T: Decodable>(_ type: T.Type, _ request: Request, limit: BodyLimit) async throws -> T {
        let text = try await text(request, limit: limit)
        do {
            return try URLEncodedFormDecoder().decode(type, from: text)
        } catch {
            throw WebError.badRequest("the form is incomplete or malformed")
        }
    }

    private static func text(_ request: Request, limit: BodyLimit) async throws -> String {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw WebError.badRequest("send the form url-encoded")
        }
        let buffer = try await request.collectBody(limit)
        return String(decoding: buffer.readableBytesView, as: UTF8.self)
    }

    private static func decode(_ part: Substring) -> String {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    subscript(_ name: String) -> String? { values[name]?.first }

    func all(_ name: String) -> [String] { values[name] ?? [] }

    /// The trimmed value, or nil when absent or blank.
    func text(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}

/// A form field whose value cannot be used. The page shows the message beside that field
/// (`Field`) as well as at the top of the page.
struct FieldProblem: Error, CustomStringConvertible {
    var field: String
    var message: String
    var description: String { message }

    init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }
}

/// Why a posted form was refused, for showing the form again: a message for the top of the
/// page and, for a `FieldProblem`, the field it concerns. A database that is busy or down is
/// not a refusal of the form; that error stays thrown and becomes a 503 or a 500.
struct Refusal {
    var message: String
    var fieldErrors: [String: String] = [:]

    init?(_ error: any Error) {
        switch error {
        case let problem as FieldProblem:
            message = problem.message
            fieldErrors = [problem.field: problem.message]
        case StoreError.invalid(let text), StoreError.conflict(let text), StoreError.notFound(let text):
            message = text
        default:
            return nil
        }
    }
}
