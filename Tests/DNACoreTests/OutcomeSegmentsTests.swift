import Testing

@testable import DNACore

/// Outcome-based segments on a small planted study: two groups of customers, each with its own
/// unmet outcome, are found again whatever segments the study was given; too few customers are
/// refused. Tests/analytics checks larger studies against an independent adjusted Rand index.
@Suite("Outcome-based segments")
struct OutcomeSegmentsTests {
    static func ratings() -> [OutcomeStudy.Rating] {
        var random = Xoshiro256(seed: 3, stream: 0)
        func jitter() -> Int { Int(random.next() % 3) - 1 }
        return (0..<40).flatMap { number -> [OutcomeStudy.Rating] in
            let group = number % 2
            return (0..<4).map { outcome in
                // The group's own two outcomes matter a lot and are badly served; the others
                // sit in the middle, each rating a point either way.
                let unmet = outcome / 2 == group
                return OutcomeStudy.Rating(
                    respondent: "c\(number)", segment: number < 20 ? "north" : "south", outcome: "o\(outcome + 1)",
                    importance: unmet ? 5 - (jitter() == 1 ? 1 : 0) : 3 + jitter(),
                    satisfaction: unmet ? 1 + (jitter() == 1 ? 1 : 0) : 3 + jitter())
            }
        }
    }

    @Test("two planted groups come back as two segments, each with its own unmet outcomes first")
    func planted() throws {
        let result = try OutcomeSegments.find(Self.ratings())
        #expect(result.k == 2)
        let bySegment = result.segments.map { Set($0.respondents.compactMap { Int($0.dropFirst()) }.map { $0 % 2 }) }
        #expect(bySegment.allSatisfy { $0.count == 1 }, "each segment holds one planted group")
        for segment in result.segments {
            let group = Int(segment.respondents[0].dropFirst())! % 2
            #expect(Set(segment.underserved) == [group == 0 ? "o1" : "o3", group == 0 ? "o2" : "o4"])
            #expect(segment.given == ["north": 10, "south": 10])
        }
        #expect((result.silhouette ?? 0) > 0.5)
        #expect(try OutcomeSegments.find(Self.ratings()) == result, "a fixed seed gives the same segments")
        #expect(try OutcomeSegments.find(Self.ratings(), k: 3).segments.count == 3)
    }

    @Test("too few customers for the segments asked are refused")
    func tooFew() {
        #expect(throws: OutcomeSegments.Problem.self) { try OutcomeSegments.find(Array(Self.ratings().prefix(12))) }
    }
}
