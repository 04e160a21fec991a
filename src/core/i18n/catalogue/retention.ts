import { catalogue } from "./entry.js";

/**
 * Retention review (Wiv 2017: data that have lost their relevance are removed): the question a
 * party's liaisons get, its reminder and escalation, the answers, and the overview. Dutch:
 * bewaartermijnbeoordeling, bewaren, loslaten, liaison, plaatsvervanger, uiterste termijn.
 */
export const retentionTexts = catalogue({
  // The question (views.ts)
  "retention.verdict": { en: "{verdict, select, KEEP {kept} other {let go}}", nl: "{verdict, select, KEEP {bewaard} other {losgelaten}}" },
  "retention.by": { en: " by {name}", nl: " door {name}" },
  "retention.line.supplied": { en: " · supplied {time} · TLP:{tlp}", nl: " · geleverd {time} · TLP:{tlp}" },
  "retention.line.verdict": { en: " · {verdict}{by}", nl: " · {verdict}{by}" },
  "retention.line.corrected": { en: " · corrected since by {item}", nl: " · inmiddels gecorrigeerd door {item}" },
  "retention.ask.heading": { en: "Retention review {review}: are these still relevant?", nl: "Bewaartermijnbeoordeling {review}: zijn deze gegevens nog relevant?" },
  "retention.ask.as_deputy": {
    en: "Your party's liaisons did not answer by the deadline, so you are asked as deputy. ",
    nl: "De liaisons van uw partij hebben niet voor de uiterste termijn geantwoord; daarom wordt het u als plaatsvervanger gevraagd. ",
  },
  "retention.ask.intro": {
    en: "The cell keeps data only while they are relevant (Wiv 2017). {count, plural, one {This item that {party} supplied reached its review date. Keep it for another period, or let it go} other {These # items that {party} supplied reached their review date. Keep them for another period, or let them go}}: a value let go is destroyed, and only the record that the item existed and was removed stays.",
    nl: "De cel bewaart gegevens alleen zolang ze relevant zijn (Wiv 2017). {count, plural, one {Dit gegeven, geleverd door {party}, heeft de datum van zijn beoordeling bereikt. Bewaar het voor een nieuwe termijn of laat het los} other {Deze # gegevens, geleverd door {party}, hebben de datum van hun beoordeling bereikt. Bewaar ze voor een nieuwe termijn of laat ze los}}: een losgelaten waarde wordt vernietigd; alleen de vastlegging dat het gegeven bestond en is verwijderd, blijft bewaard.",
  },
  "retention.field.party": { en: "Party", nl: "Partij" },
  "retention.field.answer_by": { en: "Answer by", nl: "Antwoord uiterlijk" },
  "retention.ask.silence": {
    en: "Silence is no answer: an unanswered question is reminded, then put to your deputies and listed as overdue; nothing is kept or removed by itself. For some items only, type <code>/ciic review {review} keep I-…</code> or <code>/ciic review {review} let-go I-… reason: …</code>.",
    nl: "Zwijgen is geen antwoord: na een herinnering gaat een onbeantwoorde vraag naar uw plaatsvervangers en staat zij als te laat in het overzicht; niets wordt vanzelf bewaard of verwijderd. Voor een deel van de gegevens typt u <code>/ciic review {review} keep I-…</code> of <code>/ciic review {review} let-go I-… reason: …</code>.",
  },
  "retention.ask.keep": { en: "{all, select, yes {Keep} other {Keep the other {count}}}", nl: "{all, select, yes {Bewaren} other {De overige {count} bewaren}}" },
  "retention.ask.let_go": { en: "{all, select, yes {Let go} other {Let go of the other {count}}}", nl: "{all, select, yes {Loslaten} other {De overige {count} loslaten}}" },
  "retention.ask.reminder": { en: "Reminder: {review} is to be answered by {time}.", nl: "Herinnering: {review} moet uiterlijk {time} worden beantwoord." },
  "retention.ask.summary": {
    en: "{prefix, select, reminder {Reminder: } overdue {Overdue: } other {}}Retention review {review}: {count, plural, one {is # item} other {are # items}} of {party} still relevant?",
    nl: "{prefix, select, reminder {Herinnering: } overdue {Te laat: } other {}}Bewaartermijnbeoordeling {review}: {count, plural, one {is # gegeven} other {zijn # gegevens}} van {party} nog relevant?",
  },
  "retention.answered": {
    en: "Retention review {review} is answered: {kept} kept for another period, {gone} let go and removed.",
    nl: "Bewaartermijnbeoordeling {review} is beantwoord: {kept} bewaard voor een nieuwe termijn, {gone} losgelaten en verwijderd.",
  },

  // Answers (answer-review.ts)
  "retention.none_given": { en: "(none given)", nl: "(niets opgegeven)" },
  "retention.answer.not_found": {
    en: "Nothing was changed: there is no retention review {ref} of your party. `/ciic requests` lists the open ones.",
    nl: "Er is niets gewijzigd: er is geen bewaartermijnbeoordeling {ref} van uw partij. `/ciic requests` toont de openstaande.",
  },
  "retention.show.not_found": {
    en: "There is no retention review {ref} of your party. `/ciic requests` lists the open ones.",
    nl: "Er is geen bewaartermijnbeoordeling {ref} van uw partij. `/ciic requests` toont de openstaande.",
  },
  "retention.answer.already": {
    en: "Already answered: {review} was answered{by}{completed}; nothing was changed.",
    nl: "Al beantwoord: {review} is beantwoord{by}{completed}; er is niets gewijzigd.",
  },
  "retention.answer.completed": { en: " (completed {time})", nl: " (afgerond {time})" },
  "retention.answer.not_an_item": { en: "`{ref}` is not an item id (I-42)", nl: "`{ref}` is geen gegevens-id (I-42)" },
  "retention.answer.not_in_review": { en: "{item} is not in {review}", nl: "{item} staat niet in {review}" },
  "retention.answer.already_decided": { en: "{item} was already {verdict}{by}", nl: "{item} is al {verdict}{by}" },
  "retention.answer.refused": { en: "Nothing was changed: {problems}.", nl: "Er is niets gewijzigd: {problems}." },
  "retention.answer.kept": { en: "You kept {items} for another review period.", nl: "U hebt {items} bewaard voor een nieuwe bewaartermijn." },
  "retention.answer.let_go": {
    en: "You let go of {items}: {count, plural, one {its value is} other {their values are}} removed from the cell.",
    nl: "U hebt {items} losgelaten: {count, plural, one {de waarde is} other {de waarden zijn}} uit de cel verwijderd.",
  },
  "retention.answer.complete": { en: " {review} is answered.", nl: " {review} is beantwoord." },
  "retention.answer.left": {
    en: " {count, plural, one {# item of {review} still waits} other {# items of {review} still wait}} for an answer: {items}.",
    nl: " {count, plural, one {# gegeven van {review} wacht} other {# gegevens van {review} wachten}} nog op een antwoord: {items}.",
  },
  "retention.answer.blocked": {
    en: " {count, plural, one {# pending disclosure request} other {# pending disclosure requests}} that contained {removed, plural, one {it} other {them}} will not be released.",
    nl: " {count, plural, one {# openstaand verzoek om verstrekking met {removed, plural, one {dit gegeven} other {deze gegevens}} wordt} other {# openstaande verzoeken om verstrekking met {removed, plural, one {dit gegeven} other {deze gegevens}} worden}} niet verstrekt.",
  },

  // /ciic review and the overview in /ciic requests (show-reviews.ts)
  "retention.list.heading": { en: "Retention reviews", nl: "Bewaartermijnbeoordelingen" },
  "retention.list.waiting": {
    en: "<b>Waiting for your party's answer ({count})</b> — see one with <code>/ciic review RV-…</code>.",
    nl: "<b>Wacht op het antwoord van uw partij ({count})</b> — bekijk er een met <code>/ciic review RV-…</code>.",
  },
  "retention.list.line": {
    en: " {waiting} of {total, plural, one {# item} other {# items}} of {party} {waiting, plural, one {waits} other {wait}} for keep or let go · ",
    nl: " {waiting} van {total, plural, one {# gegeven} other {# gegevens}} van {party} {waiting, plural, one {wacht} other {wachten}} op bewaren of loslaten · ",
  },
  "retention.list.overdue": { en: "OVERDUE since {time}", nl: "TE LAAT sinds {time}" },
  "retention.list.answer_by": { en: "answer by {time}", nl: "antwoord uiterlijk {time}" },
  "retention.list.open": {
    en: "{open, plural, one {# retention review waits} other {# retention reviews wait}} for your party",
    nl: "{open, plural, one {# bewaartermijnbeoordeling wacht} other {# bewaartermijnbeoordelingen wachten}} op uw partij",
  },
  "retention.list.summary": {
    en: "{summary}; {open, plural, one {# retention review waits} other {# retention reviews wait}} for your party{overdue, plural, =0 {} other {, # overdue}}",
    nl: "{summary}; {open, plural, one {# bewaartermijnbeoordeling wacht} other {# bewaartermijnbeoordelingen wachten}} op uw partij{overdue, plural, =0 {} other {, # te laat}}",
  },
  "retention.list.none": { en: "No retention review waits for your party.", nl: "Er wacht geen bewaartermijnbeoordeling op uw partij." },
  "retention.command.not_a_verdict": { en: "`{verb}` is neither keep nor let-go", nl: "`{verb}` is geen keep en geen let-go" },
  "retention.command.invalid": {
    en: "Nothing was changed: {problem}. Type e.g. `/ciic review RV-3 keep I-1 I-2` or `/ciic review RV-3 let-go I-3 reason: …`.",
    nl: "Er is niets gewijzigd: {problem}. Typ bijvoorbeeld `/ciic review RV-3 keep I-1 I-2` of `/ciic review RV-3 let-go I-3 reason: …`.",
  },
});
