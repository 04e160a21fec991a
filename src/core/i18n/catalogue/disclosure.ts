import { catalogue } from "./entry.js";

/**
 * Disclosure and consent (Art 7): the consent question a liaison gets, its outcome, the
 * requester's status, the release the recipient reads. Dutch follows the covenant's words:
 * verstrekking, toestemming, partij, cel, ontvanger.
 */
export const disclosureTexts = catalogue({
  // Recipients (Art 3, 7.1)
  "disclosure.recipient_kind": {
    en: "{kind, select, party {a party, for its own task} aivd_unit {another AIVD unit} other {an outside organisation}}",
    nl: "{kind, select, party {een partij, voor haar eigen taak} aivd_unit {een ander onderdeel van de AIVD} other {een organisatie buiten de cel}}",
  },
  "disclosure.recipient": { en: "{name} ({kind})", nl: "{name} ({kind})" },
  "disclosure.recipient_via": { en: "{name} ({kind}, through {party} (Art 3))", nl: "{name} ({kind}, via {party} (art. 3))" },

  // A request's terms
  "disclosure.field.recipient": { en: "Recipient", nl: "Ontvanger" },
  "disclosure.field.purpose": { en: "Purpose", nl: "Doel" },
  "disclosure.field.legal_basis": { en: "Legal basis", nl: "Wettelijke grondslag" },
  "disclosure.field.conditions": { en: "Conditions", nl: "Voorwaarden" },
  "disclosure.field.tlp": { en: "TLP for the recipient", nl: "TLP voor de ontvanger" },
  "disclosure.field.deadline": { en: "Deadline", nl: "Uiterste termijn" },
  "disclosure.tlp_at_least": { en: "at least TLP:{tlp}", nl: "ten minste TLP:{tlp}" },
  "disclosure.no_conditions": { en: "none", nl: "geen" },
  "disclosure.more_items": {
    en: "…and {count} more; <code>/ciic requests {request}</code> lists them all.",
    nl: "…en nog {count}; <code>/ciic requests {request}</code> toont ze allemaal.",
  },

  // The consent question (Art 7.2)
  "disclosure.ask.heading": { en: "Consent asked: {request}", nl: "Toestemming gevraagd: {request}" },
  "disclosure.ask.as_deputy": {
    en: "Your party's liaison has not answered, so you are asked as deputy. ",
    nl: "De liaison van uw partij heeft niet geantwoord; daarom wordt het u als plaatsvervanger gevraagd. ",
  },
  "disclosure.ask.intro": {
    en: "{requester}, of the cell, asks to disclose data your party ({party}) supplied to the cell.",
    nl: "{requester}, van de cel, vraagt toestemming om gegevens te verstrekken die uw partij ({party}) aan de cel heeft geleverd.",
  },
  "disclosure.ask.party_items": { en: "{party}'s data in this request ({count})", nl: "Gegevens van {party} in dit verzoek ({count})" },
  "disclosure.ask.analysis": {
    en: "It also discloses analysis <code>{analysis}</code> “{title}”, which builds on your party's data; its text is not shown here.",
    nl: "Het verstrekt ook analyse <code>{analysis}</code> ‘{title}’, die op gegevens van uw partij steunt; de tekst ervan staat hier niet.",
  },
  "disclosure.ask.scope": {
    en: "Your consent covers this request only — these items, this recipient, this purpose — never a blanket (Art 7.2). Without an answer by the deadline nothing is disclosed.",
    nl: "Uw toestemming geldt alleen voor dit verzoek — deze gegevens, deze ontvanger, dit doel — nooit in het algemeen (art. 7.2). Zonder antwoord voor de uiterste termijn wordt niets verstrekt.",
  },
  "disclosure.ask.approve": { en: "Approve", nl: "Toestemming geven" },
  "disclosure.ask.deny": { en: "Deny", nl: "Weigeren" },
  "disclosure.ask.summary": {
    en: "Consent asked for {request}: disclose {count, plural, one {# item} other {# items}} of {party} to {recipient}",
    nl: "Toestemming gevraagd voor {request}: {count, plural, one {# gegeven} other {# gegevens}} van {party} verstrekken aan {recipient}",
  },

  "disclosure.reminder.summary": { en: "Reminder: {summary}", nl: "Herinnering: {summary}" },
  "disclosure.reminder": {
    en: "Reminder: {request} expires {deadline}. Without your party's consent by then nothing is disclosed.",
    nl: "Herinnering: {request} verloopt {deadline}. Zonder toestemming van uw partij voor die tijd wordt niets verstrekt.",
  },

  // Notes under a settled question: why no decision is needed any more (never who or why else, Art 7.2)
  "disclosure.note.closed": { en: "This request is closed; no decision of yours is needed any more.", nl: "Dit verzoek is gesloten; uw beslissing is niet meer nodig." },
  "disclosure.note.not_released": { en: "The request will not be released.", nl: "Het verzoek wordt niet verstrekt." },
  "disclosure.note.party_left": { en: "{party} withdrew from the covenant; no decision can be made.", nl: "{party} is uit het convenant getreden; er kan geen beslissing meer worden genomen." },

  // A liaison's decision (Art 7.2)
  "disclosure.decide.not_yours": {
    en: "This consent question is not for you: only your party's liaisons and deputies decide on your party's data.",
    nl: "Deze vraag om toestemming is niet voor u: alleen de liaisons en plaatsvervangers van uw partij beslissen over de gegevens van uw partij.",
  },
  "disclosure.decide.own_request": {
    en: "You made this request yourself, so another liaison or deputy of your party must decide on it.",
    nl: "U hebt dit verzoek zelf gedaan; een andere liaison of plaatsvervanger van uw partij moet erover beslissen.",
  },
  "disclosure.decide.expired": {
    en: "{request} expired at its deadline; nothing was disclosed and no decision is needed any more.",
    nl: "{request} is verlopen op de uiterste termijn; er is niets verstrekt en een beslissing is niet meer nodig.",
  },
  "disclosure.decide.reason_missing": {
    en: "Say why you deny, so that the requester can make a narrower request.",
    nl: "Zeg waarom u weigert, zodat de aanvrager een beperkter verzoek kan doen.",
  },
  "disclosure.decide.reason_invalid": { en: "Nothing was decided: {problem}.", nl: "Er is niets besloten: {problem}." },
  "disclosure.decide.already_closed": {
    en: "Already decided: {request} was closed at {time}; no decision of {party} is needed any more.",
    nl: "Al besloten: {request} is gesloten op {time}; een beslissing van {party} is niet meer nodig.",
  },
  "disclosure.decide.already": {
    en: "Already decided: {party}'s consent is {state}{by} at {time}.",
    nl: "Al besloten: de toestemming van {party} is {state}{by} op {time}.",
  },
  "disclosure.decide.earlier": { en: "earlier", nl: "eerder" },
  "disclosure.decide.done_summary": {
    en: "You {decision, select, approve {approved} other {denied}} {party}'s consent to {request}.",
    nl: "U hebt de toestemming van {party} voor {request} {decision, select, approve {gegeven} other {geweigerd}}.",
  },
  "disclosure.decide.done": {
    en: "You {decision, select, approve {approved} other {denied}} {party}'s consent to {request} for {recipient}.",
    nl: "U hebt de toestemming van {party} voor {request} aan {recipient} {decision, select, approve {gegeven} other {geweigerd}}.",
  },
  "disclosure.revoke.not_found": {
    en: "Nothing was changed: there is no request {ref} that asks your party's consent.",
    nl: "Er is niets gewijzigd: er is geen verzoek {ref} dat om toestemming van uw partij vraagt.",
  },
  "disclosure.none_given": { en: "(none given)", nl: "(niets opgegeven)" },
  "disclosure.revoke.not_revocable": {
    en: "Nothing was changed: {why, select, released {it was already released; a release cannot be undone} closed {the request is closed; there is nothing to revoke} other {your party has not given its consent}}.",
    nl: "Er is niets gewijzigd: {why, select, released {het is al verstrekt; een verstrekking kan niet ongedaan worden gemaakt} closed {het verzoek is gesloten; er is niets in te trekken} other {uw partij heeft geen toestemming gegeven}}.",
  },
  "disclosure.revoke.done_summary": { en: "{party}'s consent to {request} is revoked.", nl: "De toestemming van {party} voor {request} is ingetrokken." },
  "disclosure.revoke.done": {
    en: "{party}'s consent to {request} is revoked; the request will not be released.",
    nl: "De toestemming van {party} voor {request} is ingetrokken; het verzoek wordt niet verstrekt.",
  },
  "disclosure.detail.left_aside": {
    en: "Only {ref} was read, as the request to show; what you wrote after it was left aside. Ask for one request at a time.",
    nl: "Alleen {ref} is gelezen, als het verzoek om te tonen; wat u erna schreef is buiten beschouwing gelaten. Vraag één verzoek tegelijk op.",
  },
  "disclosure.reason_kept": {
    en: "Your reason is kept with it in the audit log; nobody else is shown it.",
    nl: "Uw reden is erbij vastgelegd in het auditlog; niemand anders krijgt die te zien.",
  },
  "disclosure.withdraw.not_found": { en: "Nothing was changed: you have no request {ref}.", nl: "Er is niets gewijzigd: u hebt geen verzoek {ref}." },
  "disclosure.withdraw.expired": { en: "Nothing was changed: {request} expired at its deadline.", nl: "Er is niets gewijzigd: {request} is verlopen op de uiterste termijn." },
  "disclosure.withdraw.closed": { en: "Nothing was changed: {request} is already {state}.", nl: "Er is niets gewijzigd: {request} is al {state}." },
  "disclosure.withdraw.done_summary": { en: "{request} is withdrawn.", nl: "{request} is ingetrokken." },
  "disclosure.withdraw.done": { en: "{request} is withdrawn; nothing was disclosed.", nl: "{request} is ingetrokken; er is niets verstrekt." },

  // The requester's status after each step (settle.ts)
  "disclosure.headline.waiting": { en: "Waiting for {parties}.", nl: "Wacht op {parties}." },
  "disclosure.headline.removed": {
    en: "Not disclosed: {items} was removed by its party at a retention review.",
    nl: "Niet verstrekt: {items} is door de partij verwijderd bij een bewaartermijnbeoordeling.",
  },
  "disclosure.headline.let_go": {
    en: "Not disclosed: {items} was let go by its party at a retention review and removed from the cell (Wiv 2017). Make a new request without it.",
    nl: "Niet verstrekt: {items} is door de partij losgelaten bij een bewaartermijnbeoordeling en uit de cel verwijderd (Wiv 2017). Doe een nieuw verzoek zonder dit gegeven.",
  },
  "disclosure.headline.corrected": {
    en: "Not disclosed: {items} was corrected by its party after consent was asked. Make a new request with the current version.",
    nl: "Niet verstrekt: {items} is door de partij gecorrigeerd nadat om toestemming was gevraagd. Doe een nieuw verzoek met de huidige versie.",
  },
  "disclosure.headline.stale_text": {
    en: "Not disclosed: {texts}, now on record for a party that was not asked (Art 7.2). Make a new request; nothing was released.",
    nl: "Niet verstrekt: {texts}, nu bekend bij een partij die niet is gevraagd (art. 7.2). Doe een nieuw verzoek; er is niets verstrekt.",
  },
  "disclosure.headline.stale_names": { en: "{what} names {named}", nl: "{what} noemt {named}" },
  "disclosure.headline.stale_value": { en: "{said} (data of {owners})", nl: "{said} (gegevens van {owners})" },
  "disclosure.headline.too_many": { en: "too many possible values", nl: "te veel mogelijke waarden" },
  "disclosure.headline.released": {
    en: "Released to {recipient}: every party consented. The provision is recorded.",
    nl: "Verstrekt aan {recipient}: elke partij heeft toestemming gegeven. De verstrekking is vastgelegd.",
  },
  "disclosure.headline.blocker": { en: "{party}{revoked}{reason}", nl: "{party}{revoked}{reason}" },
  "disclosure.headline.blocker_revoked": { en: " (consent revoked)", nl: " (toestemming ingetrokken)" },
  "disclosure.headline.blocker_reason": { en: " (“{reason}”)", nl: " (‘{reason}’)" },
  "disclosure.headline.denied": {
    en: "Not disclosed: {blockers} did not consent. You may make a narrower request without {parties}'s data.",
    nl: "Niet verstrekt: {blockers} heeft geen toestemming gegeven. U kunt een beperkter verzoek doen zonder de gegevens van {parties}.",
  },
  "disclosure.headline.expired": {
    en: "Expired at its deadline without every party's consent: nothing was disclosed (silence is never consent).",
    nl: "Verlopen op de uiterste termijn zonder toestemming van elke partij: er is niets verstrekt (zwijgen is nooit toestemming).",
  },

  // Asking to disclose (/ciic disclose, Art 7.1)
  "disclosure.request.name_what": {
    en: "name what to disclose: item ids (I-42), values, or an analysis id (A-3)",
    nl: "noem wat u wilt verstrekken: gegevens-id's (I-42), waarden of een analyse-id (A-3)",
  },
  "disclosure.request.one_analysis": { en: "name at most one analysis per request", nl: "noem ten hoogste één analyse per verzoek" },
  "disclosure.request.no_analysis": { en: "there is no analysis {analysis}", nl: "er is geen analyse {analysis}" },
  "disclosure.request.analysis_cites_removed": {
    en: "{analysis} cites {item}, which its party let go at a retention review; it was removed, so the analysis cannot leave the cell",
    nl: "{analysis} verwijst naar {item}, dat de partij bij een bewaartermijnbeoordeling heeft losgelaten; het is verwijderd, dus de analyse kan de cel niet verlaten",
  },
  "disclosure.request.analysis_cites_corrected": {
    en: "{analysis} cites {item}, which its party corrected as {current}; write the analysis anew on the current version",
    nl: "{analysis} verwijst naar {item}, dat de partij heeft gecorrigeerd als {current}; schrijf de analyse opnieuw op de huidige versie",
  },
  "disclosure.request.purpose_short": {
    en: "the purpose must say in at least {min} characters what the data are for (Art 7.1: data are provided for a stated purpose); it has {length}: write it after `purpose`",
    nl: "het doel moet in ten minste {min} tekens zeggen waarvoor de gegevens dienen (art. 7.1: gegevens worden verstrekt voor een genoemd doel); het heeft er {length}: schrijf het na `purpose`",
  },
  "disclosure.request.too_long": {
    en: "{what, select, purpose {the purpose} conditions {the conditions} other {the legal basis}} is longer than {max} characters",
    nl: "{what, select, purpose {het doel} conditions {de voorwaarden} other {de wettelijke grondslag}} is langer dan {max} tekens",
  },
  "disclosure.request.not_tlp": { en: "`{label}` is not a TLP 2.0 label: use one of {labels}", nl: "`{label}` is geen TLP 2.0-label: gebruik een van {labels}" },
  "disclosure.request.party_left": {
    en: "{party} withdrew from the covenant on {day} and can no longer consent (Art 14): leave out what it supplied",
    nl: "{party} is op {day} uit het convenant getreden en kan geen toestemming meer geven (art. 14): laat weg wat zij heeft geleverd",
  },
  "disclosure.request.nobody_decides": {
    en: "{party} has nobody in the directory who may decide on its consent (a screened liaison or deputy other than you)",
    nl: "{party} heeft niemand in het adresboek die over haar toestemming mag beslissen (een gescreende liaison of plaatsvervanger anders dan u)",
  },
  "disclosure.request.refused": { en: "No request was made: {problems}.", nl: "Er is geen verzoek gedaan: {problems}." },
  "disclosure.request.duplicate": {
    en: "No request was made: {request} already asks exactly this and is waiting for consent. Follow it with `/ciic requests {request}`.",
    nl: "Er is geen verzoek gedaan: {request} vraagt al precies dit en wacht op toestemming. Volg het met `/ciic requests {request}`.",
  },
  "disclosure.request.name_recipient": { en: "name the recipient after `to`: one of {known}", nl: "noem de ontvanger na `to`: een van {known}" },
  "disclosure.request.no_recipients": { en: "(the directory lists none)", nl: "(het adresboek noemt er geen)" },
  "disclosure.request.unknown_recipient": { en: "`{id}` is not a recipient in the directory; known: {known}", nl: "`{id}` is geen ontvanger in het adresboek; bekend: {known}" },
  "disclosure.request.deadline_format": { en: "the deadline must be a date written as YYYY-MM-DD", nl: "de uiterste termijn moet een datum zijn, geschreven als JJJJ-MM-DD (YYYY-MM-DD)" },
  "disclosure.request.deadline_past": { en: "the deadline has already passed", nl: "de uiterste termijn is al verstreken" },
  "disclosure.request.deadline_far": { en: "the deadline lies more than 60 days ahead", nl: "de uiterste termijn ligt meer dan 60 dagen vooruit" },
  "disclosure.request.made_summary": { en: "{request} made: consent asked of {parties}.", nl: "{request} gedaan: toestemming gevraagd aan {parties}." },
  "disclosure.request.made_heading": { en: "{request}: consent asked", nl: "{request}: toestemming gevraagd" },
  "disclosure.request.made": {
    en: "To {recipient}, for “{purpose}”. Asked: {parties}. Deadline {deadline}; without every party's consent by then nothing is disclosed.",
    nl: "Aan {recipient}, voor ‘{purpose}’. Gevraagd: {parties}. Uiterste termijn {deadline}; zonder toestemming van elke partij voor die tijd wordt niets verstrekt.",
  },
  "disclosure.request.made_analysis": { en: "Analysis <code>{analysis}</code> “{title}”", nl: "Analyse <code>{analysis}</code> ‘{title}’" },
  "disclosure.request.made_items": { en: "Items that would be released ({count})", nl: "Gegevens die verstrekt zouden worden ({count})" },
  "disclosure.request.made_follow": {
    en: "Follow it with <code>/ciic requests</code>; withdraw it with <code>/ciic withdraw {request}</code>.",
    nl: "Volg het met <code>/ciic requests</code>; trek het in met <code>/ciic withdraw {request}</code>.",
  },

  // Overviews (/ciic requests, App Home)
  "disclosure.list.heading": { en: "Disclosure requests", nl: "Verzoeken om verstrekking" },
  "disclosure.list.waiting": { en: "Waiting for your party's decision ({count})", nl: "Wacht op de beslissing van uw partij ({count})" },
  "disclosure.list.mine": { en: "Your requests ({count} most recent)", nl: "Uw verzoeken (de {count} meest recente)" },
  "disclosure.list.line": { en: " {state} · to {recipient} · {stand}", nl: " {state} · aan {recipient} · {stand}" },
  "disclosure.list.party_state": { en: "{party} {state}", nl: "{party} {state}" },
  "disclosure.list.nothing": { en: "Nothing waits for you.", nl: "Er wacht niets op u." },
  "disclosure.list.summary_waiting": {
    en: "{count, plural, one {# consent question waits} other {# consent questions wait}} for your party",
    nl: "{count, plural, one {# vraag om toestemming wacht} other {# vragen om toestemming wachten}} op uw partij",
  },
  "disclosure.detail.not_found": { en: "There is no request {ref} that concerns you.", nl: "Er is geen verzoek {ref} dat u aangaat." },
  "disclosure.detail.items": {
    en: "{count, plural, one {# item} other {# items}} in this request.",
    nl: "{count, plural, one {# gegeven} other {# gegevens}} in dit verzoek.",
  },
  "disclosure.detail.summary": {
    en: "{request}: {count, plural, one {# item} other {# items}} of {party}; consent {outcome}",
    nl: "{request}: {count, plural, one {# gegeven} other {# gegevens}} van {party}; toestemming {outcome}",
  },
  "disclosure.detail.heading": { en: "{request}: {party}'s consent {outcome}", nl: "{request}: toestemming van {party} {outcome}" },
  "disclosure.detail.terms": { en: "To {recipient}, for “{purpose}”.", nl: "Aan {recipient}, voor ‘{purpose}’." },

  "disclosure.ask_state": {
    en: "{state, select, PENDING {pending} APPROVED {approved} DENIED {denied} EXPIRED {expired} REVOKED {revoked} CLOSED {closed} other {{state}}}",
    nl: "{state, select, PENDING {open} APPROVED {gegeven} DENIED {geweigerd} EXPIRED {verlopen} REVOKED {ingetrokken} CLOSED {gesloten} other {{state}}}",
  },
  "disclosure.outcome": {
    en: "{state, select, APPROVED {approved} DENIED {denied} EXPIRED {expired without an answer — nothing was disclosed} REVOKED {revoked} CLOSED {no longer needed: the request was closed} other {waiting}}",
    nl: "{state, select, APPROVED {gegeven} DENIED {geweigerd} EXPIRED {verlopen zonder antwoord — er is niets verstrekt} REVOKED {ingetrokken} CLOSED {niet meer nodig: het verzoek is gesloten} other {open}}",
  },
  "disclosure.settled": {
    en: "{request} for {recipient}: {party}'s consent {outcome}{by}{at}.",
    nl: "{request} voor {recipient}: toestemming van {party} {outcome}{by}{at}.",
  },
  "disclosure.by": { en: " by {name}", nl: " door {name}" },
  "disclosure.at": { en: " at {time}", nl: " op {time}" },
  "disclosure.request_state": {
    en: "{state, select, PENDING {pending} RELEASED {released} DENIED {denied} EXPIRED {expired} WITHDRAWN {withdrawn} other {{state}}}",
    nl: "{state, select, PENDING {in behandeling} RELEASED {verstrekt} DENIED {geweigerd} EXPIRED {verlopen} WITHDRAWN {ingetrokken} other {{state}}}",
  },
  "disclosure.status.heading": { en: "{request}: {state}", nl: "{request}: {state}" },
  "disclosure.status.line": { en: "<b>{party}</b>: {state}{by}{at}{reason}", nl: "<b>{party}</b>: {state}{by}{at}{reason}" },
  "disclosure.status.reason": { en: " — “{reason}”", nl: " — ‘{reason}’" },

  // The release, as the recipient reads it (Art 7.1)
  "disclosure.release.marking": {
    en: "TLP:{tlp}. Conditions: {conditions}. Purpose: {purpose}.",
    nl: "TLP:{tlp}. Voorwaarden: {conditions}. Doel: {purpose}.",
  },
  "disclosure.release.no_conditions": { en: "none beyond the TLP label", nl: "geen, behalve het TLP-label" },
  "disclosure.release.heading": { en: "TLP:{tlp} — disclosure {request} from the CIIC{part}", nl: "TLP:{tlp} — verstrekking {request} van de CIIC{part}" },
  "disclosure.release.summary": { en: "TLP:{tlp} disclosure {request} from the CIIC{part}", nl: "TLP:{tlp} verstrekking {request} van de CIIC{part}" },
  "disclosure.release.part": { en: " (part {part} of {parts})", nl: " (deel {part} van {parts})" },
  "disclosure.release.indicators": { en: "Indicators {first}–{last} of {count}", nl: "Indicatoren {first}–{last} van {count}" },
  "disclosure.release.consent": {
    en: "Released with the express consent of every party the data came from (covenant Art 7.2). Basis: {basis}.",
    nl: "Verstrekt met uitdrukkelijke toestemming van elke partij waarvan de gegevens afkomstig zijn (convenant art. 7.2). Grondslag: {basis}.",
  },
  "disclosure.release.file_summary": {
    en: "{file}: the indicators of {request}, TLP:{tlp}",
    nl: "{file}: de indicatoren van {request}, TLP:{tlp}",
  },
});
