import AsyncHTTPClient
import Foundation
import NIOCore

/// An HTTP answer from the identity provider.
public struct ProviderResponse: Sendable {
    public var status: Int
    public var body: Data

    public init(status: Int, body: Data) {
        self.status = status
        self.body = body
    }
}

/// How the server reaches the identity provider: its discovery document, keys and token
/// endpoint. Tests stand in a provider of their own making; the server uses `HTTPProviderTransport`.
public protocol ProviderTransport: Sendable {
    func get(_ url: String) async throws -> ProviderResponse
    /// Posts `fields` as `application/x-www-form-urlencoded`, with HTTP Basic credentials when given.
    func postForm(_ url: String, fields: [(String, String)], basic: (user: String, password: String)?) async throws -> ProviderResponse
}

/// The provider over HTTP(S) with async-http-client: every call limited in time and size, so
/// a slow or hostile provider cannot hold a sign-in or the server's memory.
public struct HTTPProviderTransport: ProviderTransport {
    let client: HTTPClient
    let timeout: TimeAmount
    let maxBody: Int

    public init(client: HTTPClient = .shared, timeoutSeconds: Int64 = 10, maxBody: Int = 1 << 20) {
        self.client = client
        self.timeout = .seconds(timeoutSeconds)
        self.maxBody = maxBody
    }

    public func get(_ url: String) async throws -> ProviderResponse {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/json")
        return try await send(request)
    }

    public func postForm(
        _ url: String, fields: [(String, String)], basic: (user: String, password: String)?
    ) async throws
        -> ProviderResponse
    {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        if let basic {
            // RFC 6749 2.3.1: both parts are form-encoded before they are joined.
            let pair = FormEncoding.encode(basic.user) + ":" + FormEncoding.encode(basic.password)
            request.headers.add(name: "Authorization", value: "Basic " + Data(pair.utf8).base64EncodedString())
        }
        request.body = .bytes(ByteBuffer(string: FormEncoding.encode(fields)))
        return try await send(request)
    }

    private func send(_ request: HTTPClientRequest) async throws -> ProviderResponse {
        let response = try await client.execute(request, timeout: timeout)
        let body = try await response.body.collect(upTo: maxBody)
        return ProviderResponse(status: Int(response.status.code), body: Data(body.readableBytesView))
    }
}

/// `application/x-www-form-urlencoded`, as the token endpoint reads it.
public enum FormEncoding {
    static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    public static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    public static func encode(_ fields: [(String, String)]) -> String {
        fields.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }
}
