/// The words of an open answer as the theme finder and the near-duplicate folding see them.
/// People answer in any of the five respondent languages, often without saying which, so one
/// set of stop words and one light stemmer serve all five: a word is lower-cased, dropped when
/// it is a stop word, a number or shorter than three letters, and cut back to a stem by removing
/// the longest inflection ending that leaves at least three letters ("invoices" and "invoice"
/// both become "invoic"; "Rechnungen" and "Rechnung" both "rechnung").
public enum CommentWords {
    /// Lower-cased runs of letters and digits; apostrophes and hyphens split words ("l'équipe"
    /// gives "l" and "équipe"), as they do in the five languages' contractions.
    public static func tokens(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// The stems that carry meaning: no stop words, numbers or words under three letters.
    public static func stems(_ text: String) -> [String] { words(text).map(\.stem) }

    /// The words that carry meaning (three letters or more, not a stop word, not a number),
    /// each as written (lower-cased) and as its stem: themes count stems and label them with
    /// the way people wrote them.
    public static func words(_ text: String) -> [(written: String, stem: String)] {
        tokens(text).compactMap { word in
            guard word.count >= 3, !stopWords.contains(word), !word.allSatisfy(\.isNumber) else { return nil }
            return (word, stem(word))
        }
    }

    public static func stem(_ word: String) -> String {
        for (ending, replacement) in endings where word.hasSuffix(ending) && word.count - ending.count >= 3 {
            return String(word.dropLast(ending.count)) + replacement
        }
        return word
    }

    /// Inflection endings of the five languages, longest first, each with what replaces it
    /// ("deliveries" -> "delivery" so it meets "delivery").
    static let endings: [(String, String)] = [
        ("ements", ""), ("ement", ""), ("ations", "ation"), ("ungen", "ung"), ("ingen", "ing"), ("heten", "het"),
        ("mente", ""), ("iones", "ion"), ("ies", "y"), ("ing", ""), ("ene", ""), ("ane", ""), ("ers", "er"), ("es", ""),
        ("ed", ""), ("en", ""), ("er", ""), ("os", ""), ("as", ""), ("s", ""), ("e", ""), ("a", ""), ("o", ""),
    ]

    /// Function words of English, Norwegian (bokmål), German, French and Spanish, and the
    /// filler every open answer about work is full of ("work", "customers" in the question's own
    /// words would otherwise lead every theme).
    public static let stopWords: Set<String> = Set(
        """
        the and for are but not you all any can had her was one our out has him his how its may new now old see two way who boy did
        get let put say she too use that with have this will your from they been were what when which their there them then than
        into more some such only also just very over most other about would could should these those because while where after
        before being does doing done each few here many much must own same so both again once under until upon why whom yours
        ours ourselves themselves myself itself himself herself between through during above below off down further
        we us our my me it is be to of in on at by or as an if no do so up i a
        every anything something nothing everything first back even never always sure really often lot lots got able
        like well just yet already across around within without against among per via
        work works worked working job customer customers client clients people make makes made things thing get gets getting
        og som det er til på med for av har jeg vi ikke den en et de kan var meg deg seg sin sitt sine min mitt mine vår vårt
        våre dere dem hun han ham hva hvem hvor når hvis eller men fra om ved etter før under over også bare mer mest mye alle
        noe noen dette disse der her skal vil må kunne være vært blir ble bli hadde sånn slik enn inn ut opp ned nå da så
        arbeid arbeidet jobben jobb kunder kunden kundene kundenes
        der die das und ist nicht ein eine einer eines einem einen mit von zu den dem des auf für sich auch als wie wir ihr sie
        es er ich du im am an bei aus nach vor über unter durch oder aber wenn weil dass noch nur schon sehr mehr immer hier dort
        sind war waren wird werden wurde haben hat hatte kann können muss müssen soll sollen unser unsere unseren unserer
        ihre ihren ihrer dieser diese dieses jeder jede jedes kein keine man mal so dann denn doch
        arbeit arbeiten kunde kunden kundinnen
        le la les un une des du de et est en que qui ne pas pour par sur dans avec au aux ce ces cette son sa ses leur leurs
        nous vous ils elles il elle je tu on mais ou donc car ni se sont été être avoir fait faire plus moins très tout tous
        toute toutes comme aussi bien sans sous entre vers chez notre nos votre vos mon ma mes quand si
        travail travaille clients cliente
        el los las una uno unos unas del al que en es por para con sin sobre entre pero como más muy todo todos toda todas
        su sus nuestro nuestra nuestros nuestras mi mis tu tus se lo le les yo él ella nosotros ellos ellas este esta estos
        estas ese esa eso esto hay ser estar son está están fue han hace hacer cuando donde porque también ya sí
        trabajo trabajamos cliente
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
}
