/// The words of the assessment's respondent pages.
public enum RespondentPhrase: String, Phrase, CaseIterable {
    case about, whereDoYouWork, choose, roleOptional, dontKnow, cantSay, yourAnswer, confirmBlank, handInBlank, handIn
    case chooseUnitToContinue, thanks

    public var texts: Translations {
        switch self {
        case .about:
            Translations(
                en:
                    "This survey asks how well the way we work at {organization} serves our customers. It takes about ten minutes. Your answers are anonymous: results are only shown for groups of at least {k} people, and once you hand in, your link is no longer connected to your answers.",
                nb:
                    "Denne undersøkelsen spør hvor godt måten vi jobber på i {organization} tjener kundene våre. Den tar omtrent ti minutter. Svarene dine er anonyme: resultater vises bare for grupper på minst {k} personer, og når du har levert, er lenken din ikke lenger knyttet til svarene dine.",
                de:
                    "Diese Umfrage fragt, wie gut unsere Arbeitsweise bei {organization} unseren Kunden dient. Sie dauert etwa zehn Minuten. Ihre Antworten sind anonym: Ergebnisse werden nur für Gruppen von mindestens {k} Personen gezeigt, und sobald Sie abgeben, ist Ihr Link nicht mehr mit Ihren Antworten verbunden.",
                fr:
                    "Cette enquête demande dans quelle mesure notre façon de travailler chez {organization} sert nos clients. Elle prend environ dix minutes. Vos réponses sont anonymes : les résultats ne sont présentés que pour des groupes d'au moins {k} personnes, et une fois vos réponses remises, votre lien n'y est plus relié.",
                es:
                    "Esta encuesta pregunta hasta qué punto nuestra forma de trabajar en {organization} sirve a nuestros clientes. Se tarda unos diez minutos. Sus respuestas son anónimas: los resultados solo se muestran para grupos de al menos {k} personas y, una vez que las entregue, su enlace deja de estar vinculado a ellas."
            )
        case .whereDoYouWork:
            Translations(
                en: "Where do you work?", nb: "Hvor jobber du?", de: "Wo arbeiten Sie?", fr: "Où travaillez-vous ?", es: "¿Dónde trabaja?")
        case .choose: Translations(en: "Choose…", nb: "Velg …", de: "Bitte wählen …", fr: "Choisir…", es: "Elija…")
        case .roleOptional:
            Translations(
                en: "Your role (optional)", nb: "Din rolle (valgfritt)", de: "Ihre Rolle (freiwillig)", fr: "Votre rôle (facultatif)",
                es: "Su función (opcional)")
        case .dontKnow: Translations(en: "Don't know", nb: "Vet ikke", de: "Weiß nicht", fr: "Je ne sais pas", es: "No lo sé")
        case .cantSay:
            Translations(
                en: "I can't say", nb: "Jeg kan ikke si", de: "Kann ich nicht sagen", fr: "Je ne peux pas dire", es: "No sabría decir")
        case .yourAnswer: Translations(en: "Your answer", nb: "Ditt svar", de: "Ihre Antwort", fr: "Votre réponse", es: "Su respuesta")
        case .confirmBlank:
            Translations(
                en:
                    "You have not answered any question. Your answers so far are saved. Hand in a blank survey anyway, or go back and answer?",
                nb:
                    "Du har ikke svart på noen spørsmål. Det du har gjort så langt, er lagret. Vil du levere en tom undersøkelse likevel, eller gå tilbake og svare?",
                de:
                    "Sie haben keine Frage beantwortet. Ihr bisheriger Stand ist gespeichert. Trotzdem eine leere Umfrage abgeben, oder zurückgehen und antworten?",
                fr:
                    "Vous n'avez répondu à aucune question. Ce que vous avez fait jusqu'ici est enregistré. Remettre quand même un questionnaire vide, ou revenir en arrière pour répondre ?",
                es:
                    "No ha respondido a ninguna pregunta. Lo que lleva hecho está guardado. ¿Entregar la encuesta en blanco de todos modos, o volver atrás y responder?"
            )
        case .handInBlank:
            Translations(
                en: "Hand in without answers", nb: "Lever uten svar", de: "Ohne Antworten abgeben", fr: "Remettre sans réponses",
                es: "Entregar sin respuestas")
        case .handIn:
            Translations(
                en: "Hand in my answers", nb: "Lever svarene mine", de: "Meine Antworten abgeben", fr: "Remettre mes réponses",
                es: "Entregar mis respuestas")
        case .chooseUnitToContinue:
            Translations(
                en: "Choose where you work to continue.", nb: "Velg hvor du jobber for å fortsette.",
                de: "Wählen Sie, wo Sie arbeiten, um fortzufahren.", fr: "Indiquez où vous travaillez pour continuer.",
                es: "Elija dónde trabaja para continuar.")
        case .thanks:
            Translations(
                en: "Your answers were handed in. They count toward the results of groups of {k} or more people.",
                nb: "Svarene dine er levert. De teller med i resultatene for grupper på {k} eller flere personer.",
                de: "Ihre Antworten wurden abgegeben. Sie zählen zu den Ergebnissen von Gruppen mit {k} oder mehr Personen.",
                fr: "Vos réponses ont été remises. Elles comptent dans les résultats des groupes de {k} personnes ou plus.",
                es: "Sus respuestas se han entregado. Cuentan en los resultados de los grupos de {k} o más personas.")
        }
    }
}

