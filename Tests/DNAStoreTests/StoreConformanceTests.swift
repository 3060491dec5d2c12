import DNACore
import DNATestSupport
import Foundation
import Testing

@testable import DNAStore

/// One suite, run against every database: the store must behave the same on both.
@Suite("Store conformance")
struct StoreConformanceTests {
    @Test("migrations run once and a second open finds them applied", arguments: TestDatabase.available)
    func migrationsAreRecorded(database: TestDatabase) async throws {
        try await database.withStore { store in
            let applied = try await Migrator(store: store).appliedNames()
            #expect(applied == Set(Schema.migrations.map(\.name)))
            // A second run must not fail on existing tables.
            try await Migrator(store: store).migrate()
        }
    }

    @Test("a database a newer cdna changed is refused at start, naming what it does not know", arguments: TestDatabase.available)
    func newerSchemaRefused(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup: a migration this binary has never heard of
            try await store.write { db in
                try await db.raw("INSERT INTO schema_migrations (name, applied_at) VALUES ('0099-from-the-future', 1)").run()
            }
            // MUT
            let refused = await #expect(throws: StoreError.self) { _ = try await Store.open(store.location) }
            // validation
            let message = String(describing: refused.map { $0 } as Any)
            #expect(message.contains("0099-from-the-future") && message.contains("newer version of cdna"))
            try await store.write { db in
                try await db.raw("DELETE FROM schema_migrations WHERE name = '0099-from-the-future'").run()
            }
        }
    }

    @Test("role codes are taken as files write them: any case, digits, '-', '_', '.'", arguments: TestDatabase.available)
    func roleCodes(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await store.workspaces.create(slug: "w", name: "W", now: 1)
            for code in ["Agent", "R2_1", "team.lead", "L-data-technology"] {
                _ = try await store.organization.addRole(workspaceID: workspace.id, code: code, name: code, unitID: nil)
            }
            #expect(
                try await store.organization.roles(workspaceID: workspace.id).map(\.code).sorted() == [
                    "Agent", "L-data-technology", "R2_1", "team.lead",
                ])
            for bad in ["a b", "a/b", ""] {
                let refused = await #expect(throws: StoreError.self) {
                    _ = try await store.organization.addRole(workspaceID: workspace.id, code: bad, name: "x", unitID: nil)
                }
                #expect(String(describing: refused.map { $0 } as Any).contains(FileID.rule), "\(bad)")
            }
        }
    }

    @Test(
        "one rule for a new workspace's admins: its creator, or every instance administrator when no person made it",
        arguments: TestDatabase.available)
    func firstAdmins(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup: two instance administrators and one plain user
            let root = try await store.accounts.createUser(
                email: "root@x.test", name: "Root", passwordHash: "-", instanceAdmin: true, now: 1)
            let ops = try await store.accounts.createUser(email: "ops@x.test", name: "Ops", passwordHash: "-", instanceAdmin: true, now: 1)
            let ann = try await store.accounts.createUser(email: "ann@x.test", name: "Ann", passwordHash: "-", instanceAdmin: false, now: 1)
            // MUT
            let made = try await store.workspaces.create(slug: "made", name: "Made", minGroupSize: 7, creator: ann.id, now: 1)
            let system = try await store.workspaces.create(slug: "system", name: "System", now: 1)
            await #expect(throws: StoreError.self) {
                _ = try await store.workspaces.create(slug: "ghost", name: "G", creator: "nobody", now: 1)
            }
            // validation
            func admins(_ workspace: Workspace) async throws -> Set<String> {
                Set(try await store.accounts.memberships(workspaceID: workspace.id).filter { $0.access == .admin }.map(\.user.email))
            }
            #expect(try await admins(made) == ["ann@x.test"])
            #expect(try await admins(system) == [root.email, ops.email])
            let stored = try await store.workspaces.workspace(slug: "made")
            #expect(made.minGroupSize == 7 && stored.minGroupSize == 7)
            #expect(try await store.workspaces.all().map(\.slug).contains("ghost") == false)
            await #expect(throws: StoreError.self) {
                _ = try await store.workspaces.create(slug: "tiny", name: "T", minGroupSize: 1, now: 1)
            }
        }
    }

    @Test("the demo written before any administrator existed is theirs once it is loaded again", arguments: TestDatabase.available)
    func demoAdmins(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup: `cdna demo` on an empty database, then the first administrator
            let demo = try await store.loadDemo(now: 1)
            #expect(try await store.accounts.memberships(workspaceID: demo.id).isEmpty)
            let root = try await store.accounts.createUser(
                email: "root@x.test", name: "Root", passwordHash: "-", instanceAdmin: true, now: 1)
            // MUT: `cdna serve --demo` loads it again
            _ = try await store.loadDemo(now: 2)
            _ = try await store.loadDemo(now: 3)
            // validation
            #expect(try await store.accounts.memberships(workspaceID: demo.id).map(\.user.id) == [root.id])
        }
    }

    @Test("a stored value the code does not know is an error, not a silent default")
    func unknownStoredValues() async throws {
        // SQLite only: it can be told to skip the CHECK constraints that otherwise keep such
        // values out (they arrive from a newer or damaged database).
        try await TestDatabase.sqlite.withStore { store in
            let ann = try await store.accounts.createUser(email: "ann@x.test", name: "Ann", passwordHash: "-", instanceAdmin: false, now: 1)
            let workspace = try await store.workspaces.create(slug: "w", name: "W", creator: ann.id, now: 1)
            try await store.write { db in
                try await db.raw("PRAGMA ignore_check_constraints = ON").run()
                try await db.raw("UPDATE memberships SET access = 'owner'").run()
                try await db.raw("PRAGMA ignore_check_constraints = OFF").run()
            }
            for read in [
                { _ = try await store.accounts.memberships(workspaceID: workspace.id) },
                { _ = try await store.workspaces.all(of: ann.id) },
                { _ = try await store.workspaces.membership(slug: "w", userID: ann.id) },
                { _ = try await store.accounts.access(userID: ann.id, workspaceID: workspace.id) },
            ] as [@Sendable () async throws -> Void] {
                await #expect(throws: StoreError.invalid("unknown stored access 'owner'")) { try await read() }
            }
        }
    }

    @Test("a record read whole from its row refuses a stored value it cannot hold, naming the record and the field")
    func unknownValuesInRecords() async throws {
        try await TestDatabase.sqlite.withStore { store in
            let workspace = try await store.workspaces.create(slug: "w", name: "W", now: 1)
            _ = try await store.customerModels.addCustomerOutcome(
                workspaceID: workspace.id, code: "O1", direction: .minimize, metric: "the time it takes", object: "to file a claim")
            #expect(try await store.auditLog.entries(workspaceID: workspace.id).count == 2)
            try await store.write { db in
                try await db.raw("PRAGMA ignore_check_constraints = ON").run()
                try await db.raw("UPDATE audit_log SET via = 'fax'").run()
                try await db.raw("UPDATE outcomes SET direction = 'maximize'").run()
                try await db.raw("PRAGMA ignore_check_constraints = OFF").run()
            }
            let entries = await #expect(throws: StoreError.self) { try await store.auditLog.entries(workspaceID: workspace.id) }
            #expect(entries?.description.hasPrefix("a stored AuditEntry cannot be read: via:") == true)
            #expect(entries?.description.contains("fax") == true)
            let outcomes = await #expect(throws: StoreError.self) {
                try await store.customerModels.customerOutcomes(workspaceID: workspace.id)
            }
            #expect(outcomes?.description.hasPrefix("a stored CustomerOutcome cannot be read: direction:") == true)
        }
    }

    @Test("workspace slugs are unique and validated", arguments: TestDatabase.available)
    func workspaces(database: TestDatabase) async throws {
        try await database.withStore { store in
            let created = try await store.workspaces.create(slug: "acme", name: " Acme ", now: 100)
            #expect(created.name == "Acme")
            #expect(try await store.workspaces.workspace(slug: "acme") == created)
            await #expect(throws: StoreError.conflict("a workspace with slug 'acme' already exists")) {
                try await store.workspaces.create(slug: "acme", name: "Other", now: 100)
            }
            await #expect(throws: StoreError.self) { try await store.workspaces.create(slug: "Not A Slug", name: "x", now: 1) }
            await #expect(throws: StoreError.notFound("no workspace 'none'")) { try await store.workspaces.workspace(slug: "none") }
        }
    }

    @Test("an org chart import is all or nothing", arguments: TestDatabase.available)
    func orgChartAllOrNothing(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup
            let workspace = try await store.workspaces.create(slug: "acme", name: "Acme", now: 1)
            let bad = "unit,parent,name\nhq,,Head office\nsales,hq,Sales\nsupport,nowhere,Support\n"
            // MUT
            let problems = await #expect(throws: FileProblems.self) {
                try await store.organization.importOrgChart(workspaceID: workspace.id, file: "org.csv", text: bad)
            }
            // validation
            #expect(problems?.description == "org.csv:4:9: parent 'nowhere' is not a unit in this file or in the workspace")
            #expect(try await store.organization.units(workspaceID: workspace.id).isEmpty)

            let good = "unit,parent,name\nsales,hq,Sales\nhq,,Head office\n"
            let first = try await store.organization.importOrgChart(workspaceID: workspace.id, file: "org.csv", text: good)
            #expect(first.added == 2 && first.updated == 0)
            let second = try await store.organization.importOrgChart(
                workspaceID: workspace.id, file: "org.csv", text: "unit,parent,name\nsales,hq,Sales & marketing\nteam,sales,Team\n")
            #expect(second.added == 1 && second.updated == 1)
            let units = try await store.organization.units(workspaceID: workspace.id)
            let byCode = Dictionary(uniqueKeysWithValues: units.map { ($0.code, $0) })
            #expect(byCode["sales"]?.name == "Sales & marketing")
            #expect(byCode["team"]?.parentID == byCode["sales"]?.id)
            #expect(byCode["hq"]?.parentID == nil)
        }
    }

    @Test(
        "a deep org chart written children first goes in whole, and moving an existing unit under a new one works",
        arguments: TestDatabase.available)
    func deepOrgChart(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup: a chain of 5,000 units, each under the one before, listed deepest first,
            // so no unit's parent is stored before the file's last line is read
            let workspace = try await store.workspaces.create(slug: "acme", name: "Acme", now: 1)
            let depth = 5_000
            let lines = (1..<depth).reversed().map { "u\($0),u\($0 - 1),Unit \($0)" } + ["u0,,Root"]
            // MUT
            let first = try await store.organization.importOrgChart(
                workspaceID: workspace.id, file: "org.csv", text: "unit,parent,name\n" + lines.joined(separator: "\n"))
            // validation
            #expect(first.added == depth && first.updated == 0)
            var units = Dictionary(
                uniqueKeysWithValues: try await store.organization.units(workspaceID: workspace.id).map { ($0.code, $0) })
            #expect(units.count == depth)
            #expect((1..<depth).allSatisfy { units["u\($0)"]?.parentID == units["u\($0 - 1)"]?.id })
            #expect(units["u0"]?.parentID == nil)

            // an existing unit moves under a unit the same file adds; the rest is untouched
            let second = try await store.organization.importOrgChart(
                workspaceID: workspace.id, file: "org.csv", text: "unit,parent,name\nu4999,new,Leaf\nnew,u0,New\n")
            #expect(second.added == 1 && second.updated == 1)
            units = Dictionary(uniqueKeysWithValues: try await store.organization.units(workspaceID: workspace.id).map { ($0.code, $0) })
            #expect(units["u4999"]?.parentID == units["new"]?.id && units["u4999"]?.name == "Leaf")
            #expect(units["new"]?.parentID == units["u0"]?.id)
            #expect(units["u4998"]?.parentID == units["u4997"]?.id)
        }
    }

    @Test("a cycle through existing units is refused and nothing changes", arguments: TestDatabase.available)
    func cycleThroughExisting(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await store.workspaces.create(slug: "acme", name: "Acme", now: 1)
            _ = try await store.organization.importOrgChart(
                workspaceID: workspace.id, file: "a.csv", text: "unit,parent,name\nhq,,HQ\nsales,hq,Sales\n")
            await #expect(throws: FileProblems.self) {
                try await store.organization.importOrgChart(
                    workspaceID: workspace.id, file: "b.csv", text: "unit,parent,name\nhq,sales,HQ\n")
            }
            let hq = try await store.organization.units(workspaceID: workspace.id).first { $0.code == "hq" }
            #expect(hq?.parentID == nil)
        }
    }

    @Test("units and roles stay inside their workspace", arguments: TestDatabase.available)
    func tenancy(database: TestDatabase) async throws {
        try await database.withStore { store in
            let a = try await store.workspaces.create(slug: "a", name: "A", now: 1)
            let b = try await store.workspaces.create(slug: "b", name: "B", now: 1)
            let unitA = try await store.organization.addUnit(workspaceID: a.id, code: "hq", name: "HQ", parentID: nil)
            // A unit of workspace A cannot become the parent of a unit in B, nor hold B's role.
            await #expect(throws: StoreError.self) {
                try await store.organization.addUnit(workspaceID: b.id, code: "x", name: "X", parentID: unitA.id)
            }
            await #expect(throws: StoreError.self) {
                try await store.organization.addRole(workspaceID: b.id, code: "r", name: "R", unitID: unitA.id)
            }
            await #expect(throws: StoreError.notFound("no unit '\(unitA.id)'")) {
                try await store.organization.unit(workspaceID: b.id, id: unitA.id)
            }
            await #expect(throws: StoreError.notFound("no unit '\(unitA.id)'")) {
                try await store.organization.deleteUnit(workspaceID: b.id, id: unitA.id)
            }
            #expect(try await store.organization.units(workspaceID: b.id).isEmpty)
            // The same code may exist in both workspaces.
            _ = try await store.organization.addUnit(workspaceID: b.id, code: "hq", name: "HQ", parentID: nil)
        }
    }

    @Test("a unit with sub-units cannot be deleted", arguments: TestDatabase.available)
    func deleteParent(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await store.workspaces.create(slug: "a", name: "A", now: 1)
            let hq = try await store.organization.addUnit(workspaceID: workspace.id, code: "hq", name: "HQ", parentID: nil)
            let team = try await store.organization.addUnit(workspaceID: workspace.id, code: "team", name: "Team", parentID: hq.id)
            await #expect(throws: StoreError.conflict("the unit still has sub-units; move or delete them first")) {
                try await store.organization.deleteUnit(workspaceID: workspace.id, id: hq.id)
            }
            try await store.organization.deleteUnit(workspaceID: workspace.id, id: team.id)
            try await store.organization.deleteUnit(workspaceID: workspace.id, id: hq.id)
            #expect(try await store.organization.units(workspaceID: workspace.id).isEmpty)
        }
    }

    @Test("users, memberships, sessions and API tokens", arguments: TestDatabase.available)
    func accounts(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await store.workspaces.create(slug: "a", name: "A", now: 1)
            let user = try await store.accounts.createUser(
                email: "Ann@Example.org", name: "Ann", passwordHash: "h1", instanceAdmin: false, now: 5)
            #expect(user.email == "ann@example.org")
            await #expect(throws: StoreError.self) {
                try await store.accounts.createUser(
                    email: "ann@example.org", name: "Again", passwordHash: "h", instanceAdmin: false, now: 5)
            }
            #expect(try await store.accounts.access(userID: user.id, workspaceID: workspace.id) == nil)
            try await store.accounts.setMembership(Membership(workspaceID: workspace.id, userID: user.id, access: .viewer))
            try await store.accounts.setMembership(Membership(workspaceID: workspace.id, userID: user.id, access: .analyst))
            #expect(try await store.accounts.access(userID: user.id, workspaceID: workspace.id) == .analyst)
            #expect(try await store.workspaces.all(of: user.id).map(\.access) == [.analyst])

            try await store.accounts.createSession(tokenHash: "s1", userID: user.id, csrfToken: "c1", now: 10, expiresAt: 20)
            #expect(try await store.accounts.session(tokenHash: "s1", now: 15)?.csrfToken == "c1")
            #expect(try await store.accounts.session(tokenHash: "s1", now: 21) == nil)
            // A new password ends the sessions of the old one.
            try await store.accounts.createSession(tokenHash: "s2", userID: user.id, csrfToken: "c2", now: 10, expiresAt: 100)
            try await store.accounts.setPasswordHash(email: "ann@example.org", "h2")
            #expect(try await store.accounts.session(tokenHash: "s2", now: 15) == nil)
            #expect(try await store.accounts.userWithPasswordHash(email: "ANN@example.org")?.passwordHash == "h2")

            let token = try await store.accounts.createAPIToken(userID: user.id, name: "ci", tokenHash: "t1", now: 30)
            #expect(try await store.accounts.userForAPIToken(tokenHash: "t1", now: 40)?.id == user.id)
            // The use is recorded off the request's path, at most once a minute.
            try await store.accounts.recordAPITokenUse(tokenHash: "t1", now: 40)
            #expect(try await store.accounts.apiTokens(userID: user.id).first?.lastUsedAt == 40)
            try await store.accounts.recordAPITokenUse(tokenHash: "t1", now: 99)
            #expect(try await store.accounts.apiTokens(userID: user.id).first?.lastUsedAt == 40)
            try await store.accounts.recordAPITokenUse(tokenHash: "t1", now: 101)
            #expect(try await store.accounts.apiTokens(userID: user.id).first?.lastUsedAt == 101)
            try await store.accounts.deleteAPIToken(userID: user.id, id: token.id)
            #expect(try await store.accounts.userForAPIToken(tokenHash: "t1", now: 50) == nil)
        }
    }

    @Test("failed sign-ins are counted per key within the window", arguments: TestDatabase.available)
    func loginAttempts(database: TestDatabase) async throws {
        try await database.withStore { store in
            for second in 0..<3 { _ = try await store.accounts.recordLoginFailure(key: "email:a", now: Int64(100 + second), window: 60) }
            #expect(try await store.accounts.loginFailures(key: "email:a", now: 110, window: 60) == 3)
            #expect(try await store.accounts.loginFailures(key: "email:b", now: 110, window: 60) == 0)
            #expect(try await store.accounts.loginFailures(key: "email:a", now: 200, window: 60) == 0)
            try await store.accounts.clearLoginFailures(key: "email:a")
            #expect(try await store.accounts.loginFailures(key: "email:a", now: 110, window: 60) == 0)
        }
    }

    @Test("user frameworks are validated, stored and cannot shadow built-ins", arguments: TestDatabase.available)
    func frameworks(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await store.workspaces.create(slug: "a", name: "A", now: 1)
            let source = "id: maturity\nname: Maturity\ndimensions:\n  - id: basic\n    name: Basic\n"
            _ = try await store.frameworks.addFramework(workspaceID: workspace.id, file: "m.yaml", source: source, now: 2)
            #expect(try await store.frameworks.all(workspaceID: workspace.id).map(\.id) == BuiltInFrameworks.ids + ["maturity"])
            await #expect(throws: StoreError.self) {
                try await store.frameworks.addFramework(workspaceID: workspace.id, file: "m.yaml", source: source, now: 3)
            }
            await #expect(throws: StoreError.self) {
                try await store.frameworks.addFramework(
                    workspaceID: workspace.id, file: "o.yaml", source: source.replacingOccurrences(of: "maturity", with: "layers"), now: 3)
            }
            await #expect(throws: FileProblems.self) {
                try await store.frameworks.addFramework(workspaceID: workspace.id, file: "bad.yaml", source: "id: x\n", now: 3)
            }
        }
    }

    @Test("the demo loads once with its units and roles", arguments: TestDatabase.available)
    func demo(database: TestDatabase) async throws {
        try await database.withStore { store in
            let first = try await store.loadDemo(now: 1)
            let again = try await store.loadDemo(now: 2)
            #expect(first == again)
            let units = try await store.organization.units(workspaceID: first.id)
            #expect((8...15).contains(units.count))
            #expect(try await store.organization.roles(workspaceID: first.id).count == DemoOrganization.roles.count)
            #expect(try await store.organization.roles(workspaceID: first.id).allSatisfy { $0.unitID != nil })
        }
    }
}
