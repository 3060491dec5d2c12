import DNACore
import Foundation
import Hummingbird

/// The language a respondent or customer page is shown in: the `lang` of the address (the
/// participant's language, which invitation links carry, or the one chosen on the page), else
/// the browser's Accept-Language, else the instrument's default. Only languages every word of
/// the pages is written in are chosen; a requested one that is not is named, so the page can
/// say it fell back.
struct PageLanguage: Equatable {
    /// One of `LanguageTag.translated`.
    let code: String
    /// A `lang` asked for that no page is written in (`sv`), to say so on the page.
    let unavailable: String?
    /// Whether the address chose the language (`lang`); only then do links carry it on.
    var chosen = false

    static let parameter = "lang"

    static func resolve(_ request: Request, default fallback: String = "en") -> PageLanguage {
        let asked = request.uri.queryParameters.get(parameter).map { String($0.prefix(35)) }
        if let asked, !asked.isEmpty {
            if let code = LanguageTag.translation(for: asked) { return PageLanguage(code: code, unavailable: nil, chosen: true) }
            return PageLanguage(code: browser(request) ?? safe(fallback), unavailable: asked)
        }
        return PageLanguage(code: browser(request) ?? safe(fallback), unavailable: nil)
    }

    private static func safe(_ code: String) -> String { LanguageTag.translation(for: code) ?? "en" }

    /// The first translated language of Accept-Language by weight (`nb-NO,nb;q=0.9,en;q=0.5`);
    /// a weight of 0 means "not this one". Malformed entries are skipped.
    static func browser(_ request: Request) -> String? {
        guard let header = request.headers[.acceptLanguage], header.count <= 512 else { return nil }
        var best: (weight: Double, order: Int, code: String)?
        for (order, entry) in header.split(separator: ",").enumerated() {
            let parts = entry.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first, !tag.isEmpty, let code = LanguageTag.translation(for: tag) else { continue }
            var weight = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                weight = Double(parameter.dropFirst(2)) ?? 0
            }
            guard weight > 0, weight <= 1 else { continue }
            if best == nil || weight > best!.weight { best = (weight, order, code) }
        }
        return best?.code
    }

    /// `path` with a chosen language kept in its query, so every step and redirect stays in it;
    /// a language read from the browser is read again on the next page.
    func keep(in path: String) -> String {
        chosen ? path + (path.contains("?") ? "&" : "?") + "\(Self.parameter)=\(code)" : path
    }
}
