import DNAAPI
import DNAApp
import DNACore
import DNAStore

/// The organization chart and the frameworks and instruments it is assessed with.
extension GeneratedAPI {
    func getWorkspacesUnits(_ input: Operations.GetWorkspacesUnits.Input) async throws -> Operations.GetWorkspacesUnits.Output {
        let units = try await organization.units(caller, workspace: input.path.workspace)
        return .ok(.init(body: .json(try documented(ItemList(items: units)))))
    }

    func postWorkspacesUnits(_ input: Operations.PostWorkspacesUnits.Input) async throws -> Operations.PostWorkspacesUnits.Output {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let unit = try await organization.addUnit(
            caller, workspace: input.path.workspace, code: body.code, name: body.name, parentID: body.parentId)
        return .created(.init(body: .json(try documented(unit))))
    }

    func postWorkspacesUnitsImport(
        _ input: Operations.PostWorkspacesUnitsImport.Input
    ) async throws
        -> Operations.PostWorkspacesUnitsImport.Output
    {
        guard case .csv(let body) = input.body else { throw WebError.badRequest("the body must be CSV") }
        let result = try await organization.importOrgChart(
            caller, workspace: input.path.workspace, file: "request body", text: try await body.text())
        return .ok(.init(body: .json(Components.Schemas.ImportResult(added: result.added, updated: result.updated))))
    }

    func getWorkspacesUnitsById(_ input: Operations.GetWorkspacesUnitsById.Input) async throws -> Operations.GetWorkspacesUnitsById.Output {
        let unit = try await organization.unit(caller, workspace: input.path.workspace, id: input.path.id)
        return .ok(.init(body: .json(try documented(unit))))
    }

    func deleteWorkspacesUnitsById(
        _ input: Operations.DeleteWorkspacesUnitsById.Input
    ) async throws
        -> Operations.DeleteWorkspacesUnitsById.Output
    {
        try await organization.deleteUnit(caller, workspace: input.path.workspace, id: input.path.id)
        return .noContent(.init())
    }

    func getWorkspacesParticipants(
        _ input: Operations.GetWorkspacesParticipants.Input
    ) async throws -> Operations.GetWorkspacesParticipants.Output {
        let people = try await participants.participants(caller, workspace: input.path.workspace)
        return .ok(.init(body: .json(try documented(ItemList(items: people)))))
    }

    func postWorkspacesParticipantsImport(
        _ input: Operations.PostWorkspacesParticipantsImport.Input
    ) async throws -> Operations.PostWorkspacesParticipantsImport.Output {
        guard case .csv(let body) = input.body else { throw WebError.badRequest("the body must be CSV") }
        let result = try await participants.importFile(
            caller, workspace: input.path.workspace, file: "request body", text: try await body.text())
        return .ok(.init(body: .json(Components.Schemas.ImportResult(added: result.added, updated: result.updated))))
    }

    func getWorkspacesRoles(_ input: Operations.GetWorkspacesRoles.Input) async throws -> Operations.GetWorkspacesRoles.Output {
        let roles = try await organization.roles(caller, workspace: input.path.workspace)
        return .ok(.init(body: .json(try documented(ItemList(items: roles)))))
    }

    func postWorkspacesRoles(_ input: Operations.PostWorkspacesRoles.Input) async throws -> Operations.PostWorkspacesRoles.Output {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let role = try await organization.addRole(
            caller, workspace: input.path.workspace, code: body.code, name: body.name, unitID: body.unitId)
        return .created(.init(body: .json(try documented(role))))
    }

    func deleteWorkspacesRolesById(
        _ input: Operations.DeleteWorkspacesRolesById.Input
    ) async throws
        -> Operations.DeleteWorkspacesRolesById.Output
    {
        try await organization.deleteRole(caller, workspace: input.path.workspace, id: input.path.id)
        return .noContent(.init())
    }

    func getFrameworks(_ input: Operations.GetFrameworks.Input) async throws -> Operations.GetFrameworks.Output {
        _ = try identity()
        return .ok(.init(body: .json(try documented(ItemList(items: BuiltInFrameworks.all)))))
    }

    func getFrameworksById(_ input: Operations.GetFrameworksById.Input) async throws -> Operations.GetFrameworksById.Output {
        _ = try identity()
        guard let framework = BuiltInFrameworks.framework(input.path.id) else {
            throw WebError.notFound("no built-in framework '\(input.path.id)'")
        }
        return .ok(.init(body: .json(try documented(framework))))
    }

    func getInstruments(_ input: Operations.GetInstruments.Input) async throws -> Operations.GetInstruments.Output {
        _ = try identity()
        return .ok(.init(body: .json(try documented(ItemList(items: BuiltInInstruments.all.map(\.instrument))))))
    }

    func getWorkspacesFrameworks(
        _ input: Operations.GetWorkspacesFrameworks.Input
    ) async throws -> Operations.GetWorkspacesFrameworks.Output {
        .ok(.init(body: .json(try documented(ItemList(items: try await organization.frameworks(caller, workspace: input.path.workspace))))))
    }

    func postWorkspacesFrameworks(
        _ input: Operations.PostWorkspacesFrameworks.Input
    ) async throws
        -> Operations.PostWorkspacesFrameworks.Output
    {
        guard case .yaml(let body) = input.body else { throw WebError.badRequest("the body must be YAML") }
        let framework = try await organization.addFramework(
            caller, workspace: input.path.workspace, file: "request body", source: try await body.text(), now: now)
        return .created(.init(body: .json(try documented(framework))))
    }

    func getWorkspacesFrameworksById(
        _ input: Operations.GetWorkspacesFrameworksById.Input
    ) async throws
        -> Operations.GetWorkspacesFrameworksById.Output
    {
        .ok(
            .init(body: .json(try documented(try await organization.framework(caller, workspace: input.path.workspace, id: input.path.id))))
        )
    }
}
