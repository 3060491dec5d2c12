import Testing

@testable import DNACore

@Suite("Customer address list")
struct CustomerAddressFileTests {
    @Test("rows are read with e-mails in lower case, tags canonical, empty fields as nil; only email is needed")
    func valid() throws {
        let addresses = try CustomerAddressFile.parse(
            file: "a.csv", text: "email,name,language,segment\nKari@Example.NO,Kari,NB-no,smb\nbo@example.com,,,\n", segments: ["smb"])
        #expect(
            addresses == [
                CustomerAddress(email: "kari@example.no", name: "Kari", language: "nb-NO", segment: "smb"),
                CustomerAddress(email: "bo@example.com"),
            ])
        #expect(try CustomerAddressFile.parse(file: "a.csv", text: "email\nx@y.test\n", segments: []).count == 1)
    }

    @Test("a bad row stops the whole list, and every problem is located")
    func problems() {
        let text = "email,name,language,segment\nnot-an-address,A,,\nb@x.test,B,xx,\nc@x.test,C,,vip\nb@x.test,B2,,\n"
        let problems = #expect(throws: FileProblems.self) {
            _ = try CustomerAddressFile.parse(file: "a.csv", text: text, segments: ["smb"])
        }
        let lines = problems?.description.split(separator: "\n").map(String.init) ?? []
        #expect(lines.count == 4, "\(lines)")
        #expect(lines.first?.hasPrefix("a.csv:2:1: email ") == true)
        #expect(lines.contains("a.csv:3:12: language 'xx' is not an ISO 639-1 language code"))
        #expect(lines.contains("a.csv:4:13: segment 'vip' is not a segment of this workspace (known: smb)"))
        #expect(lines.contains("a.csv:5:1: 'b@x.test' appears twice (first on line 3)"))
        let empty = #expect(throws: FileProblems.self) { _ = try CustomerAddressFile.parse(file: "a.csv", text: "email\n", segments: []) }
        #expect(empty?.description == "a.csv:1:1: the list has no addresses")
        let header = #expect(throws: FileProblems.self) {
            _ = try CustomerAddressFile.parse(file: "a.csv", text: "name\nA\n", segments: [])
        }
        #expect(header?.description.contains("email") == true)
    }
}
