/// The words of invitation and reminder mails.
public enum MailPhrase: String, Phrase, CaseIterable {
    case invitationSubject, reminderSubject, greeting, greetingWithoutName, invitationOpening, reminderOpening
    case personalLink, answerButton, orOpen, anonymity, why
    case customerInvitationSubject, customerReminderSubject, customerInvitationOpening, customerReminderOpening, customerPrivacy
    case customerWhy, customerButton

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
        case .customerInvitationSubject:
            Translations(
                en: "{organization}: tell us what matters to you", nb: "{organization}: fortell oss hva som betyr noe for deg",
                de: "{organization}: Sagen Sie uns, was Ihnen wichtig ist", fr: "{organization} : dites-nous ce qui compte pour vous",
                es: "{organization}: cuéntenos qué es importante para usted")
        case .customerReminderSubject:
            Translations(
                en: "Reminder: {organization} would like to hear from you", nb: "Påminnelse: {organization} vil gjerne høre fra deg",
                de: "Erinnerung: {organization} möchte von Ihnen hören", fr: "Rappel : {organization} aimerait avoir votre avis",
                es: "Recordatorio: {organization} quiere conocer su opinión")
        case .customerInvitationOpening:
            Translations(
                en:
                    "{organization} wants to improve what matters most to its customers and asks for your view in “{survey}”. It takes about five minutes.",
                nb:
                    "{organization} vil forbedre det som betyr mest for kundene sine, og ber om ditt syn i «{survey}». Det tar omtrent fem minutter.",
                de:
                    "{organization} möchte verbessern, was seinen Kunden am wichtigsten ist, und bittet Sie um Ihre Sicht in „{survey}“. Das dauert etwa fünf Minuten.",
                fr:
                    "{organization} veut améliorer ce qui compte le plus pour ses clients et vous demande votre avis dans « {survey} ». Cela prend environ cinq minutes.",
                es:
                    "{organization} quiere mejorar lo que más importa a sus clientes y le pide su opinión en «{survey}». Se tarda unos cinco minutos."
            )
        case .customerReminderOpening:
            Translations(
                en:
                    "A reminder: {organization} would still like your view in “{survey}”. If you have started, the link takes you back to where you stopped.",
                nb:
                    "En påminnelse: {organization} vil fortsatt gjerne høre ditt syn i «{survey}». Hvis du har begynt, tar lenken deg tilbake dit du slapp.",
                de:
                    "Eine Erinnerung: {organization} bittet weiterhin um Ihre Sicht in „{survey}“. Wenn Sie schon begonnen haben, bringt Sie der Link dorthin zurück, wo Sie aufgehört haben.",
                fr:
                    "Un rappel : {organization} aimerait toujours avoir votre avis dans « {survey} ». Si vous avez commencé, le lien vous ramène là où vous vous êtes arrêté.",
                es:
                    "Un recordatorio: {organization} todavía quiere conocer su opinión en «{survey}». Si ya empezó, el enlace le lleva a donde lo dejó."
            )
        case .customerPrivacy:
            Translations(
                en: "Your answers are counted together with other customers' and are not linked to your e-mail address.",
                nb: "Svarene dine telles sammen med andre kunders og knyttes ikke til e-postadressen din.",
                de: "Ihre Antworten werden mit denen anderer Kunden zusammengezählt und nicht mit Ihrer E-Mail-Adresse verknüpft.",
                fr: "Vos réponses sont comptées avec celles des autres clients et ne sont pas reliées à votre adresse e-mail.",
                es: "Sus respuestas se cuentan junto con las de otros clientes y no se vinculan a su dirección de correo.")
        case .customerWhy:
            Translations(
                en: "You get this mail because {organization} has you on its list of customers to ask. Questions: {contact}.",
                nb: "Du får denne e-posten fordi {organization} har deg på listen over kunder de vil spørre. Spørsmål: {contact}.",
                de:
                    "Sie erhalten diese E-Mail, weil {organization} Sie auf der Liste der Kunden führt, die befragt werden sollen. Fragen: {contact}.",
                fr: "Vous recevez ce message parce que {organization} vous compte parmi les clients à interroger. Questions : {contact}.",
                es: "Recibe este correo porque {organization} le tiene en su lista de clientes a los que preguntar. Preguntas: {contact}.")
        case .customerButton:
            Translations(en: "Give your view", nb: "Si din mening", de: "Ihre Meinung abgeben", fr: "Donner mon avis", es: "Dar mi opinión")
        }
    }
}
