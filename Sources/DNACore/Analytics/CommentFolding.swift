/// How open answers are shown to people: near-duplicates folded into one line with a count
/// ("11 people wrote nearly this"), and an order that says nothing about who answered when.
public enum CommentFolding {
    public struct Folded: Encodable, Sendable, Equatable {
        /// The wording most of the folded answers used (the first in order among equals).
        public var text: String
        /// How many answers it stands for.
        public var count: Int
    }

    /// Two answers are near-duplicates when their sets of words (stop words included, case and
    /// punctuation ignored) overlap by at least this Jaccard index.
    public static let nearness = 0.8
    /// Comparing every pair costs n²: above this many distinct wordings only answers with the
    /// same words in the same order are folded.
    public static let pairwiseLimit = 3000

    /// Folded answers, the most repeated first; among equal counts the order is a keyed hash
    /// of the text, so it neither follows the order answers came in nor changes between views.
    public static func fold(_ answers: [String], seed: UInt64 = 1) -> [Folded] {
        var byWording: [String: [String: Int]] = [:]
        for answer in answers {
            let trimmed = answer.trimmingSpaces()
            guard !trimmed.isEmpty else { continue }
            let wording = CommentWords.tokens(trimmed).joined(separator: " ")
            byWording[wording.isEmpty ? trimmed : wording, default: [:]][trimmed, default: 0] += 1
        }
        let wordings = byWording.map { (key: $0.key, count: $0.value.values.reduce(0, +)) }
            .sorted { ($0.count, $1.key) > ($1.count, $0.key) }
        // Each group: the wordings folded into it, led by the most repeated.
        var groups: [(words: Set<Substring>, wordings: [String])] = []
        for wording in wordings {
            let words = Set(wording.key.split(separator: " "))
            if wordings.count <= pairwiseLimit,
                let match = groups.firstIndex(where: { group in
                    let shared = group.words.intersection(words).count
                    return Double(shared) / Double(group.words.union(words).count) >= nearness
                })
            {
                groups[match].wordings.append(wording.key)
                continue
            }
            groups.append((words, [wording.key]))
        }
        let folded = groups.map { group -> Folded in
            var texts: [String: Int] = [:]
            for wording in group.wordings { texts.merge(byWording[wording]!, uniquingKeysWith: +) }
            let text = texts.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
            return Folded(text: text, count: texts.values.reduce(0, +))
        }
        return folded.sorted { a, b in
            a.count != b.count ? a.count > b.count : (keyedHash(a.text, seed), a.text) < (keyedHash(b.text, seed), b.text)
        }
    }

    /// FNV-1a over the UTF-8 bytes, started from the seed.
    static func keyedHash(_ text: String, _ seed: UInt64) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}

/// Which open answers speak of a force: those with one of its words, in any of the five
/// respondent languages, as stems. A dimension of another framework is matched by the words
/// of its name.
public enum ForceWords {
    public static func speaks(_ answer: String, of dimension: Framework.Dimension) -> Bool {
        let stems = Set(CommentWords.stems(answer))
        return !stems.isDisjoint(with: words(for: dimension))
    }

    public static func words(for dimension: Framework.Dimension) -> Set<String> {
        Set(((byForce[dimension.id] ?? []) + CommentWords.tokens(dimension.name)).map(CommentWords.stem))
    }

    /// The forces of the OS Canvas, in English, Norwegian, German, French and Spanish.
    static let byForce: [String: [String]] = [
        "purpose": ["purpose", "mission", "vision", "why", "formål", "hensikt", "zweck", "sinn", "raison", "propósito", "misión"],
        "authority": [
            "authority", "decision", "decide", "approval", "permission", "power", "myndighet", "beslutning", "bestemme",
            "entscheidung", "befugnis", "autorité", "décision", "autoridad", "decisión",
        ],
        "structure": [
            "structure", "team", "department", "silo", "organisation", "organization", "struktur", "avdeling", "abteilung",
            "équipe", "estructura", "equipo", "departamento",
        ],
        "strategy": ["strategy", "plan", "priority", "prioritise", "prioritize", "strategi", "strategie", "stratégie", "estrategia"],
        "resources": [
            "resources", "budget", "money", "funding", "spending", "cost", "staffing", "tools", "ressurser", "penger", "ressourcen",
            "geld", "ressources", "argent", "recursos", "dinero", "presupuesto",
        ],
        "innovation": [
            "innovation", "experiment", "idea", "test", "prototype", "learn", "innovasjon", "ide", "idee", "idée", "innovación",
            "experimento",
        ],
        "workflow": [
            "workflow", "process", "handoff", "hand-off", "queue", "bottleneck", "prosess", "overlevering", "ablauf", "prozess",
            "übergabe", "processus", "flujo", "proceso",
        ],
        "meetings": ["meeting", "agenda", "standup", "møte", "møter", "besprechung", "sitzung", "réunion", "reunión", "reuniones"],
        "information": [
            "information", "data", "insight", "dashboard", "report", "feedback", "informasjon", "innsikt", "daten", "informationen",
            "données", "información", "datos",
        ],
        "membership": [
            "membership", "belonging", "onboarding", "partner", "hiring", "recruit", "fellesskap", "tilhørighet", "zugehörigkeit",
            "appartenance", "pertenencia",
        ],
        "mastery": [
            "mastery", "skill", "training", "learning", "coaching", "competence", "kompetanse", "opplæring", "schulung",
            "kompetenz", "formation", "compétence", "formación", "habilidad",
        ],
        "compensation": [
            "compensation", "pay", "salary", "bonus", "reward", "incentive", "lønn", "belønning", "gehalt", "vergütung", "prämie",
            "salaire", "prime", "salario", "sueldo", "incentivo",
        ],
    ]
}
