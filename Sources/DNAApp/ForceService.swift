import DNACore
import DNAStore

/// Working on one force of the OS Canvas: the tensions people name in it and the experiments
/// that try a new practice. Reading needs viewer access, changing analyst; changes are logged
/// as the caller's.
public struct ForceService: WorkspaceUseCases {
    let store: Store
    /// The framework whose dimensions are the forces.
    static let framework = "os-canvas"

    public init(store: Store) { self.store = store }

    public func tensions(_ caller: Caller?, workspace slug: String, force: String) async throws -> [Tension] {
        try await access.reading(slug, caller) {
            try await store.tensions(workspaceID: $0.id, framework: Self.framework, dimension: force)
        }
    }

    public func addTension(
        _ caller: Caller?, workspace slug: String, force: String, text: String, source: Tension.Source, campaignID: String?, now: Int64
    ) async throws -> Tension {
        try await access.changing(slug, caller) {
            try await store.addTension(
                workspaceID: $0.id, campaignID: campaignID, framework: Self.framework, dimension: force, text: text, source: source,
                now: now)
        }
    }

    public func experiments(_ caller: Caller?, workspace slug: String, force: String) async throws -> [Experiment] {
        try await access.reading(slug, caller) {
            try await store.experiments(workspaceID: $0.id, framework: Self.framework, dimension: force)
        }
    }

    /// Starts an experiment in `force`; the draft's workspace and framework are this one's.
    public func addExperiment(_ caller: Caller?, workspace slug: String, force: String, _ draft: Experiment) async throws -> Experiment {
        try await access.changing(slug, caller) { workspace in
            var experiment = draft
            experiment.workspaceID = workspace.id
            experiment.framework = Self.framework
            experiment.dimension = force
            return try await store.addExperiment(experiment)
        }
    }
}
