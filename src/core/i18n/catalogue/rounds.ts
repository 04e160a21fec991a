import { catalogue } from "./entry.js";

/**
 * The agreement rounds: a communication to third parties about the cooperation, agreed with
 * every party under the NCTV's coordination where it concerns the Cybersecurity Agenda (Art 10),
 * and an amendment of the covenant, which needs every party's consent (Art 13). Dutch follows
 * the covenant's words: communicatie met derden, afstemming, coördinatie door de NCTV, akkoord,
 * wijziging, instemming, concept, uiterste termijn. `{kind}` is `comms` or `amendment`.
 */
export const roundsTexts = catalogue({
  // What a round is called, and where it stands
  "rounds.title": {
    en: "{kind, select, comms {communication {id} (draft {version})} other {amendment {id}}}",
    nl: "{kind, select, comms {communicatie {id} (concept {version})} other {wijziging {id}}}",
  },
  "rounds.state": {
    en: "{state, select, OPEN {waiting for the parties} CHANGES_REQUESTED {changes requested by the NCTV} CLEARED {cleared} ADOPTED {adopted} BLOCKED {blocked} EXPIRED {expired} other {{state}}}",
    nl: "{state, select, OPEN {wacht op de partijen} CHANGES_REQUESTED {de NCTV vraagt om wijzigingen} CLEARED {vrijgegeven} ADOPTED {aangenomen} BLOCKED {tegengehouden} EXPIRED {verlopen} other {{state}}}",
  },
  "rounds.who.coordinator": { en: "NCTV coordinator", nl: "NCTV-coördinator" },
  "rounds.who.the_coordinator": { en: "the NCTV coordinator", nl: "de NCTV-coördinator" },
  "rounds.the_nctv": { en: "the NCTV", nl: "de NCTV" },

  // Where one party's answer stands: "agreed by Daan Smit at …"
  "rounds.by_author": {
    en: "{kind, select, comms { (by drafting)} other { (by proposing)}}",
    nl: "{kind, select, comms { (als opsteller)} other { (als indiener)}}",
  },
  "rounds.by": { en: " by {name}", nl: " door {name}" },
  "rounds.by_at": { en: " by {name} at {time}", nl: " door {name} op {time}" },
  "rounds.said": { en: " ({name})", nl: " ({name})" },
  "rounds.said_at": { en: " ({name}, {time})", nl: " ({name}, {time})" },
  "rounds.answer.party": {
    en: "{state, select, PENDING {waiting} COORDINATING {waiting} AGREED {{kind, select, comms {agreed} other {consented}}{by}} OBJECTED {{kind, select, comms {objected} other {denied}}{by}} NOT_CONCERNED {not concerned} CHANGES_REQUESTED {asked for changes{by}} EXPIRED {did not answer by the deadline} RETIRED {no longer asked} WITHDRAWN {withdrew from the covenant (Art 14), so its agreement is no longer needed} other {{state}}}",
    nl: "{state, select, PENDING {nog geen antwoord} COORDINATING {nog geen antwoord} AGREED {{kind, select, comms {akkoord gegeven} other {ingestemd}}{by}} OBJECTED {{kind, select, comms {bezwaar gemaakt} other {geweigerd}}{by}} NOT_CONCERNED {niet betrokken} CHANGES_REQUESTED {om wijzigingen gevraagd{by}} EXPIRED {heeft niet geantwoord voor de uiterste termijn} RETIRED {niet meer gevraagd} WITHDRAWN {is uit het convenant getreden (art. 14); haar akkoord is daarom niet meer nodig} other {{state}}}",
  },
  "rounds.answer.coordination": {
    en: "{state, select, PENDING {has not yet said whether the draft concerns the Cybersecurity Agenda} COORDINATING {the NCTV coordinates, as it concerns the Cybersecurity Agenda{said}; its agreement is awaited} AGREED {the NCTV coordinates and agreed{said}} NOT_CONCERNED {not the Cybersecurity Agenda, so the NCTV does not coordinate{said}} CHANGES_REQUESTED {the NCTV coordinates and asks for changes{said}} OBJECTED {objected{said}} EXPIRED {did not answer by the deadline} RETIRED {no longer asked} WITHDRAWN {the NCTV withdrew from the covenant (Art 14), so it no longer coordinates} other {{state}}}",
    nl: "{state, select, PENDING {heeft nog niet gezegd of het concept de Cybersecurity Agenda betreft} COORDINATING {de NCTV coördineert, omdat het de Cybersecurity Agenda betreft{said}; het akkoord van de NCTV wordt afgewacht} AGREED {de NCTV coördineert en heeft akkoord gegeven{said}} NOT_CONCERNED {betreft niet de Cybersecurity Agenda, dus de NCTV coördineert niet{said}} CHANGES_REQUESTED {de NCTV coördineert en vraagt om wijzigingen{said}} OBJECTED {bezwaar gemaakt{said}} EXPIRED {heeft niet geantwoord voor de uiterste termijn} RETIRED {niet meer gevraagd} WITHDRAWN {de NCTV is uit het convenant getreden (art. 14) en coördineert daarom niet meer} other {{state}}}",
  },
  "rounds.standing.line": { en: "<b>{who}</b>: {answer}{note}", nl: "<b>{who}</b>: {answer}{note}" },
  "rounds.standing.note": { en: " — “{note}”", nl: " — ‘{note}’" },
  "rounds.compact": {
    en: "{who} {state, select, PENDING {waiting} COORDINATING {coordinating} AGREED {{kind, select, comms {agreed} other {consented}}} OBJECTED {{kind, select, comms {objected} other {denied}}} NOT_CONCERNED {not concerned} CHANGES_REQUESTED {asked for changes} EXPIRED {expired} RETIRED {no longer asked} WITHDRAWN {withdrew} other {{state}}}",
    nl: "{who} {state, select, PENDING {nog geen antwoord} COORDINATING {coördineert} AGREED {{kind, select, comms {akkoord} other {ingestemd}}} OBJECTED {{kind, select, comms {bezwaar} other {geweigerd}}} NOT_CONCERNED {niet betrokken} CHANGES_REQUESTED {vraagt om wijzigingen} EXPIRED {verlopen} RETIRED {niet meer gevraagd} WITHDRAWN {uitgetreden} other {{state}}}",
  },
  "rounds.quoted": { en: "{kind, select, comms {The draft} other {The proposed amendment}}", nl: "{kind, select, comms {Het concept} other {De voorgestelde wijziging}}" },

  // What a party's liaisons are asked (Art 10, 13)
  "rounds.ask.heading": {
    en: "{kind, select, comms {Agreement asked} other {Consent asked}}: {title}",
    nl: "{kind, select, comms {Akkoord gevraagd} other {Instemming gevraagd}}: {title}",
  },
  "rounds.ask.as_deputy": {
    en: "Your party's liaison has not answered, so you are asked as deputy. ",
    nl: "De liaison van uw partij heeft niet geantwoord; daarom wordt het u als plaatsvervanger gevraagd. ",
  },
  "rounds.ask.intro": {
    en: "{kind, select, comms {{author} ({party}) drafted a communication to third parties about the cooperation. It may go out only when every party agreed (covenant Art 10); {party} agreed by drafting it.} other {{author} ({party}) proposes to amend the covenant. An amendment is adopted only with the consent of every party (covenant Art 13); {party} consented by proposing it.}}",
    nl: "{kind, select, comms {{author} ({party}) heeft een communicatie met derden over de samenwerking opgesteld. Die mag pas naar buiten wanneer elke partij akkoord is (convenant art. 10); {party} is als opsteller akkoord.} other {{author} ({party}) stelt voor het convenant te wijzigen. Een wijziging wordt alleen aangenomen met instemming van alle partijen (convenant art. 13); {party} stemt als indiener in.}}",
  },
  "rounds.field.asked_of": { en: "Asked of", nl: "Gevraagd aan" },
  "rounds.field.as_party": { en: "{party}, as a party", nl: "{party}, als partij" },
  "rounds.field.deadline": { en: "Deadline", nl: "Uiterste termijn" },
  "rounds.field.author": { en: "Author", nl: "Auteur" },
  "rounds.ask.silence": {
    en: "Without {party}'s answer by the deadline nothing is {kind, select, comms {cleared} other {adopted}}: silence is never agreement.",
    nl: "Zonder antwoord van {party} voor de uiterste termijn wordt niets {kind, select, comms {vrijgegeven} other {aangenomen}}: zwijgen is nooit instemming.",
  },
  "rounds.ask.yes": { en: "{kind, select, comms {Agree} other {Consent}}", nl: "{kind, select, comms {Akkoord} other {Instemmen}}" },
  "rounds.ask.no": { en: "{kind, select, comms {Object} other {Deny}}", nl: "{kind, select, comms {Bezwaar maken} other {Weigeren}}" },
  "rounds.ask.summary": {
    en: "{kind, select, comms {Agreement asked} other {Consent asked}} of {party}: {title} by {author}",
    nl: "{kind, select, comms {Akkoord gevraagd} other {Instemming gevraagd}} aan {party}: {title} van {author}",
  },
  "rounds.reminder": { en: "Reminder: {id} expires {deadline}.", nl: "Herinnering: {id} verloopt op {deadline}." },
  "rounds.reminder.summary": { en: "Reminder: {summary}", nl: "Herinnering: {summary}" },

  // What the NCTV's coordinator is asked (Art 10)
  "rounds.coordination.heading": { en: "NCTV coordination: {title}", nl: "Coördinatie door de NCTV: {title}" },
  "rounds.coordination.intro": {
    en: "{author} ({party}) drafted a communication to third parties about the cooperation; every party is asked to agree. ",
    nl: "{author} ({party}) heeft een communicatie met derden over de samenwerking opgesteld; elke partij wordt om akkoord gevraagd. ",
  },
  "rounds.coordination.coordinating": {
    en: "The NCTV coordinates it (it concerns the Dutch Cybersecurity Agenda, covenant Art 10): it is cleared only with your agreement, and you may ask the author for changes.",
    nl: "De NCTV coördineert de afstemming (de communicatie betreft de Nederlandse Cybersecurity Agenda, convenant art. 10): ze wordt alleen met uw akkoord vrijgegeven, en u kunt de auteur om wijzigingen vragen.",
  },
  "rounds.coordination.question": {
    en: "Does it concern the execution of the Dutch Cybersecurity Agenda? If so, the NCTV coordinates it (covenant Art 10): you may ask for changes, and it is cleared only with your agreement.",
    nl: "Betreft deze communicatie de uitvoering van de Nederlandse Cybersecurity Agenda? Zo ja, dan vindt de afstemming plaats onder coördinatie van de NCTV (convenant art. 10): u kunt om wijzigingen vragen, en de communicatie wordt alleen met uw akkoord vrijgegeven.",
  },
  "rounds.coordination.agree": { en: "Agree", nl: "Akkoord" },
  "rounds.coordination.request_changes": { en: "Request changes", nl: "Wijzigingen vragen" },
  "rounds.coordination.coordinate": { en: "NCTV coordinates", nl: "NCTV coördineert" },
  "rounds.coordination.not_concerned": { en: "Not the Agenda", nl: "Niet de Agenda" },
  "rounds.coordination.summary": { en: "NCTV coordination asked: {title} by {author}", nl: "Coördinatie door de NCTV gevraagd: {title} van {author}" },

  // An answered or closed question, the author's status, the adoption
  "rounds.settled": { en: "{title} — {who}: {answer}.", nl: "{title} — {who}: {answer}." },
  "rounds.status.heading": { en: "{title}: {state}", nl: "{title}: {state}" },
  "rounds.adopted.summary": {
    en: "Amendment {id} to the covenant is adopted: every party consented (Art 13).",
    nl: "Wijziging {id} van het convenant is aangenomen: alle partijen hebben ingestemd (art. 13).",
  },
  "rounds.adopted.heading": { en: "Amendment {id} adopted", nl: "Wijziging {id} aangenomen" },
  "rounds.adopted.text": {
    en: "Every party consented to amendment {id}, proposed by {author} ({party}); it is adopted and recorded (covenant Art 13).",
    nl: "Alle partijen hebben ingestemd met wijziging {id}, voorgesteld door {author} ({party}); de wijziging is aangenomen en vastgelegd (convenant art. 13).",
  },
  "rounds.adopted.withdrew": {
    en: " {parties} withdrew from the covenant meanwhile (Art 14); the covenant stays in force for the others, whose consent it took.",
    nl: " Inmiddels uit het convenant getreden (art. 14): {parties}; het convenant blijft van kracht voor de andere partijen, met wier instemming de wijziging is aangenomen.",
  },

  // Answering (buttons and the note form)
  "rounds.refused.not_found": { en: "This question does not exist (any more); nothing was changed.", nl: "Deze vraag bestaat niet (meer); er is niets gewijzigd." },
  "rounds.refused.not_yours": { en: "This question is for {whose}; nothing was changed.", nl: "Deze vraag is voor {whose}; er is niets gewijzigd." },
  "rounds.whose.coordinator": { en: "the NCTV's coordinator", nl: "de coördinator van de NCTV" },
  "rounds.whose.party": {
    en: "{party}'s liaisons and deputies{coordinator, select, yes { (and its coordinator)} other {}}",
    nl: "de liaisons en plaatsvervangers van {party}{coordinator, select, yes { (en haar coördinator)} other {}}",
  },
  "rounds.refused.replaced": {
    en: "Draft {old} of {id} was replaced by draft {current}; answer the message about the new draft. Nothing was changed.",
    nl: "Concept {old} van {id} is vervangen door concept {current}; beantwoord het bericht over het nieuwe concept. Er is niets gewijzigd.",
  },
  "rounds.refused.expired": {
    en: "{title} expired at its deadline; no answer is needed any more.",
    nl: "{title} is verlopen op de uiterste termijn; een antwoord is niet meer nodig.",
  },
  "rounds.refused.note_missing": {
    en: "{event, select, object {Say why your party does not agree: the author needs the reason.} other {Say which changes the NCTV asks for: the author needs them.}}",
    nl: "{event, select, object {Zeg waarom uw partij niet akkoord gaat: de auteur heeft de reden nodig.} other {Zeg om welke wijzigingen de NCTV vraagt: de auteur heeft ze nodig.}}",
  },
  "rounds.refused.note_invalid": { en: "Nothing was changed: {problems}.", nl: "Er is niets gewijzigd: {problems}." },
  "rounds.refused.not_possible": {
    en: "This answer is not possible on this question; nothing was changed.",
    nl: "Dit antwoord is bij deze vraag niet mogelijk; er is niets gewijzigd.",
  },
  "rounds.refused.already_decided": { en: "Already decided: {settled}", nl: "Al besloten: {settled}" },
  "rounds.headline.coordinates": {
    en: "The NCTV coordinates this communication: it concerns the Dutch Cybersecurity Agenda (Art 10). It is cleared only with the NCTV's agreement ({name}).",
    nl: "De NCTV coördineert deze communicatie: die betreft de Nederlandse Cybersecurity Agenda (art. 10). Ze wordt alleen met akkoord van de NCTV vrijgegeven ({name}).",
  },
  "rounds.headline.not_concerned": {
    en: "The NCTV's coordinator ({name}) found that it does not concern the Dutch Cybersecurity Agenda; the NCTV agrees as a party like the others.",
    nl: "De coördinator van de NCTV ({name}) oordeelt dat de communicatie niet de Nederlandse Cybersecurity Agenda betreft; de NCTV geeft als partij akkoord, net als de andere partijen.",
  },
  "rounds.answered": {
    en: "You {event, select, agree {agreed to} object {objected to} coordinate {took on the NCTV's coordination of} not_concerned {found the Cybersecurity Agenda not concerned by} other {asked for changes to}} {title} for {who}.{outcome}",
    nl: "{event, select, agree {U hebt namens {who} ingestemd met {title}.} object {U hebt namens {who} bezwaar gemaakt tegen {title}.} coordinate {U hebt namens {who} de coördinatie van {title} op zich genomen.} not_concerned {U hebt namens {who} vastgesteld dat {title} niet de Cybersecurity Agenda betreft.} other {U hebt namens {who} om wijzigingen in {title} gevraagd.}}{outcome}",
  },
  "rounds.answered.outcome": {
    en: "{outcome, select, cleared { Every party agreed: it is cleared.} adopted { Every party consented: the amendment is adopted and announced.} blocked { It is blocked; the author is told why.} changes_requested { The author is asked for a changed draft.} other {}}",
    nl: "{outcome, select, cleared { Alle partijen zijn akkoord: de communicatie is vrijgegeven.} adopted { Alle partijen hebben ingestemd: de wijziging is aangenomen en bekendgemaakt.} blocked { De ronde is tegengehouden; de auteur hoort waarom.} changes_requested { De auteur wordt om een gewijzigd concept gevraagd.} other {}}",
  },

  // Who is asked (ask-parties.ts); joined into one refusal
  "rounds.plan.no_party": {
    en: "{party} is no party to the covenant (any more), so it cannot put anything to the parties (Art 13, 14)",
    nl: "{party} is geen partij bij het convenant (meer) en kan dus niets aan de partijen voorleggen (art. 13, 14)",
  },
  "rounds.plan.nobody": {
    en: "{party} has nobody in the directory who may answer for it (a screened liaison or deputy)",
    nl: "{party} heeft niemand in het adresboek die namens haar mag antwoorden (een gescreende liaison of plaatsvervanger)",
  },
  "rounds.plan.no_coordinator": {
    en: "the NCTV has no screened coordinator in the directory to coordinate communication (Art 10)",
    nl: "de NCTV heeft geen gescreende coördinator in het adresboek om de communicatie te coördineren (art. 10)",
  },

  // The text itself (check-text.ts); joined into one refusal
  "rounds.what": { en: "{kind, select, comms {the draft} other {the amendment}}", nl: "{kind, select, comms {het concept} other {de wijziging}}" },
  "rounds.text.too_short": {
    en: "write {kind, select, comms {the draft} other {the amendment}} itself after the command (at least {min} characters)",
    nl: "schrijf {kind, select, comms {het concept} other {de wijziging}} zelf na de opdracht (ten minste {min} tekens)",
  },
  "rounds.text.too_long": {
    en: "{kind, select, comms {the draft} other {the amendment}} is {length} characters; at most {max}",
    nl: "{kind, select, comms {het concept} other {de wijziging}} telt {length} tekens; ten hoogste {max}",
  },
  "rounds.text.invisible": {
    en: "{kind, select, comms {the draft} other {the amendment}} contains the invisible character {character}; remove it",
    nl: "{kind, select, comms {het concept} other {de wijziging}} bevat het onzichtbare teken {character}; verwijder het",
  },

  // The forms (Slack allows 24 characters in a title or a button)
  "rounds.form.title": { en: "{kind, select, comms {Draft a communication} other {Propose an amendment}}", nl: "{kind, select, comms {Communicatie opstellen} other {Wijziging voorstellen}}" },
  "rounds.form.submit": { en: "{kind, select, comms {Ask every party} other {Propose}}", nl: "{kind, select, comms {Voorleggen} other {Voorstellen}}" },
  "rounds.form.text": {
    en: "{kind, select, comms {The communication to third parties about the cooperation (a press line, a statement, an answer). It goes out only when every party agreed (Art 10).} other {The amendment of the covenant. It is adopted only with the consent of every party (Art 13).}}",
    nl: "{kind, select, comms {De communicatie met derden over de samenwerking (een perslijn, een verklaring, een antwoord). Ze gaat pas naar buiten wanneer elke partij akkoord is (art. 10).} other {De wijziging van het convenant. Ze wordt alleen aangenomen met instemming van alle partijen (art. 13).}}",
  },
  "rounds.form.revise_title": { en: "Change {id}", nl: "{id} wijzigen" },
  "rounds.form.revise_submit": { en: "Ask anew", nl: "Opnieuw voorleggen" },
  "rounds.form.revise_text": {
    en: "The changed draft. Every party is asked anew; earlier answers no longer count (Art 10).",
    nl: "Het gewijzigde concept. Elke partij wordt opnieuw gevraagd; eerdere antwoorden tellen niet meer (art. 10).",
  },
  "rounds.form.note_title": { en: "{event, select, request_changes {Request changes} other {Say why}}", nl: "{event, select, request_changes {Wijzigingen vragen} other {Reden opgeven}}" },
  "rounds.form.note_submit": { en: "{event, select, request_changes {Send to the author} other {Object}}", nl: "{event, select, request_changes {Naar de auteur sturen} other {Bezwaar maken}}" },
  "rounds.form.note_text": {
    en: "{event, select, request_changes {Which changes does the NCTV ask for? The author sees this note.} other {Why does your party not agree? The author sees this reason.}}",
    nl: "{event, select, request_changes {Om welke wijzigingen vraagt de NCTV? De auteur ziet deze toelichting.} other {Waarom gaat uw partij niet akkoord? De auteur ziet deze reden.}}",
  },

  // A changed draft (Art 10)
  "rounds.revise.refused": { en: "Nothing was changed: {problems}.", nl: "Er is niets gewijzigd: {problems}." },
  "rounds.revise.not_found": {
    en: "you have no communication draft {ref}; only its author changes a draft",
    nl: "u hebt geen concept van een communicatie {ref}; alleen de auteur wijzigt een concept",
  },
  "rounds.none_given": { en: "(none given)", nl: "(niets opgegeven)" },
  "rounds.revise.expired": {
    en: "{id} expired at its deadline; draft the communication anew with `/ciic comms '<'text'>'`",
    nl: "{id} is verlopen op de uiterste termijn; stel de communicatie opnieuw op met `/ciic comms '<'tekst'>'`",
  },
  "rounds.revise.closed": {
    en: "{id} is {state}; draft a new communication with `/ciic comms '<'text'>'`",
    nl: "{id} is {state}; stel een nieuwe communicatie op met `/ciic comms '<'tekst'>'`",
  },
  "rounds.revise.same": { en: "the text is the same as draft {version}", nl: "de tekst is gelijk aan concept {version}" },
  "rounds.revise.retired": {
    en: "Draft {old} was replaced by draft {current}: earlier answers no longer count, and your party is asked anew on the new draft.",
    nl: "Concept {old} is vervangen door concept {current}: eerdere antwoorden tellen niet meer, en uw partij wordt opnieuw gevraagd over het nieuwe concept.",
  },
  "rounds.revise.changed_meanwhile": { en: "{id} changed meanwhile; look at it with `/ciic comms {id}`", nl: "{id} is intussen gewijzigd; bekijk het met `/ciic comms {id}`" },
  "rounds.revise.summary": {
    en: "{id} draft {version} put to the parties: agreement asked of {parties}.",
    nl: "{id} concept {version} voorgelegd aan de partijen: akkoord gevraagd aan {parties}.",
  },
  "rounds.revise.heading": { en: "{id}: draft {version}, agreement asked anew (Art 10)", nl: "{id}: concept {version}, opnieuw om akkoord gevraagd (art. 10)" },
  "rounds.revise.asked": { en: "Earlier answers no longer count. Asked: {parties}.", nl: "Eerdere antwoorden tellen niet meer. Gevraagd: {parties}." },
  "rounds.revise.coordinating": {
    en: " The NCTV coordinates this communication; its coordinator is asked to agree to the new draft.",
    nl: " De NCTV coördineert deze communicatie; de coördinator van de NCTV wordt om akkoord op het nieuwe concept gevraagd.",
  },
  "rounds.revise.coordination_pending": {
    en: " The NCTV's coordinator is asked again whether it concerns the Cybersecurity Agenda.",
    nl: " De coördinator van de NCTV wordt opnieuw gevraagd of de communicatie de Cybersecurity Agenda betreft.",
  },
  "rounds.revise.deadline": { en: " Deadline {deadline}.", nl: " Uiterste termijn {deadline}." },

  // How a round ends (settle-round.ts), as its author and the other parties read it
  "rounds.note.expired": {
    en: "Nothing was agreed by the deadline, so no answer is needed any more.",
    nl: "Voor de uiterste termijn is niets overeengekomen; een antwoord is daarom niet meer nodig.",
  },
  "rounds.note.closed": { en: "{id} is closed: no answer of yours is needed any more.", nl: "{id} is gesloten: uw antwoord is niet meer nodig." },
  "rounds.note.changes_requested": {
    en: "The NCTV asked the author for changes (Art 10); the changed draft will be put to your party anew.",
    nl: "De NCTV heeft de auteur om wijzigingen gevraagd (art. 10); het gewijzigde concept wordt opnieuw aan uw partij voorgelegd.",
  },
  "rounds.note.no_answer_needed": { en: "No answer is needed any more.", nl: "Een antwoord is niet meer nodig." },
  "rounds.headline.expired": {
    en: "Expired at its deadline without every party's agreement: {kind, select, comms {it is not cleared and may not go out} other {the amendment is not adopted}} (silence is never agreement).",
    nl: "Verlopen op de uiterste termijn zonder akkoord van alle partijen: {kind, select, comms {de communicatie is niet vrijgegeven en mag niet naar buiten} other {de wijziging is niet aangenomen}} (zwijgen is nooit instemming).",
  },
  "rounds.headline.blocker": { en: "{party}{reason}", nl: "{party}{reason}" },
  "rounds.headline.blocker_reason": { en: " (“{note}”)", nl: " (‘{note}’)" },
  "rounds.headline.blocked": {
    en: "Blocked: {blockers} did not agree. {kind, select, comms {The communication may not go out. You may draft a new one.} other {The amendment is not adopted (Art 13: it needs every party's consent).}}",
    nl: "Tegengehouden: {kind, select, comms {geen akkoord van {blockers}. De communicatie mag niet naar buiten. U kunt een nieuwe opstellen.} other {geen instemming van {blockers}. De wijziging is niet aangenomen (art. 13: daarvoor is de instemming van alle partijen nodig).}}",
  },
  "rounds.headline.changes_requested": {
    en: "The NCTV coordinates this communication and asks for changes: “{note}” ({name}). Send a changed draft with /ciic comms revise {id} '<'text'>'; the round then starts again.",
    nl: "De NCTV coördineert deze communicatie en vraagt om wijzigingen: ‘{note}’ ({name}). Stuur een gewijzigd concept met /ciic comms revise {id} '<'tekst'>'; de ronde begint dan opnieuw.",
  },
  "rounds.its_coordinator": { en: "its coordinator", nl: "de coördinator" },
  "rounds.headline.cleared": {
    en: "Cleared: every party agreed (covenant Art 10){withdrawn}. It may now go out as agreed, in this wording.",
    nl: "Vrijgegeven: alle partijen zijn akkoord (convenant art. 10){withdrawn}. De communicatie mag nu naar buiten zoals afgestemd, in deze bewoording.",
  },
  "rounds.headline.save_withdrawn": {
    en: ", save {parties}, which withdrew from the covenant (Art 14)",
    nl: ", met uitzondering van {parties}, uit het convenant getreden (art. 14)",
  },
  "rounds.headline.party_withdrew": {
    en: "{party} withdrew from the covenant (Art 14): {id} no longer waits for its {kind, select, comms {agreement} other {consent}}; the covenant stays in force for the others.{still}",
    nl: "{party} is uit het convenant getreden (art. 14): {id} wacht niet meer op haar {kind, select, comms {akkoord} other {instemming}}; het convenant blijft van kracht voor de andere partijen.{still}",
  },
  "rounds.headline.still_waiting": { en: " Still waiting for {parties}.", nl: " Wacht nog op {parties}." },

  // /ciic comms CM-1, /ciic amend AM-1, /ciic requests
  "rounds.detail.not_found": {
    en: "There is no {kind, select, comms {communication} other {amendment}} {ref} that concerns you.",
    nl: "Er is geen {kind, select, comms {communicatie} other {wijziging}} {ref} die u aangaat.",
  },
  "rounds.detail.answer_coordinator": { en: "Your answer as the NCTV's coordinator", nl: "Uw antwoord als coördinator van de NCTV" },
  "rounds.detail.answer_party": { en: "Your answer for {party}", nl: "Uw antwoord namens {party}" },
  "rounds.headline.state": {
    en: "{state, select, OPEN {Waits for the parties' {kind, select, comms {agreement} other {consent}}; it counts only when every party {kind, select, comms {agreed} other {consented}}.} CHANGES_REQUESTED {The NCTV asks for changes; send a changed draft with /ciic comms revise {id} '<'text'>'.} CLEARED {Cleared: every party agreed (Art 10).} ADOPTED {Adopted: every party consented (Art 13).} BLOCKED {Blocked: a party did not agree.} other {Expired at its deadline without every party's agreement.}}",
    nl: "{state, select, OPEN {{kind, select, comms {Wacht op het akkoord van de partijen; de communicatie mag pas naar buiten wanneer elke partij akkoord is.} other {Wacht op de instemming van de partijen; de wijziging geldt pas wanneer elke partij heeft ingestemd.}}} CHANGES_REQUESTED {De NCTV vraagt om wijzigingen; stuur een gewijzigd concept met /ciic comms revise {id} '<'tekst'>'.} CLEARED {Vrijgegeven: alle partijen zijn akkoord (art. 10).} ADOPTED {Aangenomen: alle partijen hebben ingestemd (art. 13).} BLOCKED {Tegengehouden: een partij is niet akkoord.} other {Verlopen op de uiterste termijn zonder akkoord van alle partijen.}}",
  },
  "rounds.overview.more": { en: "…and {count} more, each in your direct messages.", nl: "…en nog {count}, elk in uw directe berichten." },
  "rounds.overview.waiting": { en: "Agreement rounds waiting for your answer ({count})", nl: "Afstemmingsrondes die op uw antwoord wachten ({count})" },
  "rounds.overview.mine": { en: "Your communications and amendments ({count} most recent)", nl: "Uw communicaties en wijzigingen (de {count} meest recente)" },
  "rounds.overview.line": { en: "<code>{id}</code> {state}{until} · {standing}", nl: "<code>{id}</code> {state}{until} · {standing}" },
  "rounds.overview.until": { en: " · until {day}", nl: " · tot {day}" },
  "rounds.overview.heading": { en: "Communications and amendments", nl: "Communicatie en wijzigingen" },
  "rounds.overview.summary": {
    en: "{summary}; {count, plural, one {# agreement round waits} other {# agreement rounds wait}} for your answer",
    nl: "{summary}; {count, plural, one {# afstemmingsronde wacht} other {# afstemmingsrondes wachten}} op uw antwoord",
  },

  // Putting a new round to the parties (/ciic comms, /ciic amend)
  "rounds.start.refused": {
    en: "{kind, select, comms {No draft was put to the parties} other {No amendment was proposed}}: {problems}.",
    nl: "{kind, select, comms {Er is geen concept aan de partijen voorgelegd} other {Er is geen wijziging voorgesteld}}: {problems}.",
  },
  "rounds.start.duplicate": {
    en: "{id} already puts exactly this text to the parties; follow it with `/ciic {command} {id}`",
    nl: "{id} legt precies deze tekst al aan de partijen voor; volg het met `/ciic {command} {id}`",
  },
  "rounds.start.own": {
    en: "{party} {kind, select, comms {agrees by drafting} other {consents by proposing}}; asked: {parties}.",
    nl: "{party} {kind, select, comms {is als opsteller akkoord} other {stemt als indiener in}}; gevraagd: {parties}.",
  },
  "rounds.start.coordination": {
    en: " The NCTV's coordinator is asked whether the draft concerns the Dutch Cybersecurity Agenda; if so the NCTV coordinates it (Art 10).",
    nl: " De coördinator van de NCTV wordt gevraagd of het concept de Nederlandse Cybersecurity Agenda betreft; zo ja, dan vindt de afstemming plaats onder coördinatie van de NCTV (art. 10).",
  },
  "rounds.start.deadline": {
    en: " Deadline {deadline}: without every party's {kind, select, comms {agreement} other {consent}} by then it {kind, select, comms {is not cleared} other {is not adopted}}.",
    nl: " Uiterste termijn {deadline}: zonder {kind, select, comms {akkoord van alle partijen voor die tijd wordt de communicatie niet vrijgegeven} other {instemming van alle partijen voor die tijd wordt de wijziging niet aangenomen}}.",
  },
  "rounds.start.follow": {
    en: "{kind, select, comms {Follow it with <code>/ciic comms {id}</code>; change it with <code>/ciic comms revise {id} '<'text'>'</code> (the round then starts again).} other {Follow it with <code>/ciic amend {id}</code>.}}",
    nl: "{kind, select, comms {Volg het met <code>/ciic comms {id}</code>; wijzig het met <code>/ciic comms revise {id} '<'tekst'>'</code> (de ronde begint dan opnieuw).} other {Volg het met <code>/ciic amend {id}</code>.}}",
  },
  "rounds.start.summary": {
    en: "{id} put to the parties: {kind, select, comms {communication agreement} other {amendment consent}} asked of {parties}.",
    nl: "{id} voorgelegd aan de partijen: {kind, select, comms {akkoord op de communicatie} other {instemming met de wijziging}} gevraagd aan {parties}.",
  },
  "rounds.start.heading": {
    en: "{id}: {kind, select, comms {agreement asked (Art 10)} other {consent asked (Art 13)}}",
    nl: "{id}: {kind, select, comms {akkoord gevraagd (art. 10)} other {instemming gevraagd (art. 13)}}",
  },
});
