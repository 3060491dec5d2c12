import DNACore
import DNAStore
import DNATestSupport
import Foundation
import HummingbirdTesting
import SQLKit
import Testing

@testable import DNAWeb

/// Every word of the admin pages goes through the catalogue. The pages are built in the
/// pseudo-language, which puts each catalogue word in ⟦ ⟧; the test walks the demo
/// workspace's pages link by link, and whatever text is left outside the marks must be data of
/// the workspace (a name, an item's text, a comment), a figure, or punctuation. A word typed
/// into a page without going through the catalogue is reported with the page it is on.
@Suite("Admin wording goes through the catalogue")
struct AdminWordingTests {
    /// Enough pages to reach every template of the demo, with room for the filter variants.
    static let pageLimit = 200
    /// Links kept per page and kind of filter (`?node=`, `?segment=`): the template is the same.
    static let variantLimit = 3

    @Test("the demo's admin pages in the pseudo-language leave no wording unmarked", arguments: TestDatabase.available)
    func pseudoLocalizedPages(_ database: TestDatabase) async throws {
        let configure: (inout AppConfiguration) -> Void = {
            $0.adminLanguage = AdminCatalogue.pseudoLanguage
            // With a link key the campaign pages show their invitation sections too.
            $0.linkKey = Data(repeating: 7, count: 32)
        }
        try await WebFixture.run(database, configure: configure) { fixture, client in
            let demo = try await fixture.store.loadDemo(now: 1_800_000_000)
            let data = try await WorkspaceText.collect(fixture.store, database)
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let workspace = "/w/\(demo.slug)"
            var queue = ["/", workspace, workspace + "/no-such-page", workspace + "/my-teams"]
            var seen = Set(queue + ["/login"])
            var variants: [String: Int] = [:]
            // Each text once, with the first page it was seen on.
            var candidates: [String: String] = [:]
            var visited = 0
            var marked = 0
            // The sign-in page is seen signed out; every other page signed in.
            queue.insert("/login", at: 0)
            while !queue.isEmpty, visited < Self.pageLimit {
                let path = queue.removeFirst()
                let response = try await client.execute(uri: path, method: .get, headers: path == "/login" ? [:] : session.headers)
                guard response.headers[.contentType]?.hasPrefix("text/html") == true else { continue }
                visited += 1
                let page = PseudoPage(html: response.text)
                // `CDNA_WORDING_PAGES=DIR` keeps each page there, to see a finding in its place.
                if let dump = ProcessInfo.processInfo.environment["CDNA_WORDING_PAGES"] {
                    try? response.text.write(
                        toFile: dump + "/" + path.replacingOccurrences(of: "/", with: "_"), atomically: true, encoding: .utf8)
                }
                marked += page.markedCount
                for fragment in page.unmarked where candidates[fragment] == nil { candidates[fragment] = path }
                for link in page.links where !seen.contains(link) && Self.isAdminPage(link) && (link == "/" || link.hasPrefix(workspace)) {
                    seen.insert(link)
                    let template = Self.template(of: link)
                    variants[template, default: 0] += 1
                    if variants[template]! <= Self.variantLimit { queue.append(link) }
                }
            }
            // The walk reached the pages (not one sign-in page), and they were built in the
            // pseudo-language (else nothing would be marked and every word would be reported).
            #expect(visited >= 40, "only \(visited) pages reached")
            #expect(marked > 1000, "only \(marked) marked words")
            let clock = ContinuousClock.now
            let findings = candidates.filter { !data.contains($0.key) }
            if !findings.isEmpty {
                let listed = findings.sorted { $0.key < $1.key }.map { "\($0.value): \($0.key)" }
                let report = "\(findings.count) texts outside the catalogue (page: text):\n" + listed.prefix(400).joined(separator: "\n")
                Issue.record(Comment(rawValue: report + "\nchecked in \(ContinuousClock.now - clock), \(visited) pages"))
            }
        }
    }

