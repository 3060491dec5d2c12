import Hummingbird
import NIOCore

/// How large a request body each kind of route takes. A body over its route's limit gets
/// 413 with the limit named, before it is read into memory: an anonymous respondent cannot
/// make the server hold megabytes, and a file upload is not cut at a JSON body's size.
/// The README's "Limits" section lists them; keep the two in step.
enum BodyLimit: Int, CaseIterable {
    /// The sign-in form and the respondent and customer survey forms, open to anyone.
    case publicForm = 262_144
    /// The branding form: a logo of at most 256 KiB and three fields.
    case branding = 327_680
    /// API JSON bodies: one record, or a list of links or attempts; never a file.
    case json = 1_048_576
    /// Forms of the signed-in pages, which may carry a pasted CSV.
    case form = 8_388_608
    /// Files sent to the API as the request body (org charts, responses, frameworks, models).
    case file = 33_554_432

    var description: String {
        rawValue >= 1_048_576 ? "\(rawValue / 1_048_576) MiB" : "\(rawValue / 1024) KiB"
    }
}

extension Request {
    /// The whole body, refused with 413 when over `limit`.
    func collectBody(_ limit: BodyLimit) async throws -> ByteBuffer {
        if let declared = headers[.contentLength].flatMap(Int.init), declared > limit.rawValue { throw Self.tooLarge(limit) }
        do {
            return try await body.collect(upTo: limit.rawValue)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw Self.tooLarge(limit)
        }
    }

    private static func tooLarge(_ limit: BodyLimit) -> WebError {
        WebError(.contentTooLarge, "the request body is larger than \(limit.description), the limit for this address")
    }
}
