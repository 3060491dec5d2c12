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
    /// compares them) at a fraction of the cost, which the stored scorecard needs.
    public static func score(
        instrument: Instrument, responses: AssessmentResponses, groups: [AssessmentScoring.Group], options: AssessmentScoring.Options
    ) -> AssessmentResult {
        let layout = Layout(instrument: instrument, frameworks: options.frameworks)
        let count = responses.respondents.count
        var signature = [[Int]](repeating: [], count: count)
        for (index, group) in groups.enumerated() { for member in group.members { signature[member].append(index) } }
        var cellOf: [[Int]: Int] = [:]
        var cells: [GroupStorage] = []
        var cellGroups: [[Int]] = []
        var cellSize: [Int] = []
        var cellNamed: [Int] = []
        let width = responses.likertItemIDs.count
        let reverse = layout.reverse
        var row = [Int8](repeating: 0, count: max(1, width))
        layout.means.withUnsafeBufferPointer { means in
            layout.flatItems.withUnsafeBufferPointer { items in
                layout.itemStart.withUnsafeBufferPointer { starts in
                    layout.offsets.withUnsafeBufferPointer { offsets in
                        let hot = Hot(means: means, items: items, starts: starts, offsets: offsets, meanRow: layout.meanRow)
                        responses.answers.withUnsafeBufferPointer { answers in
                            row.withUnsafeMutableBufferPointer { row in
                                for respondent in 0..<count {
                                    let cell: Int
                                    if let known = cellOf[signature[respondent]] {
                                        cell = known
                                    } else {
                                        cell = cells.count
                                        cellOf[signature[respondent]] = cell
                                        cells.append(GroupStorage(stride: layout.stride))
                                        cellGroups.append(signature[respondent])
                                        cellSize.append(0)
                                        cellNamed.append(0)
                                    }
                                    for item in 0..<width {
                                        let raw = answers[respondent * width + item]
                                        row[item] = raw > 0 ? (reverse[item] ? 6 - raw : raw) : 0
                                    }
                                    cellSize[cell] += 1
                                    if responses.respondents[respondent].outcome != nil { cellNamed[cell] += 1 }
                                    Part.accumulate(UnsafeBufferPointer(row), into: cells[cell], hot: hot)
                                }
                            }
                        }
                    }
                }
            }
        }
        let scorer = Scorer(layout: layout, options: options, hasOutcome: instrument.outcomeItem != nil)
        var groupSums = [[Double]](repeating: [Double](repeating: 0, count: layout.stride), count: groups.count)
        var everyone = [Double](repeating: 0, count: layout.stride)
        var named = [Int](repeating: 0, count: groups.count)
        for (cell, storage) in cells.enumerated() {
            let sums = scorer.combine(storage)
            for position in 0..<layout.stride { everyone[position] += sums[position] }
            for group in cellGroups[cell] {
                for position in 0..<layout.stride { groupSums[group][position] += sums[position] }
                named[group] += cellNamed[cell]
            }
        }
        let visibility = Anonymity.visibleTree(
            rootSize: count, groups: groups.map { ($0.members.count, $0.parent) }, minGroupSize: options.minGroupSize)
        let overall: AssessmentResult.GroupResult =
            visibility.parentShown
            ? .shown(scorer.scores("all", everyone, n: count, named: cellNamed.reduce(0, +))) : .suppressed(group: "all")
        let results = groups.enumerated().map { index, group -> AssessmentResult.GroupResult in
            guard visibility.childShown[index] else { return .suppressed(group: group.name) }
            return .shown(scorer.scores(group.name, groupSums[index], n: group.members.count, named: named[index]))
        }
        return AssessmentResult(overall: overall, groups: results)
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

    /// What each column holds and where each dimension's sums live.
    struct Layout {
        enum Column {
            case likert(Int)
            case outcome
            case skipped
        }

        var columns: [Column]
        var bodyStart: Int
        var plan: DimensionPlan
        var reverse: [Bool]
        /// Per dimension: the offset of its sums in a group's array and its item count.
        var offsets: [Int]
        var stride: Int
        var likertCount: Int
        /// The plan flattened for the hot loop: dimension d's items are
        /// `flatItems[itemStart[d]..<itemStart[d + 1]]` (likert indexes).
        var flatItems: [Int]
        var itemStart: [Int]
        /// `total / count` for every possible count and total of a dimension, computed once
        /// with the same division as the full scorer, so the hot loop only looks it up.
        var means: [Double]
        var meanRow: Int

        init?(instrument: Instrument, bytes: UnsafeRawBufferPointer, frameworks: [Framework]) {
            guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            var headerEnd = newline
            if headerEnd > 0 && bytes[headerEnd - 1] == UInt8(ascii: "\r") { headerEnd -= 1 }
            guard let header = String(validating: UnsafeRawBufferPointer(rebasing: bytes[0..<headerEnd]), as: UTF8.self),
                !header.contains("\"")
            else { return nil }
            let names = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard names.count >= 3, names[0] == "respondent", names[1] == "unit", names[2] == "role" else { return nil }
            let likertIndex = Dictionary(uniqueKeysWithValues: instrument.likertItems.enumerated().map { ($1.id, $0) })
            var columns: [Column] = []
            var seen: Set<String> = []
            for name in names.dropFirst(3) {
                guard seen.insert(name).inserted, let item = instrument.item(name) else { return nil }
                switch item.type {
                case .likert: columns.append(.likert(likertIndex[name]!))
                case .outcome: columns.append(.outcome)
                case .text: columns.append(.skipped)
                case .choice, .multi: return nil
                }
            }
            self.init(instrument: instrument, frameworks: frameworks, columns: columns, bodyStart: newline + 1)
        }

        /// The plan alone, for answers already in memory (`columns` describes a CSV header).
        init(instrument: Instrument, frameworks: [Framework], columns: [Column] = [], bodyStart: Int = 0) {
            self.columns = columns
            self.bodyStart = bodyStart
            plan = DimensionPlan(instrument: instrument, frameworks: frameworks)
            reverse = instrument.likertItems.map(\.reverse)
            likertCount = instrument.likertItems.count
            var offsets: [Int] = []
            var next = 0
            for dimension in plan.dimensions {
                offsets.append(next)
                next += Sums.base + (dimension.items.count >= 3 ? 3 + 2 * dimension.items.count : 0)
            }
            self.offsets = offsets
            stride = next
            flatItems = plan.dimensions.flatMap { $0.items.map(\.index) }
            itemStart = [0]
            for dimension in plan.dimensions { itemStart.append(itemStart.last! + dimension.items.count) }
            let widest = plan.dimensions.map(\.items.count).max() ?? 0
            meanRow = 5 * widest + 1
            var means = [Double](repeating: 0, count: (widest + 1) * meanRow)
            for count in 1...max(1, widest) {
                for total in 0..<meanRow { means[count * meanRow + total] = Double(total) / Double(count) }
            }
            self.means = means
        }
    }

    /// Positions inside a dimension's sums.
    enum Sums {
        static let respondents = 0, meanSum = 1, meanSquares = 2, answers = 3, favorable = 4, unfavorable = 5
        static let base = 6
        // Then, for dimensions with three or more items (Cronbach's alpha, listwise):
        static let complete = 6, totalSum = 7, totalSquares = 8, items = 9
    }

    /// One group's sums in raw memory, so the hot loop touches no reference counts.
    final class GroupStorage: @unchecked Sendable {
        let sums: UnsafeMutableBufferPointer<Double>
        let counts: UnsafeMutableBufferPointer<Int>

        init(stride: Int) {
            sums = .allocate(capacity: max(1, stride))
            sums.initialize(repeating: 0)
            counts = .allocate(capacity: max(1, stride))
            counts.initialize(repeating: 0)
        }

        deinit {
            sums.deallocate()
            counts.deallocate()
        }
    }

    /// Unsafe views of the layout's arrays for the hot loop, valid during one scan.
    struct Hot {
        var means: UnsafeBufferPointer<Double>
        var items: UnsafeBufferPointer<Int>
        var starts: UnsafeBufferPointer<Int>
        var offsets: UnsafeBufferPointer<Int>
        var meanRow: Int
    }

    /// The sums of one worker: one array of `stride` doubles per group, plus the line-of-sight
    /// counts and the respondent id hashes for the duplicate check.
    struct Part {
        let layout: Layout
        let breakdown: AssessmentScoring.Breakdown
        var groupNames: [String] = []
        var groupIndex: [UInt64: Int] = [:]
        /// Per group: sums of means (fractions) and whole-number sums (respondents, answers,
        /// item sums for alpha) in the same layout; integer adds are exact and cheaper.
        var storage: [GroupStorage] = []
        var respondents: [Int] = []
        var named: [Int] = []
        var ids: Set<UInt64> = []

        init(layout: Layout, breakdown: AssessmentScoring.Breakdown) {
            self.layout = layout
            self.breakdown = breakdown
        }

        /// Parses and accumulates the lines in `range`; false when the fast path must give up.
        mutating func scan(_ bytes: UnsafeRawBufferPointer, range: Range<Int>) -> Bool {
            let layout = self.layout
            return layout.means.withUnsafeBufferPointer { means in
                layout.flatItems.withUnsafeBufferPointer { items in
                    layout.itemStart.withUnsafeBufferPointer { starts in
                        layout.offsets.withUnsafeBufferPointer { offsets in
                            let hot = Hot(means: means, items: items, starts: starts, offsets: offsets, meanRow: layout.meanRow)
                            return scanLines(bytes, range: range, hot: hot)
                        }
                    }
                }
            }
        }

        private mutating func scanLines(_ bytes: UnsafeRawBufferPointer, range: Range<Int>, hot: Hot) -> Bool {
            let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), quote = UInt8(ascii: "\""), space = UInt8(ascii: " ")
            let cr = UInt8(ascii: "\r")
            // Unsafe views for the per-field work: no reference counting, no uniqueness checks.
            let valueStorage = UnsafeMutableBufferPointer<Int8>.allocate(capacity: max(1, layout.likertCount))
            valueStorage.initialize(repeating: 0)
            defer { valueStorage.deallocate() }
            let values = valueStorage
            let itemOfColumn = UnsafeMutableBufferPointer<Int>.allocate(capacity: layout.columns.count + 3)
            defer { itemOfColumn.deallocate() }
            // -1: outcome, -2: skipped, else the likert index.
            for (index, column) in layout.columns.enumerated() {
                switch column {
                case .likert(let item): itemOfColumn[index + 3] = item
                case .outcome: itemOfColumn[index + 3] = -1
                case .skipped: itemOfColumn[index + 3] = -2
                }
            }
            let reversedStorage = UnsafeMutableBufferPointer<Bool>.allocate(capacity: max(1, layout.likertCount))
            defer { reversedStorage.deallocate() }
            for (index, flag) in layout.reverse.enumerated() { reversedStorage[index] = flag }
            let reversed = UnsafeBufferPointer(reversedStorage)
            ids.reserveCapacity(range.count / 32)
            let columnCount = layout.columns.count + 3
            var position = range.lowerBound
            let end = range.upperBound
            while position < end {
                // Blank lines are skipped, as the full reader does.
                if bytes[position] == newline {
                    position += 1
                    continue
                }
                if bytes[position] == cr, position + 1 < end, bytes[position + 1] == newline {
                    position += 2
                    continue
                }
                var group = -1
                var namedOutcome = false
                for column in 0..<columnCount {
                    // The common case first: a likert answer of one digit followed by its
                    // delimiter. Everything else takes the general path below.
                    if column >= 3, position + 1 < end, itemOfColumn[column] >= 0 {
                        let item = itemOfColumn[column]
                        let digit = bytes[position] &- UInt8(ascii: "1")
                        let next = bytes[position + 1]
                        let last = column == columnCount - 1
                        if digit < 5, next == (last ? newline : comma) {
                            let raw = Int8(digit) + 1
                            values[item] = reversed[item] ? 6 - raw : raw
                            position += 2
                            continue
                        }
                    }
                    let start = position
                    while position < end {
                        let byte = bytes[position]
                        if byte == comma || byte == newline { break }
                        if byte == quote { return false }
                        position += 1
                    }
                    var fieldEnd = position
                    let atLineEnd = position >= end || bytes[position] == newline
                    if atLineEnd && fieldEnd > start && bytes[fieldEnd - 1] == cr { fieldEnd -= 1 }
                    // A ragged row: too few fields here, or too many (checked below).
                    if atLineEnd != (column == columnCount - 1) { return false }
                    let length = fieldEnd - start
                    if length > 0 && (bytes[start] == space || bytes[fieldEnd - 1] == space) { return false }
                    switch column {
                    case 0:
                        if length == 0 || !ids.insert(Self.hash(bytes, start, fieldEnd)).inserted { return false }
                    case 1, 2:
                        if (column == 1 && breakdown == .unit) || (column == 2 && breakdown == .role) {
                            guard let index = groupFor(bytes, start, fieldEnd) else { return false }
                            group = index
                        }
                    default:
                        switch layout.columns[column - 3] {
                        case .likert(let item):
                            if length == 0 {
                                values[item] = 0
                            } else if length == 1, bytes[start] >= UInt8(ascii: "1"), bytes[start] <= UInt8(ascii: "5") {
                                let raw = Int8(bytes[start] - UInt8(ascii: "0"))
                                values[item] = reversed[item] ? 6 - raw : raw
                            } else if length == 2, bytes[start] | 0x20 == UInt8(ascii: "d"), bytes[start + 1] | 0x20 == UInt8(ascii: "k") {
                                values[item] = 0
                            } else {
                                return false
                            }
                        case .outcome:
                            if length > 0 {
                                guard
                                    let text = String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<fieldEnd]), as: UTF8.self)
                                else { return false }
                                namedOutcome = !AssessmentResponseReader.notNamed.contains(text.lowercased())
                            }
                        case .skipped:
                            break
                        }
                    }
                    position += 1  // past the comma or the line break
                }
                if breakdown == .none, group < 0 { group = groupFor(name: "all") }
                respondents[group] &+= 1
                if namedOutcome { named[group] &+= 1 }
                let target = storage[group]
                Self.accumulate(UnsafeBufferPointer(values), into: target, hot: hot)
            }
            return true
        }

        static func hash(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> UInt64 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for index in start..<end { hash = (hash ^ UInt64(bytes[index])) &* 0x100_0000_01b3 }
            return hash
        }

        /// The group for a unit or role name; nil for a hash collision between two names.
        mutating func groupFor(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int? {
            let hash = Self.hash(bytes, start, end)
            if let index = groupIndex[hash] {
                let name = groupNames[index].utf8
                guard name.count == end - start, name.elementsEqual(bytes[start..<end]) else { return nil }
                return index
            }
            guard let name = String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) else { return nil }
            return add(name, hash: hash)
        }

        mutating func groupFor(name: String) -> Int {
            let hash = Self.hash(name)
            return groupIndex[hash] ?? add(name, hash: hash)
        }

        static func hash(_ name: String) -> UInt64 {
            Array(name.utf8).withUnsafeBytes { hash($0, 0, $0.count) }
        }

        private mutating func add(_ name: String, hash: UInt64) -> Int {
            groupIndex[hash] = groupNames.count
            groupNames.append(name)
            storage.append(GroupStorage(stride: layout.stride))
            respondents.append(0)
            named.append(0)
            return groupNames.count - 1
        }

        /// Adds one respondent's answers (reverse-scored, 0 for none) to a group's sums.
        static func accumulate(_ values: UnsafeBufferPointer<Int8>, into target: GroupStorage, hot: Hot) {
            let sums = target.sums, counts = target.counts
            let items = hot.items, starts = hot.starts
            for dimension in 0..<hot.offsets.count {
                let first = starts[dimension], last = starts[dimension &+ 1]
                var total = 0, count = 0, favorable = 0, unfavorable = 0
                // Branch-free and without overflow checks (answers are 0-5, a missing one is
                // 0): (v + 7) >> 3 is 1 for an answer, (v + 4) >> 3 for 4-5, and an answer
                // minus (v + 5) >> 3 leaves 1-2.
                for position in first..<last {
                    let value = Int(values[items[position]])
                    let answered = (value &+ 7) &>> 3
                    total &+= value
                    count &+= answered
                    favorable &+= (value &+ 4) &>> 3
                    unfavorable &+= answered &- ((value &+ 5) &>> 3)
                }
                if count == 0 { continue }
                let base = hot.offsets[dimension]
                let mean = hot.means[count &* hot.meanRow &+ total]
                sums[base &+ Sums.meanSum] += mean
                sums[base &+ Sums.meanSquares] += mean * mean
                counts[base &+ Sums.respondents] &+= 1
                counts[base &+ Sums.answers] &+= count
                counts[base &+ Sums.favorable] &+= favorable
                counts[base &+ Sums.unfavorable] &+= unfavorable
                let size = last &- first
                if size >= 3 && count == size {
                    counts[base &+ Sums.complete] &+= 1
                    counts[base &+ Sums.totalSum] &+= total
                    counts[base &+ Sums.totalSquares] &+= total &* total
                    var slot = base &+ Sums.items
                    for position in first..<last {
                        let value = Int(values[items[position]])
                        counts[slot] &+= value
                        counts[slot &+ 1] &+= value &* value
                        slot &+= 2
                    }
                }
            }
        }

        /// Adds another worker's sums; false when the two saw the same respondent id.
        mutating func merge(_ other: Part) -> Bool {
            guard ids.isDisjoint(with: other.ids) else { return false }
            ids.formUnion(other.ids)
            for (index, name) in other.groupNames.enumerated() {
                let target = groupFor(name: name)
                respondents[target] += other.respondents[index]
                named[target] += other.named[index]
                for position in 0..<layout.stride {
                    storage[target].sums[position] += other.storage[index].sums[position]
                    storage[target].counts[position] += other.storage[index].counts[position]
                }
            }
            return true
        }

        func result(options: AssessmentScoring.Options) -> AssessmentResult {
            let scorer = Scorer(
                layout: layout, options: options, hasOutcome: layout.columns.contains { if case .outcome = $0 { true } else { false } })
            let order = groupNames.indices.sorted { groupNames[$0] < groupNames[$1] }
            let combined = storage.map(scorer.combine)
            var everyone = [Double](repeating: 0, count: layout.stride)
            for group in combined { for position in 0..<layout.stride { everyone[position] += group[position] } }
            let total = respondents.reduce(0, +)
            let showGroups = breakdown != .none
            let visibility = Anonymity.visibleGroups(
                parentSize: total, childSizes: showGroups ? order.map { respondents[$0] } : [], minGroupSize: options.minGroupSize)
            let overall: AssessmentResult.GroupResult =
                visibility.parentShown
                ? .shown(scorer.scores("all", everyone, n: total, named: named.reduce(0, +))) : .suppressed(group: "all")
            guard showGroups else { return AssessmentResult(overall: overall, groups: []) }
            let groups = order.enumerated().map { position, index -> AssessmentResult.GroupResult in
                guard visibility.childShown[position] else { return .suppressed(group: groupNames[index]) }
                return .shown(scorer.scores(groupNames[index], combined[index], n: respondents[index], named: named[index]))
            }
            return AssessmentResult(overall: overall, groups: groups)
        }
    }

    /// Turns a group's sums into the contract's figures.
    final class Scorer {
        let layout: Layout
        let options: AssessmentScoring.Options
        let hasOutcome: Bool
        /// Student's t quantile is costly and most dimensions of a group share their n.
        private var quantiles: [Int: Double] = [:]

        init(layout: Layout, options: AssessmentScoring.Options, hasOutcome: Bool) {
            self.layout = layout
            self.options = options
            self.hasOutcome = hasOutcome
        }

        /// One array of doubles: each slot is either a sum of means or a count.
        func combine(_ storage: GroupStorage) -> [Double] {
            (0..<layout.stride).map { storage.sums[$0] + Double(storage.counts[$0]) }
        }

        func t975(_ n: Int) -> Double {
            if let known = quantiles[n] { return known }
            let value = StudentT.quantile(0.975, degreesOfFreedom: Double(n - 1))
            quantiles[n] = value
            return value
        }

        func scores(_ name: String, _ sums: [Double], n: Int, named: Int) -> AssessmentResult.GroupScores {
            let dimensions = layout.plan.dimensions.enumerated().compactMap { index, dimension in
                score(dimension, sums, base: layout.offsets[index])
            }
            return AssessmentResult.GroupScores(
                group: name, n: n, dimensions: dimensions, layers: AssessmentScoring.layerBalance(dimensions, options: options),
                lineOfSightCoverage: hasOutcome && n > 0 ? Double(named) / Double(n) : nil)
        }

        func score(
            _ dimension: DimensionPlan.Dimension, _ sums: [Double], base: Int
        ) -> AssessmentResult.DimensionScore? {
            let n = sums[base + Sums.respondents]
            guard n > 0 else { return nil }
            let mean = sums[base + Sums.meanSum] / n
            let sd =
                n >= 2
                ? Self.sampleVariance(sum: sums[base + Sums.meanSum], squares: sums[base + Sums.meanSquares], n: n).squareRoot() : nil
            // The same interval as Statistics.confidenceInterval95, with the quantile cached.
            let half = sd.map { t975(Int(n)) * $0 / n.squareRoot() }
            let answers = sums[base + Sums.answers]
            var alpha: Double?
            let k = dimension.items.count
            if k >= 3 {
                let complete = sums[base + Sums.complete]
                if complete >= 2 {
                    var itemVariances = 0.0
                    for position in 0..<k {
                        itemVariances += Self.sampleVariance(
                            sum: sums[base + Sums.items + 2 * position], squares: sums[base + Sums.items + 2 * position + 1], n: complete)
                    }
                    let totalVariance = Self.sampleVariance(
                        sum: sums[base + Sums.totalSum], squares: sums[base + Sums.totalSquares], n: complete)
                    if totalVariance > 1e-12 { alpha = Double(k) / Double(k - 1) * (1 - itemVariances / totalVariance) }
                }
            }
            return AssessmentResult.DimensionScore(
                framework: dimension.ref.framework, dimension: dimension.label, n: Int(n), mean: mean, sd: sd,
                ci95Low: half.map { mean - $0 },
                ci95High: half.map { mean + $0 }, score: (mean - 1) / 4 * 100, favorable: sums[base + Sums.favorable] / answers,
                unfavorable: sums[base + Sums.unfavorable] / answers, alpha: alpha)
        }

        static func sampleVariance(sum: Double, squares: Double, n: Double) -> Double {
            max(0, (squares - sum * sum / n) / (n - 1))
        }
    }
}
