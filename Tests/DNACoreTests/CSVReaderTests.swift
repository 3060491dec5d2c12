import Testing

@testable import DNACore

@Suite("CSV reading")
struct CSVReaderTests {
    @Test("quoted fields, escaped quotes, CRLF and line breaks inside quotes")
    func quoting() throws {
        let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\n4,,6"
        let records = try CSVReader(file: "t.csv", text: text).records()
        #expect(records.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["4", "", "6"]])
        #expect(records.map(\.line) == [1, 2, 5])
        #expect(records[2].columns == [1, 3, 4])
    }

    @Test("a byte-order mark is skipped")
    func byteOrderMark() throws {
        let records = try CSVReader(file: "t.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("unit\nx".utf8)).records()
        #expect(records.first?.fields == ["unit"])
    }

    @Test("an unterminated quote is located")
    func unterminated() {
        let problems = #expect(throws: FileProblems.self) { try CSVReader(file: "t.csv", text: "a,b\n1,\"open\n2,3").records() }
        #expect(problems?.description == "t.csv:2:3: quoted field is never closed")
    }

    @Test("columns count characters, not bytes")
    func unicodeColumns() throws {
        let records = try CSVReader(file: "t.csv", text: "ø,å,x").records()
        #expect(records[0].columns == [1, 3, 5])
    }

    @Test("a table names missing and unknown columns")
    func header() {
        let problems = #expect(throws: FileProblems.self) {
            try CSVTable(reader: CSVReader(file: "o.csv", text: "unit,name,colour\nx,y,z"), required: ["unit", "parent", "name"])
        }
        #expect(
            problems?.problems.map(\.description) == [
                "o.csv:1:1: missing column 'parent'; the header must be unit,parent,name",
                "o.csv:1:11: unknown column 'colour'",
            ])
    }
}

@Suite("CSV reading stays linear")
struct CSVLinearTests {
    // 500,000 fields on one line took over two minutes when every field's column was counted
    // from the start of the line again; counted onward it takes well under a second.
    @Test("a line of half a million fields is read, with the last field's column right", .timeLimit(.minutes(1)))
    func manyFields() throws {
        let line = String(repeating: "é,", count: 499_999) + "x\n"
        let records = try CSVReader(file: "wide.csv", text: line).records()
        #expect(records.count == 1 && records[0].fields.count == 500_000)
        #expect(records[0].column(of: 499_999) == 999_999)
        #expect(records[0].column(of: 1) == 3)
    }
}

@Suite("CSV read in chunks")
struct CSVChunksTests {
    @Test("chunks of any size give the records, lines and columns of the whole file", arguments: [1, 7, 64, 1 << 20])
    func sameAsWhole(chunkSize: Int) throws {
        let text = "\u{FEFF}a,b,c\r\n1,\"two\nlines\",3\n\n4,\"a \"\"quote\"\"\",é\n5,6,7"
        let whole = try CSVReader(file: "f.csv", text: text).records()
        var chunks = CSVChunks(file: "f.csv", bytes: Array(text.utf8), chunkSize: chunkSize)
        var read: [CSVRecord] = []
        while let more = try chunks.next() { read += more }
        #expect(read.map(\.fields) == whole.map(\.fields))
        #expect(read.map(\.line) == [1, 2, 5, 6])
        #expect(read.map(\.columns) == whole.map(\.columns))
        #expect(chunks.bytesRead == text.utf8.count)
    }
}
