import Dispatch

/// The assessment scoring contract computed straight from the bytes of a wide responses CSV,
/// for large files: one pass, no per-field allocation, the file split across cores at line
/// boundaries, and every statistic kept as additive sums so the parts merge exactly.
///
/// It handles the common, clean case only. Anything it does not handle or that looks wrong
/// (quotes, the long form, choice items, a bad value, a duplicate respondent, a ragged row,
/// stray spaces) makes it return nil, and the caller runs `AssessmentResponseReader` +
/// `AssessmentScoring`, which read everything and report every problem with its position.
/// Both give the same results (a test compares them); this one is only faster.
public enum FastAssessmentScoring {
    public static func score(
        instrument: Instrument, csv bytes: UnsafeRawBufferPointer, options: AssessmentScoring.Options = .init(), parallelism: Int = 2
    ) -> AssessmentResult? {
        guard let layout = Layout(instrument: instrument, bytes: bytes, frameworks: options.frameworks) else { return nil }
        let ranges = chunks(bytes, from: layout.bodyStart, count: max(1, parallelism))
        let parts = PartBox(count: ranges.count)
        let shared = SharedBytes(buffer: bytes)
        let breakdown = options.breakdown
        DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
            var part = Part(layout: layout, breakdown: breakdown)
            parts.set(index, part.scan(shared.buffer, range: ranges[index]) ? part : nil)
        }
        var merged: Part?
        for index in 0..<ranges.count {
            guard let part = parts.get(index) else { return nil }
            if merged == nil {
                merged = part
            } else if !merged!.merge(part) {
                return nil
            }
        }
        return merged?.result(options: options)
    }

    /// The same contract on answers already in memory, for nested groups (units with their
    /// sub-units): each respondent is added once, to the cell of respondents that belong to
    /// exactly the same groups, and each group's sums are the sum of its cells. Gives the
    /// figures of `AssessmentScoring.score(instrument:responses:groups:options:)` (a test
    /// compares them) at a fraction of the cost.
    public static func score(
        instrument: Instrument, responses: AssessmentResponses, groups: [AssessmentScoring.Group], options: AssessmentScoring.Options
    ) -> AssessmentResult {
        let plan = AssessmentSumsPlan(instrument: instrument, frameworks: options.frameworks)
        let count = responses.respondents.count
        var signature = [[Int]](repeating: [], count: count)
        for (index, group) in groups.enumerated() { for member in group.members { signature[member].append(index) } }
        var cellOf: [[Int]: Int] = [:]
        var cells: [AssessmentCell] = []
        var cellGroups: [[Int]] = []
        let width = responses.likertItemIDs.count
        for respondent in 0..<count {
            let cell: Int
            if let known = cellOf[signature[respondent]] {
                cell = known
            } else {
                cell = cells.count
                cellOf[signature[respondent]] = cell
                cells.append(AssessmentCell(width: plan.width))
                cellGroups.append(signature[respondent])
            }
            let answers = Array(responses.answers[(respondent * width)..<((respondent + 1) * width)])
            plan.add(likert: answers, named: responses.respondents[respondent].outcome != nil, to: &cells[cell])
        }
        var everyone = AssessmentCell(width: plan.width)
        var sums = groups.map { AssessmentSumsPlan.Group(name: $0.name, parent: $0.parent, cell: AssessmentCell(width: plan.width)) }
        for (cell, storage) in cells.enumerated() {
            everyone.add(storage)
            for group in cellGroups[cell] { sums[group].cell.add(storage) }
        }
        return plan.score(everyone: everyone, groups: sums, options: options)
    }

    /// Splits the body into `count` ranges that end at line breaks.
    static func chunks(_ bytes: UnsafeRawBufferPointer, from start: Int, count: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var lower = start
        for index in 1...count {
            var upper = index == count ? bytes.count : max(lower, start + (bytes.count - start) * index / count)
            while upper < bytes.count && bytes[upper - 1] != UInt8(ascii: "\n") { upper += 1 }
            ranges.append(lower..<upper)
            lower = upper
        }
        return ranges.filter { !$0.isEmpty }
    }

    /// The file's bytes, read (never written) by every worker while the caller keeps them alive.
    struct SharedBytes: @unchecked Sendable {
        let buffer: UnsafeRawBufferPointer
    }

    /// One slot per worker, each written by its own worker only.
    final class PartBox: @unchecked Sendable {
        private var parts: [Part?]
        init(count: Int) { parts = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ part: Part?) { parts[index] = part }
        func get(_ index: Int) -> Part? { parts[index] }
    }
}
