/// BCP 47 language tags as participants files and pages use them: `nb`, `de-CH`,
/// `zh-Hant-TW`. A tag must be well formed and start with a known ISO 639-1 language; a known
/// language nobody has translated yet is accepted, and pages fall back to the default for it.
public enum LanguageTag {
    /// The languages every respondent and customer page, scale and mail is written in.
    public static let translated = ["en", "nb", "de", "fr", "es"]

    public struct Problem: Error, Equatable, Sendable {
        public var message: String
    }

    /// The tag in canonical case (language lower, script title, region upper), or why it
    /// is not a tag.
    public static func canonical(_ text: String) -> Result<String, Problem> {
        let subtags = text.trimmingSpaces().split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let language = subtags.first?.lowercased(), !language.isEmpty else {
            return .failure(Problem(message: "language is empty"))
        }
        guard language.count == 2, language.allSatisfy(\.isASCIILetter) else {
            return .failure(Problem(message: "language '\(text)' must start with a two-letter code such as en, nb, de, fr or es"))
        }
        guard iso639_1.contains(language) else {
            return .failure(Problem(message: "language '\(language)' is not an ISO 639-1 language code"))
        }
        var canonical = [language]
        var stage = 0  // 0: script or region next, 1: region next, 2: variants only
        for subtag in subtags.dropFirst() {
            if stage == 0, subtag.count == 4, subtag.allSatisfy(\.isASCIILetter) {
                canonical.append(subtag.prefix(1).uppercased() + subtag.dropFirst().lowercased())
                stage = 1
            } else if stage <= 1,
                subtag.count == 2 && subtag.allSatisfy(\.isASCIILetter) || subtag.count == 3 && subtag.allSatisfy(\.isASCIIDigit)
            {
                canonical.append(subtag.uppercased())
                stage = 2
            } else if (5...8).contains(subtag.count) && subtag.allSatisfy(\.isASCIIAlphanumeric)
                || subtag.count == 4 && subtag.first!.isASCIIDigit && subtag.allSatisfy(\.isASCIIAlphanumeric)
            {
                canonical.append(subtag.lowercased())
                stage = 2
            } else {
                return .failure(Problem(message: "language '\(text)' is not a well-formed BCP 47 tag ('\(subtag)' cannot stand there)"))
            }
        }
        return .success(canonical.joined(separator: "-"))
    }

    /// The translated language a tag is read in, or nil when none fits: `nb-NO` and `no`
    /// (Norwegian, which here means bokmål) read as `nb`, `de-AT` as `de`.
    public static func translation(for tag: String) -> String? {
        let language = tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
        if language == "no" { return "nb" }
        return translated.contains(language) ? language : nil
    }

    /// The two-letter codes of ISO 639-1 (a published list, kept as data).
    static let iso639_1: Set<String> = Set(
        """
        aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es \
        et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj \
        kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv \
        ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti \
        tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
        """.split(separator: " ").map(String.init))
}

extension Character {
    fileprivate var isASCIILetter: Bool { isASCII && isLetter }
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
    fileprivate var isASCIIAlphanumeric: Bool { isASCIILetter || isASCIIDigit }
}
