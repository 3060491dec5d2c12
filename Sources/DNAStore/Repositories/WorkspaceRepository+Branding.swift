import DNACore
import Foundation
import SQLKit

extension WorkspaceRepository {
    /// The workspace's branding; the default (its own name, the house colour, no logo) when
    /// none was set.
    public func branding(workspaceID: String) async throws -> Branding {
        try await read { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT display_name, accent, logo_type, logo_digest, LENGTH(logo_data) AS encoded
                    FROM workspace_branding WHERE workspace_id = \(bind: workspaceID)
                    """
                ).first()
            else { return Branding() }
            let accent = try row.decode(column: "accent", as: String.self)
            var logo: Branding.Logo?
            if let type = try row.decode(column: "logo_type", as: String?.self),
                let digest = try row.decode(column: "logo_digest", as: String?.self)
            {
                logo = Branding.Logo(
                    contentType: type, digest: digest, size: (try row.decode(column: "encoded", as: Int?.self) ?? 0) * 3 / 4)
            }
            return Branding(
                displayName: try row.decode(column: "display_name", as: String.self), accent: accent.isEmpty ? nil : accent, logo: logo)
        }
    }

    /// What to change: nil leaves a part as it is.
    public struct BrandingChange: Sendable {
        public var displayName: String?
        /// `#rrggbb`, or "" for the house colour.
        public var accent: String?
        /// The new logo's bytes and their SHA-256 in hex, its public address.
        public var logo: (bytes: [UInt8], digest: String)?
        public var removeLogo: Bool

        public init(
            displayName: String? = nil, accent: String? = nil, logo: (bytes: [UInt8], digest: String)? = nil, removeLogo: Bool = false
        ) {
            self.displayName = displayName
            self.accent = accent
            self.logo = logo
            self.removeLogo = removeLogo
        }
    }

    /// Checks and stores a change of branding in one transaction; every part that is wrong is
    /// refused together, nothing half-saved.
    public func setBranding(workspaceID: String, _ change: BrandingChange, now: Int64) async throws -> Branding {
        var problems: [String] = []
        let name = change.displayName?.trimmingSpaces()
        if let name, name.count > BrandingRules.displayNameLimit {
            problems.append("the display name has \(name.count) characters; at most \(BrandingRules.displayNameLimit)")
        }
        var checkedAccent = change.accent?.trimmingSpaces()
        if let text = checkedAccent, !text.isEmpty {
            switch BrandingRules.accent(text) {
            case .success(let hex): checkedAccent = hex
            case .failure(let problem): problems.append(problem.message)
            }
        }
        let accent = checkedAccent
        if let logo = change.logo, let problem = BrandingRules.logoProblem(logo.bytes) { problems.append(problem) }
        if !problems.isEmpty { throw StoreError.invalid(problems.joined(separator: "; ")) }
        try await write { db in
            let exists =
                try await db.raw("SELECT 1 AS found FROM workspace_branding WHERE workspace_id = \(bind: workspaceID)").first() != nil
            if !exists {
                try await db.insert(into: "workspace_branding").columns("workspace_id", "updated_at").values(
                    SQLBind(workspaceID), SQLBind(now)
                )
                .run()
            }
            let update = db.update("workspace_branding").set("updated_at", to: SQLBind(now)).where(
                "workspace_id", .equal, SQLBind(workspaceID))
            var said: [String] = []
            if let name {
                update.set("display_name", to: SQLBind(name))
                said.append(name.isEmpty ? "the display name removed" : "display name '\(name)'")
            }
            if let accent {
                update.set("accent", to: SQLBind(accent))
                said.append(accent.isEmpty ? "the house colour" : "accent \(accent)")
            }
            if let logo = change.logo {
                update.set("logo_type", to: SQLBind(BrandingRules.logoType(logo.bytes)))
                    .set("logo_digest", to: SQLBind(logo.digest.lowercased()))
                    .set("logo_data", to: SQLBind(Data(logo.bytes).base64EncodedString()))
                said.append("a new logo (\(max(1, logo.bytes.count / 1024)) KB)")
            } else if change.removeLogo {
                update.set("logo_type", to: SQLBind(String?.none)).set("logo_digest", to: SQLBind(String?.none))
                    .set("logo_data", to: SQLBind(String?.none))
                said.append("the logo removed")
            }
            try await update.run()
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "workspace.branding", record: "workspace:\(workspaceID)",
                summary: said.isEmpty ? "saved the branding unchanged" : "branding: " + said.joined(separator: ", "))
        }
        return try await branding(workspaceID: workspaceID)
    }

    /// A logo by its digest, for serving; nil when no workspace has it.
    public func logo(digest: String) async throws -> (contentType: String, bytes: Data)? {
        guard digest.count == 64, digest.allSatisfy(\.isHexDigit) else { return nil }
        return try await read { db in
            guard
                let row = try await db.raw(
                    "SELECT logo_type, logo_data FROM workspace_branding WHERE logo_digest = \(bind: digest.lowercased())"
                ).first(),
                let type = try row.decode(column: "logo_type", as: String?.self),
                let data = try row.decode(column: "logo_data", as: String?.self).flatMap({ Data(base64Encoded: $0) })
            else { return nil }
            return (type, data)
        }
    }
}
