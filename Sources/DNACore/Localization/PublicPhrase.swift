/// Words shared by the respondent and customer pages: the frame, the step buttons, the
/// language chooser and the one-message pages (thanks, saved, closed, not valid).
public enum PublicPhrase: String, Phrase, CaseIterable {
    case skipToContent, footer, stepOf, back, saveAndContinue, saveAndFinishLater, language, change, notTranslated
    case thanksTitle, savedTitle, savedMessage, notValidTitle, notValidMessage, notOpenTitle, notOpenMessage
    case closedTitle, closedMessage, tryLaterTitle, tryLaterMessage, notSavedTitle, notSavedMessage, preferNotToSay

    public var texts: Translations {
        switch self {
        case .skipToContent:
            Translations(
                en: "Skip to content", nb: "Hopp til innholdet", de: "Zum Inhalt springen", fr: "Aller au contenu",
                es: "Saltar al contenido")
        case .footer:
            Translations(
                en: "CustomerDNA — how well the whole organization is aligned with its customers.",
                nb: "CustomerDNA — hvor godt hele organisasjonen er innrettet mot kundene sine.",
                de: "CustomerDNA — wie gut die ganze Organisation auf ihre Kunden ausgerichtet ist.",
                fr: "CustomerDNA — dans quelle mesure toute l'organisation est tournée vers ses clients.",
                es: "CustomerDNA — hasta qué punto toda la organización está orientada a sus clientes.")
        case .stepOf:
            Translations(
                en: "Step {step} of {total}", nb: "Steg {step} av {total}", de: "Schritt {step} von {total}",
                fr: "Étape {step} sur {total}", es: "Paso {step} de {total}")
        case .back: Translations(en: "Back", nb: "Tilbake", de: "Zurück", fr: "Retour", es: "Atrás")
        case .saveAndContinue:
            Translations(
                en: "Save and continue", nb: "Lagre og fortsett", de: "Speichern und weiter", fr: "Enregistrer et continuer",
                es: "Guardar y continuar")
        case .saveAndFinishLater:
            Translations(
                en: "Save and finish later", nb: "Lagre og fullfør senere", de: "Speichern und später beenden",
                fr: "Enregistrer et terminer plus tard", es: "Guardar y terminar más tarde")
        case .language: Translations(en: "Language", nb: "Språk", de: "Sprache", fr: "Langue", es: "Idioma")
        case .change: Translations(en: "Change", nb: "Bytt", de: "Ändern", fr: "Changer", es: "Cambiar")
        case .notTranslated:
            Translations(
                en: "This page is not available in “{requested}”, so it is shown in {language}.",
                nb: "Denne siden finnes ikke på «{requested}», så den vises på {language}.",
                de: "Diese Seite gibt es nicht auf „{requested}“, darum wird sie auf {language} gezeigt.",
                fr: "Cette page n'existe pas en « {requested} », elle est donc affichée en {language}.",
                es: "Esta página no está disponible en «{requested}», así que se muestra en {language}.")
        case .thanksTitle: Translations(en: "Thank you", nb: "Takk", de: "Vielen Dank", fr: "Merci", es: "Gracias")
        case .savedTitle: Translations(en: "Saved", nb: "Lagret", de: "Gespeichert", fr: "Enregistré", es: "Guardado")
        case .savedMessage:
            Translations(
                en: "Your answers so far are saved. Open the same link again to continue where you stopped.",
                nb: "Svarene dine så langt er lagret. Åpne den samme lenken igjen for å fortsette der du slapp.",
                de:
                    "Ihre bisherigen Antworten sind gespeichert. Öffnen Sie denselben Link erneut, um dort weiterzumachen, wo Sie aufgehört haben.",
                fr: "Vos réponses sont enregistrées. Rouvrez le même lien pour reprendre là où vous vous êtes arrêté.",
                es: "Sus respuestas hasta ahora están guardadas. Abra de nuevo el mismo enlace para continuar donde lo dejó.")
        case .notValidTitle:
            Translations(
                en: "This link cannot be used", nb: "Denne lenken kan ikke brukes", de: "Dieser Link kann nicht verwendet werden",
                fr: "Ce lien ne peut pas être utilisé", es: "Este enlace no se puede usar")
        case .notValidMessage:
            Translations(
                en:
                    "Answers were already handed in with this link (each link takes one set of answers), or it is not complete: check that you copied the whole link, or ask for a new one.",
                nb:
                    "Svar er allerede levert med denne lenken (hver lenke tar imot ett sett med svar), eller lenken er ikke fullstendig: sjekk at du kopierte hele lenken, eller be om en ny.",
                de:
                    "Mit diesem Link wurden bereits Antworten abgegeben (jeder Link nimmt eine Antwort an), oder er ist unvollständig: Prüfen Sie, ob Sie den ganzen Link kopiert haben, oder bitten Sie um einen neuen.",
                fr:
                    "Des réponses ont déjà été remises avec ce lien (chaque lien accepte une seule série de réponses), ou il est incomplet : vérifiez que vous avez copié le lien en entier, ou demandez-en un nouveau.",
                es:
                    "Ya se entregaron respuestas con este enlace (cada enlace admite una sola serie de respuestas), o no está completo: compruebe que copió el enlace entero o pida uno nuevo."
            )
        case .notOpenTitle:
            Translations(
                en: "Not open yet", nb: "Ikke åpnet ennå", de: "Noch nicht geöffnet", fr: "Pas encore ouvert",
                es: "Todavía no está abierta")
        case .notOpenMessage:
            Translations(
                en: "This survey opens on {date}. Please come back then.", nb: "Undersøkelsen åpner {date}. Kom gjerne tilbake da.",
                de: "Diese Umfrage öffnet am {date}. Bitte kommen Sie dann wieder.",
                fr: "Cette enquête ouvre le {date}. Merci de revenir à cette date.",
                es: "Esta encuesta se abre el {date}. Vuelva entonces, por favor.")
        case .closedTitle:
            Translations(
                en: "This survey is closed", nb: "Denne undersøkelsen er stengt", de: "Diese Umfrage ist geschlossen",
                fr: "Cette enquête est close", es: "Esta encuesta está cerrada")
        case .closedMessage:
            Translations(
                en: "Thank you for your interest; answers are no longer taken.",
                nb: "Takk for interessen; det tas ikke imot flere svar.",
                de: "Danke für Ihr Interesse; es werden keine Antworten mehr angenommen.",
                fr: "Merci de votre intérêt ; les réponses ne sont plus acceptées.",
                es: "Gracias por su interés; ya no se aceptan respuestas.")
        case .tryLaterTitle:
            Translations(
                en: "Please try again later", nb: "Prøv igjen senere", de: "Bitte versuchen Sie es später erneut",
                fr: "Veuillez réessayer plus tard", es: "Inténtelo de nuevo más tarde")
        case .tryLaterMessage:
            Translations(
                en: "Too many surveys were started from this address.", nb: "For mange undersøkelser ble startet fra denne adressen.",
                de: "Von dieser Adresse wurden zu viele Umfragen begonnen.",
                fr: "Trop d'enquêtes ont été commencées depuis cette adresse.",
                es: "Se han iniciado demasiadas encuestas desde esta dirección.")
        case .notSavedTitle:
            Translations(en: "Not saved", nb: "Ikke lagret", de: "Nicht gespeichert", fr: "Non enregistré", es: "No guardado")
        case .notSavedMessage:
            Translations(
                en: "These answers were not saved: the link was used to hand in at the same moment, or the survey has just closed.",
                nb:
                    "Disse svarene ble ikke lagret: lenken ble brukt til å levere i samme øyeblikk, eller undersøkelsen har nettopp stengt.",
                de:
                    "Diese Antworten wurden nicht gespeichert: Mit dem Link wurde im selben Moment abgegeben, oder die Umfrage wurde gerade geschlossen.",
                fr:
                    "Ces réponses n'ont pas été enregistrées : le lien a servi à remettre des réponses au même moment, ou l'enquête vient de se clore.",
                es:
                    "Estas respuestas no se guardaron: el enlace se usó para entregar en ese mismo momento, o la encuesta acaba de cerrarse."
            )
        case .preferNotToSay:
            Translations(
                en: "Prefer not to say", nb: "Vil helst ikke si", de: "Keine Angabe", fr: "Je préfère ne pas répondre",
                es: "Prefiero no decirlo")
        }
    }
}