    @Test("a word's key keeps its values apart: looked up by the English with {0}, filled after")
    func keys() {
        let count = 3
        let unit = "Claims {0}"
        let text: AdminText = "\(count) people in \(unit)"
        #expect(text.key == "{0} people in {1}" && text.arguments == [.data("3"), .data("Claims {0}")])
        #expect(text.text(in: "en") == "3 people in Claims {0}")
        #expect(text.text(in: AdminCatalogue.pseudoLanguage) == "⟦3 people in Claims {0}⟧")
        #expect(AdminText(verbatim: "Finance").text(in: AdminCatalogue.pseudoLanguage) == "Finance")
        // A language with no table yet falls back to the English.
        #expect(text.text(in: "nb") == "3 people in Claims {0}")
        #expect(AdminCatalogue.$language.withValue(AdminCatalogue.pseudoLanguage) { text.resolved } == "⟦3 people in Claims {0}⟧")
        // Wording inside wording is looked up in the language the whole is asked for.
        let nested: AdminText = "Groups: \(AdminText("everyone"))"
        #expect(nested.key == "Groups: {0}" && nested.text(in: AdminCatalogue.pseudoLanguage) == "⟦Groups: ⟦everyone⟧⟧")
        #expect(nested.text(in: "en") == "Groups: everyone")
    }

    /// A page's path with the names of its query's parameters (not their values): the links
    /// to one page with one kind of filter share it.
    static func template(of link: String) -> String {
        let parts = link.prefix { $0 != "#" }.split(separator: "?", maxSplits: 1)
        let names = parts.count > 1 ? parts[1].split(separator: "&").map { $0.prefix { $0 != "=" } }.sorted() : []
        return String(parts.first ?? "") + "?" + names.joined(separator: "&")
    }

    /// Pages of the admin site; not downloads, the public respondent pages, or sign-out.
    static func isAdminPage(_ link: String) -> Bool {
        let path = link.split(separator: "?", maxSplits: 1).first.map(String.init) ?? link
        let skipped = ["/logout", "/static/", "/logo/", "/accent/", "/r/", "/c/", "/api/", "/metrics", "/scim/"]
        let downloads = [".csv", ".json", ".svg", ".md", ".yaml", ".pdf", "/report", "/download", "/export"]
        return link.hasPrefix("/") && !link.hasPrefix("//") && !skipped.contains { path.hasPrefix($0) }
            && !downloads.contains { path.hasSuffix($0) || path.contains($0 + "?") } && !link.contains("format=")
    }
}

/// A page built in the pseudo-language, read the way a person sees it: the text between
/// tags and the attributes that are read out (title, aria-label, alt, placeholder, the
/// column label a stacked table shows).
struct PseudoPage {
    var unmarked: [String] = []
    var markedCount = 0
    var links: [String] = []

    init(html: String) {
        var text = html
        // Scripts, styles and code are not read as words: their text is code (a CSV header, a
        // command).
        text.replace(/<(script|style|code)(\s[^>]*)?>.*?<\/(script|style|code)>/.dotMatchesNewlines(), with: "")
        // A text area's content is a form's value, like an input's `value`: what was typed.
        text.replace(/<textarea[^>]*>.*?<\/textarea>/.dotMatchesNewlines(), with: "")
        for match in text.matches(of: /href="([^"]*)"/) {
            links.append(Self.decode(String(match.1)))
        }
        for match in text.matches(of: /(?:title|aria-label|alt|placeholder|data-label)="([^"]*)"/) {
            read(Self.decode(String(match.1)))
        }
        for piece in text.split(separator: /<[^>]*>/) {
            read(Self.decode(String(piece)))
        }
    }

    /// Keeps what lies outside the ⟦ ⟧ marks (nested marks count as one) as fragments.
    private mutating func read(_ text: String) {
        var depth = 0
        var fragment = ""
        for character in text {
            switch character {
            case "⟦":
                if depth == 0 {
                    keep(fragment)
                    fragment = ""
                    markedCount += 1
                }
                depth += 1
            case "⟧": depth = max(0, depth - 1)
            default: if depth == 0 { fragment.append(character) }
            }
        }
        keep(fragment)
    }

    /// A fragment with a word in it; figures, dates in digits and punctuation are not wording.
    private mutating func keep(_ fragment: String) {
        var fragment = fragment
        // A name cut short for a drawing ends in "…": its last, partial word is not checked.
        if fragment.hasSuffix("…"), let space = fragment.lastIndex(of: " ") { fragment = String(fragment[..<space]) }
        let trimmed = fragment.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters).union(.symbols))
        guard trimmed.contains(/\p{L}\p{L}/) else { return }
        unmarked.append(trimmed)
    }

    static func decode(_ text: String) -> String {
        var out = text
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: character)
        }
        return out
    }
}

