import DNACore
import DNAStore
import Foundation

/// SCIM's filters and PATCH operations (RFC 7644 3.4.2.2 and 3.5.2), as far as directories
/// use them to provision: `attribute eq "value"`, and add/replace/remove of the attributes
/// this server keeps.
enum ScimPatch {
    /// `userName eq "ann@example.org"`: the one filter form directories send to look a
    /// person up. Anything else is SCIM's `invalidFilter`.
    static func equality(_ filter: String) throws(ScimJSON.Failure) -> (attribute: String, value: String) {
        guard let match = filter.trimmingSpaces().wholeMatch(of: /([A-Za-z][A-Za-z0-9.:]*)\s+(?i:eq)\s+"((?:[^"\\]|\\.)*)"/) else {
            throw ScimJSON.Failure(
                status: 400, scimType: "invalidFilter", detail: "only filters of the form attribute eq \"value\" are supported")
        }
        let value = String(match.2).replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
        return (String(match.1).lowercased(), value)
    }

    static func userFilter(_ filter: String?) throws(ScimJSON.Failure) -> (ScimRepository.UserAttribute, String)? {
        guard let filter, !filter.isEmpty else { return nil }
        let (attribute, value) = try equality(filter)
        let known: [String: ScimRepository.UserAttribute] = [
            "username": .userName, "externalid": .externalId, "emails": .email, "emails.value": .email, "id": .id,
        ]
        guard let found = known[attribute] else {
            throw ScimJSON.Failure(
                status: 400, scimType: "invalidFilter", detail: "users can be filtered by userName, externalId, emails or id")
        }
        return (found, value)
    }

    struct Operation {
        var op: String
        var path: String?
        var value: Any?
    }

    static func operations(_ body: [String: Any]) throws(ScimJSON.Failure) -> [Operation] {
        guard let list = body["operations"] as? [[String: Any]], !list.isEmpty else {
            throw ScimJSON.Failure(status: 400, scimType: "invalidSyntax", detail: "Operations must be a non-empty list")
        }
        var operations: [Operation] = []
        for item in list {
            guard let op = (item["op"] as? String)?.lowercased(), ["add", "replace", "remove"].contains(op) else {
                throw ScimJSON.Failure(status: 400, scimType: "invalidSyntax", detail: "op must be add, replace or remove")
            }
            operations.append(Operation(op: op, path: try ScimJSON.string(item["path"], "path")?.lowercased(), value: item["value"]))
        }
        return operations
    }

    /// The user after the operations, from what is stored now.
    static func apply(_ operations: [Operation], to user: DirectoryUser) throws(ScimJSON.Failure) -> DirectoryUserInput {
        var input = DirectoryUserInput(
            userName: user.userName, externalID: user.externalID, email: user.email, name: user.name, language: user.language,
            active: user.active, department: user.unit.code, managerID: user.managerID)
        for operation in operations {
            if let path = operation.path {
                try set(path, operation.op == "remove" ? nil : operation.value, in: &input)
            } else {
                guard operation.op != "remove", let object = operation.value as? [String: Any] else {
                    throw ScimJSON.Failure(status: 400, scimType: "noTarget", detail: "an operation without a path needs an object value")
                }
                for (key, value) in object {
                    if let nested = value as? [String: Any], key == ScimJSON.enterprise.lowercased() {
                        for (field, inner) in nested { try set(key + ":" + field, inner, in: &input) }
                    } else {
                        try set(key, value, in: &input)
                    }
                }
            }
        }
        return input
    }

    private static func set(_ path: String, _ value: Any?, in input: inout DirectoryUserInput) throws(ScimJSON.Failure) {
        let enterprise = ScimJSON.enterprise.lowercased() + ":"
        switch path {
        case "active": input.active = try ScimJSON.bool(value, "active") ?? true
        case "username":
            guard let name = try ScimJSON.string(value, "userName") else { throw .invalidValue("userName cannot be removed") }
            input.userName = name
        case "externalid": input.externalID = try ScimJSON.string(value, "externalId")
        case "displayname", "name.formatted": input.name = try ScimJSON.string(value, path) ?? ""
        case "name":
            input.name = try (value as? [String: Any]).flatMap { name throws(ScimJSON.Failure) in try ScimJSON.name(["name": name]) } ?? ""
        case "name.givenname", "name.familyname":
            // The name is kept whole; a part replaces the matching end of it.
            let part = try ScimJSON.string(value, path) ?? ""
            var words = input.name.split(separator: " ").map(String.init)
            if path == "name.givenname" { words = [part] + words.dropFirst() } else { words = Array(words.dropLast()) + [part] }
            input.name = words.filter { !$0.isEmpty }.joined(separator: " ")
        case "emails", "emails.value", "emails[type eq \"work\"].value", "emails[primary eq true].value":
            let email = path == "emails" ? try ScimJSON.email(value) : try ScimJSON.string(value, "emails.value")
            guard let email else { throw .invalidValue("the e-mail address cannot be removed") }
            input.email = email
        case "preferredlanguage": input.language = try ScimJSON.language(value)
        case enterprise + "department": input.department = try ScimJSON.string(value, "department")
        case enterprise + "manager", enterprise + "manager.value": input.managerID = try ScimJSON.manager(value)
        case "schemas", "meta", "id", "groups": break
        default:
            throw ScimJSON.Failure(status: 400, scimType: "invalidPath", detail: "'\(path)' is not an attribute this server keeps")
        }
    }

    /// The ids of `members` values (`[{"value": id}]`).
    static func memberIDs(_ value: Any?) throws(ScimJSON.Failure) -> [String] {
        guard let value, !(value is NSNull) else { return [] }
        guard let list = value as? [[String: Any]] else { throw .invalidValue("members must be a list of {value}") }
        var ids: [String] = []
        for member in list {
            guard let id = try ScimJSON.string(member["value"], "members.value") else { throw .invalidValue("members need a value") }
            ids.append(id)
        }
        return ids
    }
}
