import DNAApp
import DNACore
import DNAStore
import Hummingbird

extension AppContext {
    func requireIdentity() throws -> Identity {
        guard let identity else { throw WebError(.unauthorized, AccessError.signInNeeded.message) }
        return identity
    }

    func parameter(_ name: String) throws -> String {
        guard let value = parameters.get(name) else { throw WebError.badRequest("missing path parameter \(name)") }
        return value
    }
}