/// The labels of the five points of the scales the pages show.
public enum ScalePhrase: Phrase, Hashable {
    case agreement(Int), importance(Int), satisfaction(Int)

    public var texts: Translations {
        switch self {
        case .agreement(let point): Self.agreement[point - 1]
        case .importance(let point): Self.importance[point - 1]
        case .satisfaction(let point): Self.satisfaction[point - 1]
        }
    }

    public static let all: [ScalePhrase] = (1...5).flatMap { [.agreement($0), .importance($0), .satisfaction($0)] }

    static let agreement = [
        Translations(
            en: "Strongly disagree", nb: "Helt uenig", de: "Stimme überhaupt nicht zu", fr: "Pas du tout d'accord",
            es: "Totalmente en desacuerdo"),
        Translations(en: "Disagree", nb: "Uenig", de: "Stimme nicht zu", fr: "Pas d'accord", es: "En desacuerdo"),
        Translations(
            en: "Neither agree nor disagree", nb: "Verken enig eller uenig", de: "Weder noch", fr: "Ni d'accord ni pas d'accord",
            es: "Ni de acuerdo ni en desacuerdo"),
        Translations(en: "Agree", nb: "Enig", de: "Stimme zu", fr: "D'accord", es: "De acuerdo"),
        Translations(
            en: "Strongly agree", nb: "Helt enig", de: "Stimme voll und ganz zu", fr: "Tout à fait d'accord", es: "Totalmente de acuerdo"),
    ]
    static let importance = [
        Translations(
            en: "Not at all important", nb: "Ikke viktig i det hele tatt", de: "Überhaupt nicht wichtig", fr: "Pas du tout important",
            es: "Nada importante"),
        Translations(en: "Slightly important", nb: "Litt viktig", de: "Etwas wichtig", fr: "Un peu important", es: "Algo importante"),
        Translations(
            en: "Moderately important", nb: "Middels viktig", de: "Mäßig wichtig", fr: "Moyennement important",
            es: "Moderadamente importante"),
        Translations(en: "Very important", nb: "Svært viktig", de: "Sehr wichtig", fr: "Très important", es: "Muy importante"),
        Translations(
            en: "Extremely important", nb: "Ekstremt viktig", de: "Äußerst wichtig", fr: "Extrêmement important",
            es: "Extremadamente importante"),
    ]
    static let satisfaction = [
        Translations(
            en: "Not at all satisfied", nb: "Ikke fornøyd i det hele tatt", de: "Überhaupt nicht zufrieden", fr: "Pas du tout satisfait",
            es: "Nada satisfecho"),
        Translations(en: "Slightly satisfied", nb: "Litt fornøyd", de: "Etwas zufrieden", fr: "Un peu satisfait", es: "Algo satisfecho"),
        Translations(
            en: "Moderately satisfied", nb: "Middels fornøyd", de: "Mäßig zufrieden", fr: "Moyennement satisfait",
            es: "Moderadamente satisfecho"),
        Translations(en: "Very satisfied", nb: "Svært fornøyd", de: "Sehr zufrieden", fr: "Très satisfait", es: "Muy satisfecho"),
        Translations(
            en: "Extremely satisfied", nb: "Ekstremt fornøyd", de: "Äußerst zufrieden", fr: "Extrêmement satisfait",
            es: "Extremadamente satisfecho"),
    ]
}
