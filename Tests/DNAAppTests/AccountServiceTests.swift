import DNACore
import DNAStore
import DNATestSupport
import Testing

@testable import DNAApp

/// People and API tokens, as the API and the command line call them.
@Suite("Account service")
struct AccountServiceTests {
    @Test("only instance administrators and the operator add people; tokens are the caller's own", arguments: TestDatabase.available)
    func accounts(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup: an instance administrator and a member of a workspace (the fixture's analyst)
            let fixture = try await ServiceFixture.make(store)
            let root = try await store.accounts.createUser(
                email: "root@x.test", name: "Root", passwordHash: "-", instanceAdmin: true, now: 1)
            let service = AccountService(store: store, bcryptCost: 4)
            // MUT + validation
            let bob = try await service.createUser(
                .person(root, via: .api), email: "Bob@X.test", name: "Bob", password: "long enough!", instanceAdmin: false, now: 2)
            #expect(bob.email == "bob@x.test" && !bob.instanceAdmin)
            _ = try await service.createUser(
                .commandLine(login: "ops"), email: "cy@x.test", name: "Cy", password: "long enough!", instanceAdmin: false, now: 2)
            await #expect(throws: AccessError.forbidden("only an instance administrator can manage users")) {
                _ = try await service.createUser(
                    fixture.asAnalyst, email: "eve@x.test", name: "Eve", password: "long enough!", instanceAdmin: true, now: 2)
            }
            await #expect(throws: StoreError.invalid("the password must have at least 10 characters")) {
                _ = try await service.createUser(
                    .person(root, via: .api), email: "d@x.test", name: "D", password: "short", instanceAdmin: false, now: 2)
            }
            await #expect(throws: AccessError.forbidden("only an instance administrator can manage users")) {
                _ = try await service.users(fixture.asAnalyst)
            }
            #expect(try await service.users(.person(root, via: .page)).map(\.email).contains("cy@x.test"))

            let created = try await service.createToken(fixture.asAnalyst, name: "ci", now: 3)
            #expect(created.secret.hasPrefix("cdna_") && created.token.userID == fixture.analyst.id)
            #expect(try await store.accounts.userForAPIToken(tokenHash: Secrets.hash(created.secret), now: 4)?.id == fixture.analyst.id)
            #expect(try await service.tokens(fixture.asViewer).isEmpty)
            await #expect(throws: StoreError.self, "another person's token is not found") {
                try await service.deleteToken(fixture.asViewer, id: created.token.id)
            }
            #expect(try await service.tokens(fixture.asAnalyst).map(\.id) == [created.token.id])
            try await service.deleteToken(fixture.asAnalyst, id: created.token.id)
            #expect(try await service.tokens(fixture.asAnalyst).isEmpty)
            await #expect(throws: AccessError.signInNeeded) { _ = try await service.tokens(nil) }
        }
    }

    @Test("unknown accounts are checked against a hash of the configured cost, and failed sign-ins back off by doubling")
    func unknownAccountCost() async throws {
        let hash = try await SignInService.dummyHash(cost: 6)
        #expect(hash.hasPrefix("$2b$06$"))
        #expect(SignInService.backOff(failures: 4, latest: 100, limit: 5, window: 900, now: 100) == nil)
        #expect(SignInService.backOff(failures: 9, latest: 100, limit: 5, window: 900, now: 100) == 240)
        #expect(SignInService.backOff(failures: 30, latest: 100, limit: 5, window: 900, now: 100) == 900)
    }

}
