import Crypto
import DNACore
import DNAStore
import Foundation

/// A workspace's display name, logo and accent colour, which respondents, customers and
/// mails show. Anyone in the workspace may see them; only an admin changes them.
public struct BrandingService: WorkspaceUseCases {
    let store: Store

    public init(store: Store) { self.store = store }

    public func branding(_ caller: Caller?, workspace slug: String) async throws -> Branding {
        let (workspace, _) = try await access.enter(slug, caller: caller)
        return try await store.workspaces.branding(workspaceID: workspace.id)
    }

    /// Changes what is given (nil leaves a part as it is); all checked before anything is kept.
    public func setBranding(
        _ caller: Caller?, workspace slug: String, displayName: String?, accent: String?, logo: [UInt8]?, removeLogo: Bool = false,
        now: Int64
    ) async throws -> Branding {
        try await access.changing(slug, caller, minimum: .admin) { workspace in
            let digest = logo.map { SHA256.hash(data: $0).map { String(format: "%02x", $0) }.joined() }
            return try await store.workspaces.setBranding(
                workspaceID: workspace.id,
                .init(
                    displayName: displayName, accent: accent, logo: logo.map { ($0, digest!) }, removeLogo: removeLogo),
                now: now)
        }
    }

    /// A logo by its digest, for anyone: it appears on public pages and in mails.
    public func logo(digest: String) async throws -> (contentType: String, bytes: Data)? {
        try await store.workspaces.logo(digest: digest)
    }
}

/// How a workspace shows itself to people outside: the name to show, the logo's address
/// part and the accent, for pages and mails.
public struct PublicFace: Sendable, Equatable {
    public var name: String
    public var logoDigest: String?
    public var accent: String?

    public init(name: String, logoDigest: String? = nil, accent: String? = nil) {
        self.name = name
        self.logoDigest = logoDigest
        self.accent = accent
    }

    public init(_ workspace: Workspace, _ branding: Branding) {
        self.init(name: branding.name(or: workspace.name), logoDigest: branding.logo?.digest, accent: branding.accent)
    }
}

extension PublicFace {
    /// The workspace's face, with its branding read from the store.
    static func of(_ workspace: Workspace, in store: Store) async throws -> PublicFace {
        PublicFace(workspace, try await store.workspaces.branding(workspaceID: workspace.id))
    }
}
