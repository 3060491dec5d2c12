import Foundation

/// Fast paths of `cdna analyze outcomes` and `cdna analyze top-tasks` for clean files: one
/// pass over the bytes in place, names interned into small integers without allocating a
/// string per field, and the same tallies the full readers build. The rules are the full
/// readers' rules; anything they would report (or anything unusual: quotes, spaces around a
/// field, a byte-order mark) makes the fast path give up and return nil, and the caller runs
/// the full reader, which locates every problem.
///
/// Names must be ASCII here: Swift compares strings by canonical equivalence, so two byte
/// sequences of one accented name count as one name in the full reader; the fast path leaves
/// such files to it rather than compare bytes differently.
public enum FastCustomerScoring {
    /// Scores an outcome study (`respondent,segment,outcome,importance,satisfaction`).
    public static func outcomes(csv: UnsafeRawBufferPointer, bySegment: Bool) -> [OutcomeStudy.Score]? {
        guard var lines = Lines(csv, header: OutcomeStudy.header) else { return nil }
        var respondents = ByteKeys(), outcomes = ByteKeys(), segments = ByteKeys()
        var segmentOf: [Int32] = []
        // Which outcomes each respondent rated: a bit per outcome for the first 64 outcomes,
        // a set beyond that.
        var rated: [UInt64] = []
        var ratedBeyond = Set<Int>()
        var tallies: [[OutcomeStudy.Tally]] = []
        var fields = [Field](repeating: Field(start: 0, end: 0), count: 5)
        while let line = lines.next() {
            guard lines.split(line, into: &fields) else { return nil }
            let respondentField = fields[0], segmentField = fields[1], outcomeField = fields[2]
            guard !respondentField.isEmpty, !outcomeField.isEmpty,
                let importance = rating(fields[3], lines.base), let satisfaction = rating(fields[4], lines.base),
                let respondent = respondents.id(lines.base, respondentField), let segment = segments.id(lines.base, segmentField),
                let outcome = outcomes.id(lines.base, outcomeField)
            else { return nil }
            if respondent == segmentOf.count {
                segmentOf.append(Int32(segment))
                rated.append(0)
            } else if segmentOf[respondent] != Int32(segment) {
                return nil
            }
            if outcome < 64 {
                let bit = UInt64(1) << UInt64(outcome)
                if rated[respondent] & bit != 0 { return nil }
                rated[respondent] |= bit
            } else if !ratedBeyond.insert(respondent << 32 | outcome).inserted {
                return nil
            }
            let row = bySegment ? segment : 0
            while tallies.count <= row { tallies.append([]) }
            while tallies[row].count <= outcome { tallies[row].append(OutcomeStudy.Tally()) }
            tallies[row][outcome].add(importance: importance == 0 ? nil : importance, satisfaction: satisfaction == 0 ? nil : satisfaction)
        }
        var named: [String: [String: OutcomeStudy.Tally]] = [:]
        for (row, byOutcome) in tallies.enumerated() {
            let segment = bySegment ? segments.string(row) : ""
            for (outcome, tally) in byOutcome.enumerated() where tally.n > 0 {
                named[segment, default: [:]][outcomes.string(outcome)] = tally
            }
        }
        return OutcomeStudy.scores(named, bySegment: bySegment)
    }

    /// Ranks a top-tasks vote (`voter,task`, at most five picks per voter).
    public static func topTasks(csv: UnsafeRawBufferPointer, thresholds: TopTasks.Thresholds) -> [TopTasks.Result]? {
        guard var lines = Lines(csv, header: ["voter", "task"]) else { return nil }
        var voters = ByteKeys(), tasks = ByteKeys()
        // Up to five picks per voter, -1 for none yet.
        var picks: [Int32] = []
        var counts: [Int] = []
        var fields = [Field](repeating: Field(start: 0, end: 0), count: 2)
        while let line = lines.next() {
            guard lines.split(line, into: &fields), !fields[0].isEmpty, !fields[1].isEmpty,
                let voter = voters.id(lines.base, fields[0]), let task = tasks.id(lines.base, fields[1])
            else { return nil }
            if voter * TopTasks.maximumPicks == picks.count { picks += [Int32](repeating: -1, count: TopTasks.maximumPicks) }
            let first = voter * TopTasks.maximumPicks
            guard let free = (first..<first + TopTasks.maximumPicks).first(where: { picks[$0] == -1 || picks[$0] == Int32(task) }),
                picks[free] == -1
            else { return nil }
            picks[free] = Int32(task)
            if task == counts.count { counts.append(0) }
            counts[task] += 1
        }
        var named: [String: Int] = [:]
        for (task, count) in counts.enumerated() { named[tasks.string(task)] = count }
        return TopTasks.rank(counts: named, thresholds: thresholds)
    }

