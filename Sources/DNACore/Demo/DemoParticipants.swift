/// Harbor Mutual's participants: two people in each role, most reading Norwegian bokmål, some
/// English or German, and one Swedish reader whose pages fall back to the default language.
/// Each reports to the first person of the executive office, who reports to nobody.
public enum DemoParticipants {
    static let givenNames = [
        "Ingrid", "Lars", "Sofie", "Magnus", "Nora", "Henrik", "Emma", "Jonas", "Sara", "Anders", "Maja", "Ola", "Thea", "Erik",
        "Ida", "Kristian", "Hanna", "Petter", "Julie", "Martin", "Amalie",
    ]
    static let familyNames = ["Berg", "Hansen", "Lie", "Dahl", "Moe", "Strand", "Haugen", "Nilsen", "Bakke", "Lund", "Solberg"]

    /// The participants file the demo imports.
    public static var csv: String {
        let languages = ["nb", "nb", "nb", "en", "nb", "de", "nb", "en", "nb", "sv"]
        var rows = [ParticipantsFile.header.joined(separator: ",")]
        var chief: String?
        var index = 0
        for role in DemoOrganization.roles {
            for _ in 0..<2 {
                let given = givenNames[index % givenNames.count], family = familyNames[(index * 7) % familyNames.count]
                let email = "\(given).\(family)\(index)@harbor-mutual.example".lowercased()
                let language = languages[index % languages.count]
                rows.append([email, "\(given) \(family)", role.unit, role.code, language, chief ?? ""].joined(separator: ","))
                if chief == nil { chief = email }
                index += 1
            }
        }
        return rows.joined(separator: "\n") + "\n"
    }
}
