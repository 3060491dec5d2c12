/// The fast scorer's CSV side: one worker's pass over its share of a wide responses file.
extension FastAssessmentScoring {
    /// The sums of one worker: one `GroupStorage` per group, plus the line-of-sight
    /// counts and the respondent id hashes for the duplicate check.
    struct Part {
        let layout: Layout
        let breakdown: AssessmentScoring.Breakdown
        var groupNames: [String] = []
        var groupIndex: [UInt64: Int] = [:]
        /// Per group: whole-number sums (see `Sums`), exact whatever the order of adding.
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
            layout.withHot { hot in scanLines(bytes, range: range, hot: hot) }
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
                target.add(UnsafeBufferPointer(values), hot: hot)
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

        /// Adds another worker's sums; false when the two saw the same respondent id.
        mutating func merge(_ other: Part) -> Bool {
            guard ids.isDisjoint(with: other.ids) else { return false }
            ids.formUnion(other.ids)
            for (index, name) in other.groupNames.enumerated() {
                let target = groupFor(name: name)
                respondents[target] += other.respondents[index]
                named[target] += other.named[index]
                for position in 0..<layout.stride {
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
            var everyone = [Int](repeating: 0, count: layout.stride)
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
            return AssessmentResult(overall: overall, groups: groups).comparingGroups()
        }
    }
}