    /// A rating field: 1-5, or 0 when empty; nil when anything else.
    private static func rating(_ field: Field, _ base: UnsafePointer<UInt8>) -> Int? {
        if field.isEmpty { return 0 }
        guard field.end - field.start == 1 else { return nil }
        let digit = Int(base[field.start]) - 48
        return (1...5).contains(digit) ? digit : nil
    }

    struct Field {
        var start: Int
        var end: Int
        var isEmpty: Bool { start == end }
    }

    /// The data lines of a CSV whose header is exactly `header`, with LF or CRLF endings.
    struct Lines {
        let base: UnsafePointer<UInt8>
        let count: Int
        var position: Int

        init?(_ csv: UnsafeRawBufferPointer, header: [String]) {
            guard let base = csv.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
            self.base = base
            count = csv.count
            position = 0
            guard let first = next(),
                String(decoding: UnsafeBufferPointer(start: base + first.start, count: first.end - first.start), as: UTF8.self)
                    == header.joined(separator: ",")
            else { return nil }
        }

        /// The next line without its ending; nil at the end of the data.
        mutating func next() -> Field? {
            guard position < count else { return nil }
            let start = position
            var end = start
            while end < count, base[end] != 10 { end += 1 }
            position = end + 1
            return Field(start: start, end: end > start && base[end - 1] == 13 ? end - 1 : end)
        }

        /// Splits a line into exactly `fields.count` plain fields; false for anything the
        /// full reader would have to judge (quotes, padding, another field count).
        func split(_ line: Field, into fields: inout [Field]) -> Bool {
            var index = 0, start = line.start
            for position in line.start...line.end {
                let byte = position < line.end ? base[position] : 44
                if byte == 34 { return false }
                guard byte == 44 else { continue }
                guard index < fields.count else { return false }
                if position > start, base[start] == 32 || base[position - 1] == 32 { return false }
                fields[index] = Field(start: start, end: position)
                index += 1
                start = position + 1
            }
            return index == fields.count
        }
    }

    /// Names (byte ranges of the file) interned into 0, 1, 2, ... in first-seen order, with
    /// an open-addressing table and FNV-1a hashes: no string is made until the end.
    struct ByteKeys {
        private var slots = [Int32](repeating: -1, count: 64)
        private var keys: [(base: UnsafePointer<UInt8>, start: Int, length: Int, hash: UInt64)] = []

        /// The name's number; nil when it is not ASCII.
        mutating func id(_ base: UnsafePointer<UInt8>, _ field: Field) -> Int? {
            let length = field.end - field.start
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            var high: UInt8 = 0
            for offset in 0..<length {
                let byte = base[field.start + offset]
                high |= byte
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
            guard high < 0x80 else { return nil }
            var slot = Int(hash & UInt64(slots.count - 1))
            while slots[slot] >= 0 {
                let key = keys[Int(slots[slot])]
                if key.hash == hash, key.length == length, memcmp(key.base + key.start, base + field.start, length) == 0 {
                    return Int(slots[slot])
                }
                slot = (slot + 1) & (slots.count - 1)
            }
            slots[slot] = Int32(keys.count)
            keys.append((base, field.start, length, hash))
            if keys.count * 2 > slots.count { grow() }
            return keys.count - 1
        }

        func string(_ id: Int) -> String {
            let key = keys[id]
            return String(decoding: UnsafeBufferPointer(start: key.base + key.start, count: key.length), as: UTF8.self)
        }

        private mutating func grow() {
            slots = [Int32](repeating: -1, count: slots.count * 2)
            for (id, key) in keys.enumerated() {
                var slot = Int(key.hash & UInt64(slots.count - 1))
                while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
                slots[slot] = Int32(id)
            }
        }
    }
}
