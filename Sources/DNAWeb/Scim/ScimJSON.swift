import DNACore
import DNAStore
import Foundation

/// SCIM's JSON (RFC 7643) read and written by hand: attribute names are compared without
/// case, directories send booleans as "True" strings, and the enterprise extension nests under
/// its URN, none of which a generated `Codable` takes.
enum ScimJSON {
    static let userSchema = "urn:ietf:params:scim:schemas:core:2.0:User"
    static let groupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group"
    static let enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
    static let listSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
    static let patchSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
    static let errorSchema = "urn:ietf:params:scim:api:messages:2.0:Error"

    /// A SCIM error: the HTTP status, SCIM's `scimType` where it has one, and what is wrong.
    struct Failure: Error {
        var status: Int
        var scimType: String?
        var detail: String

        static func invalidValue(_ detail: String) -> Failure { Failure(status: 400, scimType: "invalidValue", detail: detail) }
    }

    /// An object with its keys in lower case, all the way down, so look-ups ignore case.
    static func folded(_ value: Any) -> Any {
        if let object = value as? [String: Any] {
            return Dictionary(object.map { ($0.key.lowercased(), folded($0.value)) }, uniquingKeysWith: { first, _ in first })
        }
        if let array = value as? [Any] { return array.map(folded) }
        return value
    }

    static func object(_ body: Data) throws(Failure) -> [String: Any] {
        guard let parsed = try? JSONSerialization.jsonObject(with: body), let object = folded(parsed) as? [String: Any] else {
            throw Failure(status: 400, scimType: "invalidSyntax", detail: "the body is not a JSON object")
        }
        return object
    }

    static func string(_ value: Any?, _ name: String) throws(Failure) -> String? {
        switch value {
        case nil, is NSNull: return nil
        case let text as String: return text
        default: throw .invalidValue("\(name) must be a string")
        }
    }

    /// `true`, or the strings "True"/"False" some directories send.
    static func bool(_ value: Any?, _ name: String) throws(Failure) -> Bool? {
        switch value {
        case nil, is NSNull: return nil
        case let flag as Bool: return flag
        case let text as String where ["true", "false"].contains(text.lowercased()): return text.lowercased() == "true"
        default: throw .invalidValue("\(name) must be true or false")
        }
    }

    /// The work (else primary, else first) address of an `emails` list.
    static func email(_ value: Any?) throws(Failure) -> String? {
        guard let value, !(value is NSNull) else { return nil }
        guard let list = value as? [[String: Any]] else { throw .invalidValue("emails must be a list of {value, type, primary}") }
        let chosen =
            list.first { ($0["primary"] as? Bool) == true } ?? list.first { ($0["type"] as? String)?.lowercased() == "work" } ?? list.first
        return try string(chosen?["value"], "emails.value")
    }

    /// A manager given as `{"value": id}` or as the id itself.
    static func manager(_ value: Any?) throws(Failure) -> String? {
        if let object = value as? [String: Any] { return try string(object["value"], "manager.value") }
        return try string(value, "manager")
    }

    /// The person's name: `name.formatted`, else given and family names, else `displayName`.
    static func name(_ object: [String: Any]) throws(Failure) -> String? {
        if let name = object["name"] as? [String: Any] {
            if let formatted = try string(name["formatted"], "name.formatted"), !formatted.isEmpty { return formatted }
            let parts = [try string(name["givenname"], "name.givenName"), try string(name["familyname"], "name.familyName")]
                .compactMap { $0 }.filter { !$0.isEmpty }
            if !parts.isEmpty { return parts.joined(separator: " ") }
        }
        return try string(object["displayname"], "displayName")
    }

    /// A whole user as a create or a replace sends it.
    static func userInput(_ object: [String: Any]) throws(Failure) -> DirectoryUserInput {
        guard let userName = try string(object["username"], "userName"), !userName.trimmingSpaces().isEmpty else {
            throw .invalidValue("userName is required")
        }
        let extensionObject = object[enterprise.lowercased()] as? [String: Any] ?? [:]
        guard let email = try self.email(object["emails"]) ?? (userName.contains("@") ? userName : nil) else {
            throw .invalidValue("emails: an e-mail address is required (or a userName that is one)")
        }
        return DirectoryUserInput(
            userName: userName, externalID: try string(object["externalid"], "externalId"), email: email,
            name: try name(object) ?? "", language: try language(object["preferredlanguage"]),
            active: try bool(object["active"], "active") ?? true,
            department: try string(extensionObject["department"], "department"), managerID: try manager(extensionObject["manager"]))
    }

    /// A BCP 47 tag as participants keep it (`nb`, `de-CH`); anything else is refused.
    static func language(_ value: Any?) throws(Failure) -> String? {
        guard let text = try string(value, "preferredLanguage")?.trimmingSpaces(), !text.isEmpty else { return nil }
        guard text.count <= 35, text.wholeMatch(of: /[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*/) != nil else {
            throw .invalidValue("preferredLanguage '\(text)' is not a language tag such as en or nb-NO")
        }
        return text.replacingOccurrences(of: "_", with: "-")
    }

    static func timestamp(_ seconds: Int64?) -> String? {
        seconds.map { Date(timeIntervalSince1970: TimeInterval($0)).formatted(.iso8601) }
    }

    static func user(_ user: DirectoryUser, base: String) -> [String: Any] {
        var meta: [String: Any] = ["resourceType": "User", "location": base + "/Users/" + user.id]
        meta["created"] = timestamp(user.createdAt)
        meta["lastModified"] = timestamp(user.updatedAt)
        var enterpriseFields: [String: Any] = ["department": user.unit.name]
        if let manager = user.managerID { enterpriseFields["manager"] = ["value": manager, "$ref": base + "/Users/" + manager] }
        var resource: [String: Any] = [
            "schemas": [userSchema, enterprise], "id": user.id, "userName": user.userName, "active": user.active,
            "displayName": user.name, "name": ["formatted": user.name],
            "emails": [["value": user.email, "type": "work", "primary": true]], enterprise: enterpriseFields,
            "groups": [["value": user.unit.id, "display": user.unit.name, "$ref": base + "/Groups/" + user.unit.id]], "meta": meta,
        ]
        resource["externalId"] = user.externalID
        resource["preferredLanguage"] = user.language
        return resource
    }

    static func group(_ group: DirectoryGroup, base: String) -> [String: Any] {
        [
            "schemas": [groupSchema], "id": group.unit.id, "displayName": group.unit.name, "externalId": group.unit.code,
            "members": group.memberIDs.map { ["value": $0, "$ref": base + "/Users/" + $0, "type": "User"] },
            "meta": ["resourceType": "Group", "location": base + "/Groups/" + group.unit.id],
        ]
    }

    static func list(_ resources: [[String: Any]], total: Int, startIndex: Int) -> [String: Any] {
        ["schemas": [listSchema], "totalResults": total, "startIndex": startIndex, "itemsPerPage": resources.count, "Resources": resources]
    }

    static func error(_ failure: Failure) -> [String: Any] {
        var body: [String: Any] = ["schemas": [errorSchema], "status": String(failure.status), "detail": failure.detail]
        body["scimType"] = failure.scimType
        return body
    }
}
