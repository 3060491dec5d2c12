import DNACore
import Plot

/// The language chooser at the top of respondent and customer pages: a plain GET form, so it
/// works without JavaScript, that shows the same step again in the chosen language. When the
/// address asked for a language no page is written in, a note says which one is shown instead.
struct LanguageChooser: Component {
    let language: PageLanguage
    /// The page's own address without a query.
    let action: String
    let step: Int

    var body: Component {
        let code = language.code
        return Group {
            if let asked = language.unavailable {
                El("p", .class("notice"), .id("language-fallback")) {
                    PublicPhrase.notTranslated.text(in: code, ["requested": asked, "language": Catalogue.languageNames[code] ?? code])
                }
            }
            El("form", .class("language"), Attr("method", "get"), Attr("action", action)) {
                El("input", .type("hidden"), .name("step"), .value("\(step)"))
                El("label", .for("lang")) { PublicPhrase.language.text(in: code) }
                El("select", .id("lang"), .name(PageLanguage.parameter)) {
                    for other in LanguageTag.translated {
                        El("option", .value(other), Attr("lang", other), .flag("selected", other == code)) {
                            Catalogue.languageNames[other] ?? other
                        }
                    }
                }
                El("button", .type("submit"), .class("secondary")) { PublicPhrase.change.text(in: code) }
            }
        }
    }
}