/// The text a workspace holds (every text column of every table) and the bundled instruments
/// and frameworks: what a page may show without a catalogue word, because it is data.
struct WorkspaceText {
    var values: Set<String>
    var blob: String
    /// Values of three letters or more, the longest first, so a name is taken out whole before
    /// a shorter one inside it.
    var longestFirst: [String]

    init(values: Set<String>) {
        self.values = values
        blob = values.sorted().joined(separator: "\n")
        longestFirst = values.filter { $0.count >= 3 && $0.count < 400 }.sorted { $0.count > $1.count }
    }

    /// Whether `fragment` is made of data: one value, part of one, or values joined by
    /// figures and punctuation (a list of names, "Claims: 62.8").
    func contains(_ fragment: String) -> Bool {
        // A name cut short after a date ("2026-04-01 Photo assessment instead of an").
        let core = fragment.trimmingCharacters(in: .whitespaces.union(.decimalDigits).union(.punctuationCharacters))
        if values.contains(fragment) || blob.contains(fragment) || blob.contains(core) { return true }
        var rest = fragment
        for value in longestFirst where value.count <= rest.count && rest.contains(value) {
            rest = rest.replacingOccurrences(of: value, with: " ")
        }
        return !rest.contains(/\p{L}\p{L}/)
    }

    static func collect(_ store: Store, _ database: TestDatabase) async throws -> WorkspaceText {
        var values: Set<String> = ["CustomerDNA"]
        let tables = try await database.tables(of: store)
        // Themes are named by words of a wave's open answers, as people wrote them less their case.
        let answers = try await store.read { db in
            try await db.raw(
                "SELECT r.campaign_id, t.value FROM response_texts t JOIN responses r ON r.id = t.response_id ORDER BY t.value"
            )
            .all()
        }.map { (try $0.decode(column: "campaign_id", as: String.self), try $0.decode(column: "value", as: String.self)) }
        for wave in Dictionary(grouping: answers, by: \.0).values {
            for theme in CommentThemes.find(wave.map(\.1).sorted()).themes { values.formUnion([theme.label] + theme.terms) }
        }
        for table in tables {
            let rows = try await store.read { db in try await db.raw("SELECT * FROM \(ident: table)").all() }
            for row in rows {
                for column in row.allColumns {
                    if let text = try? row.decode(column: column, as: String.self), text.contains(/\p{L}/) { values.insert(text) }
                }
            }
        }
        for framework in BuiltInFrameworks.all {
            values.insert(framework.name)
            values.insert(framework.description)
            var dimensions = framework.dimensions
            while let dimension = dimensions.popLast() {
                values.formUnion([dimension.name, dimension.description])
                dimensions += dimension.elements
            }
        }
        // Outcomes are kept in parts (direction, metric, object) and shown as one sentence.
        values.formUnion(DemoCustomerModel.model.outcomes.map(\.sentence))
        for (instrument, source) in BuiltInInstruments.all {
            values.insert(source)
            values.insert(instrument.title)
            values.formUnion(instrument.items.map(\.text) + instrument.scale.labels)
        }
        return WorkspaceText(values: values)
    }
}
