import Foundation

/// The API's OpenAPI document as committed (`openapi.json` beside this file), for serving
/// byte for byte at `/openapi.json` and for the tests that hold the code to it.
public enum APIDocument {
    public static let bytes: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"), let data = try? Data(contentsOf: url) else {
            fatalError("openapi.json is missing from the DNAAPI bundle")
        }
        return Array(data)
    }()
}
