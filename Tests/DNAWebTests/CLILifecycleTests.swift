import Foundation
import Testing

/// The deleting commands as a script meets them: they say what goes, delete nothing without
/// --yes when no one can be asked, and name what they could not find.
@Suite("Deleting from the command line")
struct CLILifecycleTests {
    @Test("campaign delete, erase and retention: counted, refused without --yes, done with it")
    func lifecycleCommands() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.path
        #expect(try CLITests.cdna(["demo", "--data", data]).status == 0)
        let list = try CLITests.cdna(["campaign", "list", "--workspace", "harbor", "--data", data])
        let spring = try #require(
            list.output.split(separator: "\n").first { $0.contains("spring") }?.split(separator: " ").first.map(String.init))
        let delete = ["campaign", "delete", "--workspace", "harbor", "--data", data, "--campaign", spring]

        let asked = try CLITests.cdna(delete)
        #expect(asked.status == 1 && asked.error.contains("nothing was deleted: add --yes"))
        #expect(asked.output.contains("Deleting the campaign 'Baseline, spring' removes it with 265 responses and"))
        #expect(try CLITests.cdna(["campaign", "list", "--workspace", "harbor", "--data", data]).output.contains("spring"))
        let deleted = try CLITests.cdna(delete + ["--yes"])
        #expect(deleted.status == 0 && deleted.output.contains("Deleted the campaign 'Baseline, spring' with 265 responses"))
        #expect(!(try CLITests.cdna(["campaign", "list", "--workspace", "harbor", "--data", data]).output.contains("spring")))
        let gone = try CLITests.cdna(delete + ["--yes"])
        #expect(gone.status == 1 && gone.error.contains("no campaign"))

        let erase = ["erase", "--workspace", "harbor", "--data", data, "--email", "ingrid.berg0@harbor-mutual.example", "--yes"]
        let erased = try CLITests.cdna(erase)
        #expect(erased.status == 0, "\(erased.error)")
        #expect(erased.output.contains("Erased: 1 participant record and 41 participant records naming them as manager."))
        let people = try CLITests.cdna(["participants", "list", "--workspace", "harbor", "--data", data])
        #expect(!people.output.contains("ingrid.berg0@"))
        let audit = try CLITests.cdna(["audit", "--workspace", "harbor", "--data", data])
        #expect(audit.output.contains("person.erase") && !audit.output.contains("ingrid.berg0@"))
        #expect(try CLITests.cdna(erase).error.contains("nothing in harbor names"))

        let retention = try CLITests.cdna(["workspace", "retention", "--workspace", "harbor", "--data", data, "--days", "1", "--now"])
        #expect(retention.status == 0 && retention.output.contains("deleted 1 day after they were given"))
        #expect(retention.output.contains("Deleted 62 open answers now."), "\(retention.output)")
        let scim = try CLITests.cdna(["token", "add", "--scim", "--workspace", "harbor", "--name", "okta", "--data", data])
        #expect(scim.status == 0 && scim.output.hasPrefix("scim_"))
        #expect(try CLITests.cdna(["token", "scim-list", "--workspace", "harbor", "--data", data]).output.hasPrefix("okta\t"))
        let revoke = ["token", "scim-revoke", "--workspace", "harbor", "--name", "okta", "--data", data]
        #expect(try CLITests.cdna(revoke).status == 0)
        #expect(try CLITests.cdna(revoke).error.contains("no SCIM token named 'okta'"))
        let both = try CLITests.cdna(["workspace", "retention", "--workspace", "harbor", "--data", data, "--days", "3", "--keep"])
        #expect(both.status != 0 && both.error.contains("give either --days N or --keep"))
    }
}
