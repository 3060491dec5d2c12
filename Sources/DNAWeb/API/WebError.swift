import DNAApp
import DNACore
import DNAStore
import Hummingbird
import OpenAPIRuntime

/// An error with the status the client should see. Everything thrown in a route ends up as
/// one of these in `ErrorMiddleware`, the one place that maps errors to status codes.
public struct WebError: Error, Sendable {
    public var status: HTTPResponse.Status
    public var message: String
    /// Located problems of an uploaded file, listed in the error body.
    public var problems: [FileProblem] = []
    /// Seconds after which the same request may succeed (sent as Retry-After).
    public var retryAfter: Int?

    public init(_ status: HTTPResponse.Status, _ message: String, problems: [FileProblem] = [], retryAfter: Int? = nil) {
        self.status = status
        self.message = message
        self.problems = problems
        self.retryAfter = retryAfter
    }

    public static func notFound(_ what: String) -> WebError { WebError(.notFound, what) }
    public static func badRequest(_ message: String) -> WebError { WebError(.badRequest, message) }

    /// Maps any error to what the client may see. Unknown errors become a plain 500 so no
    /// stack trace, SQL or driver detail leaks; `isInternal` tells the caller to log it.
    public static func from(_ error: any Error) -> (error: WebError, isInternal: Bool) {
        switch error {
        case let error as WebError:
            return (error, false)
        case let error as StoreError:
            switch error {
            case .notFound(let message): return (WebError(.notFound, message), false)
            case .conflict(let message): return (WebError(.conflict, message), false)
            case .invalid(let message): return (WebError(.badRequest, message), false)
            case .unavailable: return (WebError(.serviceUnavailable, "the database is not available"), true)
            case .busy(let message): return (WebError(.serviceUnavailable, message, retryAfter: 1), false)
            case .failure: return (WebError(.internalServerError, "internal error"), true)
            }
        case let error as AccessError:
            return (WebError(error == .signInNeeded ? .unauthorized : .forbidden, error.message), false)
        case let problem as FieldProblem:
            return (WebError(.badRequest, "\(problem.field): \(problem.message)"), false)
        case let problems as FileProblems:
            let summary = problems.total == 1 ? "1 problem in the file" : "\(problems.total) problems in the file"
            return (WebError(.badRequest, summary, problems: problems.problems), false)
        case let error as ServerError:
            // Thrown through the generated layer: a request it could not decode, or the
            // handler's own error, which is mapped like any other.
            if error.underlyingError is DecodingError {
                // Bodies and query parameters were checked against the document before the
                // generated decoder ran, so what is left is a path parameter or a header.
                return (WebError(.badRequest, "the request does not fit the API document: \(error.causeDescription)"), false)
            }
            let inner = from(error.underlyingError)
            if inner.isInternal, (400..<500).contains(error.httpStatus.code) {
                return (WebError(error.httpStatus, error.causeDescription), false)
            }
            return inner
        case let error as any HTTPResponseError:
            // Hummingbird's own errors, including NIOTooManyBytesError for an oversized body.
            if error.status == .contentTooLarge {
                return (WebError(.contentTooLarge, "the request body is larger than the limit"), false)
            }
            let message = (error as? HTTPError)?.body ?? error.status.reasonPhrase
            return (WebError(error.status, message), error.status.code >= 500)
        default:
            return (WebError(.internalServerError, "internal error"), true)
        }
    }
}
