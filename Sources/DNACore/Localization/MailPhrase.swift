/// The words of invitation and reminder mails.
public enum MailPhrase: String, Phrase, CaseIterable {
    case invitationSubject, reminderSubject, greeting, greetingWithoutName, invitationOpening, reminderOpening
    case personalLink, answerButton, orOpen, anonymity, why

    public var texts: Translations {
        switch self {
        case .invitationSubject:
            Translations(
                en: "{organization}: how well do we serve our customers?", nb: "{organization}: hvor godt tjener vi kundene våre?",
                de: "{organization}: Wie gut dienen wir unseren Kunden?", fr: "{organization} : servons-nous bien nos clients ?",
                es: "{organization}: ¿servimos bien a nuestros clientes?")
        case .reminderSubject:
            Translations(
                en: "Reminder: {organization} would like your answers", nb: "Påminnelse: {organization} vil gjerne ha svarene dine",
                de: "Erinnerung: {organization} bittet um Ihre Antworten", fr: "Rappel : {organization} aimerait avoir vos réponses",
                es: "Recordatorio: {organization} quiere conocer sus respuestas")
        case .greeting:
            Translations(en: "Hello {name},", nb: "Hei {name},", de: "Hallo {name},", fr: "Bonjour {name},", es: "Hola, {name}:")
        case .greetingWithoutName: Translations(en: "Hello,", nb: "Hei,", de: "Hallo,", fr: "Bonjour,", es: "Hola:")
        case .invitationOpening:
            Translations(
                en:
                    "{organization} asks how well the way we work serves our customers, and would like your answers to “{survey}”. It takes about ten minutes.",
                nb:
                    "{organization} spør hvor godt måten vi jobber på tjener kundene våre, og vil gjerne ha svarene dine på «{survey}». Det tar omtrent ti minutter.",
                de:
                    "{organization} fragt, wie gut unsere Arbeitsweise unseren Kunden dient, und bittet um Ihre Antworten zu „{survey}“. Das dauert etwa zehn Minuten.",
                fr:
                    "{organization} demande dans quelle mesure notre façon de travailler sert nos clients et aimerait avoir vos réponses à « {survey} ». Cela prend environ dix minutes.",
                es:
                    "{organization} pregunta hasta qué punto nuestra forma de trabajar sirve a nuestros clientes y quiere conocer sus respuestas a «{survey}». Se tarda unos diez minutos."
            )
        case .reminderOpening:
            Translations(
                en:
                    "A reminder: {organization} would still like your answers to “{survey}”. If you have started, the link takes you back to where you stopped.",
                nb:
                    "En påminnelse: {organization} vil fortsatt gjerne ha svarene dine på «{survey}». Hvis du har begynt, tar lenken deg tilbake dit du slapp.",
                de:
                    "Eine Erinnerung: {organization} bittet weiterhin um Ihre Antworten zu „{survey}“. Wenn Sie schon begonnen haben, bringt Sie der Link dorthin zurück, wo Sie aufgehört haben.",
                fr:
                    "Un rappel : {organization} aimerait toujours avoir vos réponses à « {survey} ». Si vous avez commencé, le lien vous ramène là où vous vous êtes arrêté.",
                es:
                    "Un recordatorio: {organization} todavía quiere conocer sus respuestas a «{survey}». Si ya empezó, el enlace le lleva a donde lo dejó."
            )
        case .personalLink:
            Translations(
                en: "Your personal link (it works for you alone, once):",
                nb: "Din personlige lenke (den gjelder bare deg, og bare én gang):",
                de: "Ihr persönlicher Link (nur für Sie, einmal verwendbar):",
                fr: "Votre lien personnel (pour vous seul, utilisable une fois) :",
                es: "Su enlace personal (solo para usted, de un solo uso):")
        case .answerButton:
            Translations(
                en: "Answer the survey", nb: "Svar på undersøkelsen", de: "Zur Umfrage", fr: "Répondre à l'enquête",
                es: "Responder a la encuesta")
        case .orOpen:
            Translations(
                en: "Or open this address:", nb: "Eller åpne denne adressen:", de: "Oder öffnen Sie diese Adresse:",
                fr: "Ou ouvrez cette adresse :", es: "O abra esta dirección:")
        case .anonymity:
            Translations(
                en:
                    "Your answers are anonymous: results are only shown for groups of at least {k} people, and once you hand in, your link is no longer connected to your answers.",
                nb:
                    "Svarene dine er anonyme: resultater vises bare for grupper på minst {k} personer, og når du har levert, er lenken din ikke lenger knyttet til svarene dine.",
                de:
                    "Ihre Antworten sind anonym: Ergebnisse werden nur für Gruppen von mindestens {k} Personen gezeigt, und sobald Sie abgeben, ist Ihr Link nicht mehr mit Ihren Antworten verbunden.",
                fr:
                    "Vos réponses sont anonymes : les résultats ne sont présentés que pour des groupes d'au moins {k} personnes, et une fois vos réponses remises, votre lien n'y est plus relié.",
                es:
                    "Sus respuestas son anónimas: los resultados solo se muestran para grupos de al menos {k} personas y, una vez que las entregue, su enlace deja de estar vinculado a ellas."
            )
        case .why:
            Translations(
                en: "You get this mail because you are listed as a participant of {organization} in CustomerDNA. Questions: {contact}.",
                nb: "Du får denne e-posten fordi du er oppført som deltaker i {organization} i CustomerDNA. Spørsmål: {contact}.",
                de:
                    "Sie erhalten diese E-Mail, weil Sie bei {organization} in CustomerDNA als Teilnehmerin oder Teilnehmer eingetragen sind. Fragen: {contact}.",
                fr:
                    "Vous recevez ce message parce que vous figurez parmi les participants de {organization} dans CustomerDNA. Questions : {contact}.",
                es: "Recibe este correo porque figura como participante de {organization} en CustomerDNA. Preguntas: {contact}.")
        }
    }
}