/// The words of the customer's pages of an outcome study or a top-tasks vote.
public enum CustomerPhrase: String, Phrase, CaseIterable {
    case aboutStudy, segmentQuestion, importanceQuestion, satisfactionQuestion, notApplicable, tasksQuestion, tasksHelp
    case confirmBlank, sendBlank, send, thanks, tooManyPicks, studyTitle, voteTitle

    public var texts: Translations {
        switch self {
        case .aboutStudy:
            Translations(
                en:
                    "For each of {count} things people want when dealing with us, tell us how important it is to you and how satisfied you are today. It takes about five minutes; you can stop and come back with the same link.",
                nb:
                    "For hver av de {count} tingene folk ønsker seg i møte med oss: si hvor viktig den er for deg, og hvor fornøyd du er i dag. Det tar omtrent fem minutter; du kan stoppe og komme tilbake med den samme lenken.",
                de:
                    "Sagen Sie uns zu jedem der {count} Dinge, die Menschen im Umgang mit uns wollen, wie wichtig es Ihnen ist und wie zufrieden Sie heute damit sind. Das dauert etwa fünf Minuten; Sie können unterbrechen und mit demselben Link zurückkehren.",
                fr:
                    "Pour chacune des {count} choses que l'on attend de nous, dites-nous quelle importance elle a pour vous et à quel point vous en êtes satisfait aujourd'hui. Cela prend environ cinq minutes ; vous pouvez vous arrêter et revenir avec le même lien.",
                es:
                    "Para cada una de las {count} cosas que la gente espera al tratar con nosotros, díganos qué importancia tiene para usted y cuán satisfecho está hoy. Se tarda unos cinco minutos; puede parar y volver con el mismo enlace."
            )
        case .segmentQuestion:
            Translations(
                en: "Which describes you best? (optional)", nb: "Hva beskriver deg best? (valgfritt)",
                de: "Was beschreibt Sie am besten? (freiwillig)", fr: "Qu'est-ce qui vous décrit le mieux ? (facultatif)",
                es: "¿Qué le describe mejor? (opcional)")
        case .importanceQuestion:
            Translations(
                en: "How important is this to you?", nb: "Hvor viktig er dette for deg?", de: "Wie wichtig ist Ihnen das?",
                fr: "Quelle importance cela a-t-il pour vous ?", es: "¿Qué importancia tiene esto para usted?")
        case .satisfactionQuestion:
            Translations(
                en: "How satisfied are you with it today?", nb: "Hvor fornøyd er du med det i dag?",
                de: "Wie zufrieden sind Sie heute damit?",
                fr: "Dans quelle mesure en êtes-vous satisfait aujourd'hui ?", es: "¿Qué tan satisfecho está hoy con ello?")
        case .notApplicable:
            Translations(
                en: "This does not apply to me", nb: "Dette gjelder ikke meg", de: "Trifft auf mich nicht zu",
                fr: "Cela ne me concerne pas",
                es: "Esto no se aplica a mí")
        case .tasksQuestion:
            Translations(
                en: "Which of these matter most to you? Pick up to {max}.", nb: "Hvilke av disse er viktigst for deg? Velg opptil {max}.",
                de: "Welche davon sind Ihnen am wichtigsten? Wählen Sie bis zu {max}.",
                fr: "Lesquelles comptent le plus pour vous ? Choisissez-en jusqu'à {max}.",
                es: "¿Cuáles de estas le importan más? Elija hasta {max}.")
        case .tasksHelp:
            Translations(
                en:
                    "The list is long on purpose, and in a different order for everyone. Pick only the tasks that are most important to you.",
                nb: "Listen er lang med vilje, og i ulik rekkefølge for alle. Velg bare oppgavene som er viktigst for deg.",
                de:
                    "Die Liste ist absichtlich lang und für alle unterschiedlich sortiert. Wählen Sie nur die Aufgaben, die Ihnen am wichtigsten sind.",
                fr:
                    "La liste est longue exprès, et dans un ordre différent pour chacun. Choisissez seulement les tâches les plus importantes pour vous.",
                es:
                    "La lista es larga a propósito y aparece en un orden distinto para cada persona. Elija solo las tareas más importantes para usted."
            )
        case .confirmBlank:
            Translations(
                en:
                    "You have not answered anything yet. What you chose so far is saved. Send without answers anyway, or go back and answer?",
                nb:
                    "Du har ikke svart på noe ennå. Det du har valgt så langt, er lagret. Vil du sende uten svar likevel, eller gå tilbake og svare?",
                de:
                    "Sie haben noch nichts beantwortet. Ihre bisherige Auswahl ist gespeichert. Trotzdem ohne Antworten senden, oder zurückgehen und antworten?",
                fr:
                    "Vous n'avez encore répondu à rien. Vos choix jusqu'ici sont enregistrés. Envoyer quand même sans réponses, ou revenir en arrière pour répondre ?",
                es:
                    "Todavía no ha respondido nada. Lo que ha elegido hasta ahora está guardado. ¿Enviar sin respuestas de todos modos, o volver atrás y responder?"
            )
        case .sendBlank:
            Translations(
                en: "Send without answers", nb: "Send uten svar", de: "Ohne Antworten senden", fr: "Envoyer sans réponses",
                es: "Enviar sin respuestas")
        case .send:
            Translations(
                en: "Send my answers", nb: "Send svarene mine", de: "Meine Antworten senden", fr: "Envoyer mes réponses",
                es: "Enviar mis respuestas")
        case .thanks:
            Translations(
                en: "Your answers were sent. They help us decide what to improve first.",
                nb: "Svarene dine er sendt. De hjelper oss å bestemme hva vi skal forbedre først.",
                de: "Ihre Antworten wurden gesendet. Sie helfen uns zu entscheiden, was wir zuerst verbessern.",
                fr: "Vos réponses ont été envoyées. Elles nous aident à décider quoi améliorer en premier.",
                es: "Sus respuestas se han enviado. Nos ayudan a decidir qué mejorar primero.")
        case .tooManyPicks:
            Translations(
                en: "Pick at most {max}; you picked {count}.", nb: "Velg høyst {max}; du valgte {count}.",
                de: "Wählen Sie höchstens {max}; Sie haben {count} gewählt.",
                fr: "Choisissez-en {max} au plus ; vous en avez choisi {count}.", es: "Elija como máximo {max}; ha elegido {count}.")
        case .studyTitle:
            Translations(
                en: "What matters to you", nb: "Hva som betyr noe for deg", de: "Was Ihnen wichtig ist", fr: "Ce qui compte pour vous",
                es: "Lo que le importa")
        case .voteTitle:
            Translations(
                en: "What you come to us for", nb: "Hva du kommer til oss for", de: "Wofür Sie zu uns kommen",
                fr: "Ce pour quoi vous venez chez nous", es: "Para qué acude a nosotros")
        }
    }
}
