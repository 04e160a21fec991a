import { catalogue } from "./entry.js";

/**
 * The steering group (Art 9): its report (message, CSV headers, chart labels), its meetings and
 * the reminders its channel gets. Dutch follows the covenant's words: stuurgroep, overleg,
 * evaluatie, verstrekking, toestemming, partij.
 */
export const steeringTexts = catalogue({
  // Periods of /ciic report
  "steering.period.examples": {
    en: "a quarter, a month or a year, e.g. `/ciic report 2026-Q3`, `/ciic report 2026-11` or `/ciic report 2026`",
    nl: "een kwartaal, een maand of een jaar, bijvoorbeeld `/ciic report 2026-Q3`, `/ciic report 2026-11` of `/ciic report 2026`",
  },
  "steering.period.unreadable": {
    en: "`{shown}` is not a period the report can read. Write {examples}.",
    nl: "`{shown}` is geen periode die de rapportage kan lezen. Schrijf {examples}.",
  },
  "steering.period.bad_year": {
    en: "{label} is not a year the cell has figures for. Write {examples}.",
    nl: "{label} is geen jaar waarover de cel cijfers heeft. Schrijf {examples}.",
  },
  "steering.period.future": {
    en: "{label} has not begun yet, so there are no figures for it. Ask for a period that has begun, e.g. `/ciic report {current}`.",
    nl: "{label} is nog niet begonnen, dus er zijn nog geen cijfers over. Vraag om een periode die al is begonnen, bijvoorbeeld `/ciic report {current}`.",
  },
  "steering.period": {
    en: "{label} ({from} – {to}{running, select, yes {, until now} other {}})",
    nl: "{label} ({from} – {to}{running, select, yes {, tot nu} other {}})",
  },
  "steering.hours": { en: "{hours} h", nl: "{hours} u" },
  "steering.no_hours": { en: "–", nl: "–" },

  // /ciic meeting (Art 9.3: at least four times a year)
  "steering.meeting.refused": { en: "Nothing was recorded: {problem}", nl: "Er is niets vastgelegd: {problem}" },
  "steering.meeting.no_date": { en: "no date", nl: "geen datum" },
  "steering.meeting.bad_date": {
    en: "{shown} is not a day; give the day the steering group met as YYYY-MM-DD, e.g. `/ciic meeting {today} quarterly meeting`.",
    nl: "{shown} is geen dag; geef de dag waarop de stuurgroep overleg voerde als JJJJ-MM-DD (YYYY-MM-DD), bijvoorbeeld `/ciic meeting {today} kwartaaloverleg`.",
  },
  "steering.meeting.future": {
    en: "{date} has not come yet; record a meeting once it has been held.",
    nl: "{date} is nog niet aangebroken; leg een overleg vast zodra het heeft plaatsgevonden.",
  },
  "steering.meeting.before_covenant": {
    en: "{date} is before the covenant took effect ({effective}, Art 15).",
    nl: "{date} ligt vóór de inwerkingtreding van het convenant ({effective}, art. 15).",
  },
  "steering.meeting.note_too_long": {
    en: "the note has {length} characters; keep it to {max}.",
    nl: "de notitie heeft {length} tekens; houd haar op ten hoogste {max}.",
  },
  "steering.meeting.note_unsafe": {
    en: "the note holds an invisible or control character ({character}); retype it.",
    nl: "de notitie bevat een onzichtbaar teken of stuurteken ({character}); typ haar opnieuw.",
  },
  "steering.meeting.problem": { en: "{problem}.", nl: "{problem}." },
  "steering.meeting.already_recorded": {
    en: "a meeting on {date} is already recorded, by {name} at {time}.",
    nl: "een overleg op {date} is al vastgelegd, door {name} op {time}.",
  },
  "steering.meeting.recorded_summary": { en: "Recorded: the steering group met on {day}.", nl: "Vastgelegd: de stuurgroep heeft op {day} overleg gevoerd." },
  "steering.meeting.recorded_note": {
    en: "Recorded: the steering group met on {day} ({note}).",
    nl: "Vastgelegd: de stuurgroep heeft op {day} overleg gevoerd ({note}).",
  },
  "steering.meeting.counts": {
    en: "Meetings recorded in {quarter}: {inQuarter}; in {year}: {inYear}. The covenant asks for at least four a year (Art 9). A quarter with a recorded meeting gets no reminder.",
    nl: "Vastgelegd overleg in {quarter}: {inQuarter}; in {year}: {inYear}. Het convenant vraagt om ten minste vier keer per jaar (art. 9). Voor een kwartaal met vastgelegd overleg komt geen herinnering.",
  },

  // Reminders in the steering channel
  "steering.remind.evaluation_summary": {
    en: "Reminder: the steering group's evaluation of the CIIC is due on {due} (covenant Art 9).",
    nl: "Herinnering: de evaluatie van de CIIC door de stuurgroep staat gepland op {due} (convenant art. 9).",
  },
  "steering.remind.evaluation_heading": { en: "Evaluation due", nl: "Evaluatie gepland" },
  "steering.remind.evaluation": {
    en: "The steering group's evaluation of the cell is due on {due}: the covenant asks for one six months after it took effect ({effective}) and every year after that (Art 9).",
    nl: "De evaluatie van de cel door de stuurgroep staat gepland op {due}: het convenant vraagt om een evaluatie een half jaar na de inwerkingtreding ({effective}) en daarna jaarlijks (art. 9).",
  },
  "steering.remind.evaluation_figures": {
    en: "The figures for it: <code>/ciic report {year}</code> (or a quarter, e.g. <code>/ciic report {quarter}</code>).",
    nl: "De cijfers daarvoor: <code>/ciic report {year}</code> (of een kwartaal, bijvoorbeeld <code>/ciic report {quarter}</code>).",
  },
  "steering.remind.meeting_summary": {
    en: "Reminder: no steering group meeting is recorded for {quarter}, which ends on {last} (covenant Art 9).",
    nl: "Herinnering: voor {quarter}, dat eindigt op {last}, is geen overleg van de stuurgroep vastgelegd (convenant art. 9).",
  },
  "steering.remind.meeting_heading": { en: "Steering group meeting", nl: "Overleg van de stuurgroep" },
  "steering.remind.meeting": {
    en: "{quarter} ends on {last} and no steering group meeting is recorded for it. The covenant asks the group to meet at least four times a year (Art 9); {inYear} recorded in {year} so far.",
    nl: "{quarter} eindigt op {last} en er is geen overleg van de stuurgroep voor vastgelegd. Het convenant vraagt de stuurgroep ten minste vier keer per jaar overleg te voeren (art. 9); in {year} is tot nu toe {inYear} keer overleg vastgelegd.",
  },
  "steering.remind.meeting_record": {
    en: "When the group has met, record it: <code>/ciic meeting YYYY-MM-DD [note]</code>.",
    nl: "Leg het overleg vast zodra het heeft plaatsgevonden: <code>/ciic meeting YYYY-MM-DD [notitie]</code>.",
  },

  // The report as a message (Art 9)
  "steering.report.heading": { en: "Steering group report {period}", nl: "Rapportage stuurgroep {period}" },
  "steering.report.intro": {
    en: "{period}. Counts per party for the steering group's evaluation (covenant Art 9); no indicator values and no analysis text (Art 7.2). Requests are those made in the period, with their outcome as it stands now.",
    nl: "{period}. Aantallen per partij voor de evaluatie door de stuurgroep (convenant art. 9); geen indicatorwaarden en geen tekst van analyses (art. 7.2). De verzoeken zijn die welke in de periode zijn gedaan, met hun uitkomst zoals die nu is.",
  },
  "steering.report.items_supplied": { en: "Items supplied", nl: "Geleverde gegevens" },
  "steering.report.items_value": {
    en: "{items}{corrections, plural, =0 {} one { (+# correction)} other { (+# corrections)}}",
    nl: "{items}{corrections, plural, =0 {} one { (+# correctie)} other { (+# correcties)}}",
  },
  "steering.report.overlap_label": { en: "Supplied by two or more parties", nl: "Geleverd door twee of meer partijen" },
  "steering.report.related_label": { en: "Related to another party's records", nl: "Verwant aan vastleggingen van een andere partij" },
  "steering.report.requests_label": { en: "Disclosure requests", nl: "Verzoeken om verstrekking" },
  "steering.report.turnaround_label": { en: "Consent turnaround", nl: "Doorlooptijd toestemming" },
  "steering.report.turnaround": { en: "median {median}, slowest {slowest}", nl: "mediaan {median}, langzaamst {slowest}" },
  "steering.report.denials_label": { en: "Denials", nl: "Weigeringen" },
  "steering.report.expired_label": { en: "Expired", nl: "Verlopen" },
  "steering.report.by_party_heading": { en: "Items supplied per party and type", nl: "Geleverde gegevens per partij en type" },
  "steering.report.party_line": {
    en: "<b>{party}</b>: {total}{types}{corrections, plural, =0 {} one {; # correction} other {; # corrections}}",
    nl: "<b>{party}</b>: {total}{types}{corrections, plural, =0 {} one {; # correctie} other {; # correcties}}",
  },
  "steering.report.no_items": { en: "No items were supplied in this period.", nl: "In deze periode zijn geen gegevens geleverd." },
  "steering.report.overlaps_heading": { en: "Overlaps between parties", nl: "Overlap tussen partijen" },
  "steering.report.overlap_line": {
    en: "<b>{first} and {second}</b>: {count, plural, one {# indicator} other {# indicators}} both supplied",
    nl: "<b>{first} en {second}</b>: {count, plural, one {# indicator} other {# indicatoren}} door beide geleverd",
  },
  "steering.report.no_overlaps": {
    en: "No indicator supplied in this period was supplied by more than one party.",
    nl: "Geen indicator die in deze periode is geleverd, is door meer dan één partij geleverd.",
  },
  "steering.report.related_heading": { en: "Related indicators between parties", nl: "Verwante indicatoren tussen partijen" },
  "steering.report.related_line": {
    en: "<b>{first} and {second}</b>: {count, plural, one {# indicator} other {# indicators}} of one related to a record of the other",
    nl: "<b>{first} en {second}</b>: {count, plural, one {# indicator} other {# indicatoren}} van de een verwant aan een vastlegging van de ander",
  },
  "steering.report.no_related": {
    en: "No indicator supplied in this period is related to a record of another party.",
    nl: "Geen indicator die in deze periode is geleverd, is verwant aan een vastlegging van een andere partij.",
  },
  "steering.report.related_note": {
    en: "Related, not the same value: an address in a range, a URL and its host, a domain and its subdomains, an e-mail address and its domain, the hashes of one file (Art 6.1). Each indicator of the period counts once in all and once per pair of parties; records supplied after the period do not count.",
    nl: "Verwant, niet dezelfde waarde: een adres in een reeks, een URL en zijn host, een domein en zijn subdomeinen, een e-mailadres en zijn domein, de hashes van één bestand (art. 6.1). Elke indicator van de periode telt één keer in het totaal en één keer per paar partijen; vastleggingen van na de periode tellen niet mee.",
  },
  "steering.report.requests_heading": { en: "Disclosure requests and consent", nl: "Verzoeken om verstrekking en toestemming" },
  "steering.report.turnaround_line": {
    en: "<b>{party}</b>: {decisions, plural, one {# decision} other {# decisions}}, median {median}, slowest {slowest}",
    nl: "<b>{party}</b>: {decisions, plural, one {# beslissing} other {# beslissingen}}, mediaan {median}, langzaamst {slowest}",
  },
  "steering.report.no_decisions": {
    en: "No consent was decided on requests of this period.",
    nl: "Over de verzoeken van deze periode is geen beslissing over toestemming genomen.",
  },
  "steering.report.slowest": {
    en: "Slowest decision: {party}, {hours} after the ask.",
    nl: "Langzaamste beslissing: {party}, {hours} na de vraag om toestemming.",
  },
  "steering.report.denials_heading": { en: "Denials and their reasons", nl: "Weigeringen en hun redenen" },
  "steering.report.denial": { en: "<b>{party}</b>{at}: {reason}", nl: "<b>{party}</b>{at}: {reason}" },
  "steering.report.denial_at": { en: ", {time}", nl: ", {time}" },
  "steering.report.no_reason": { en: "(no reason)", nl: "(geen reden)" },
  "steering.report.expiries": {
    en: "{count, plural, one {# request expired} other {# requests expired}} without every party's consent; unanswered: {unanswered}.",
    nl: "{count, plural, one {# verzoek is verlopen} other {# verzoeken zijn verlopen}} zonder toestemming van elke partij; onbeantwoord: {unanswered}.",
  },
  "steering.report.rounds_heading": { en: "Communications and amendments (Art 10, 13)", nl: "Communicatie en wijzigingen (art. 10, 13)" },
  "steering.report.comms": { en: "Communications to third parties: {counts}. ", nl: "Communicatie met derden: {counts}. " },
  "steering.report.amendments": { en: "Amendments of the covenant: {counts}. ", nl: "Wijzigingen van het convenant: {counts}. " },
  "steering.report.rounds_note": {
    en: "Drafted and proposed count those started in the period; the outcomes, those reached in it.",
    nl: "Opgesteld en voorgesteld tellen wat in de periode is begonnen; de uitkomsten wat in de periode is bereikt.",
  },
  "steering.report.group_heading": { en: "Steering group (Art 9)", nl: "Stuurgroep (art. 9)" },
  "steering.report.meetings": { en: "Meetings recorded in this period: {dates}. ", nl: "Vastgelegd overleg in deze periode: {dates}. " },
  "steering.report.no_meetings": { en: "No meeting is recorded for this period. ", nl: "Voor deze periode is geen overleg vastgelegd. " },
  "steering.report.four_a_year": { en: "The covenant asks for at least four a year. ", nl: "Het convenant vraagt om ten minste vier keer per jaar. " },
  "steering.report.evaluations_due": { en: "Evaluation due in this period: {dates}. ", nl: "Evaluatie gepland in deze periode: {dates}. " },
  "steering.report.next_evaluation": { en: "Next evaluation: {day}.", nl: "Volgende evaluatie: {day}." },
  "steering.report.files": {
    en: "The same figures as a CSV file, <code>{file}</code>, and as a chart, <code>{chart}</code>, are in your direct messages.",
    nl: "Dezelfde cijfers staan als CSV-bestand, <code>{file}</code>, en als grafiek, <code>{chart}</code>, in uw privéberichten.",
  },
  "steering.report.file": {
    en: "The same figures as a CSV file, <code>{file}</code>, are in your direct messages.",
    nl: "Dezelfde cijfers staan als CSV-bestand, <code>{file}</code>, in uw privéberichten.",
  },
  "steering.report.summary": {
    en: "Steering group report {period}: {items, plural, one {# item} other {# items}} supplied, {overlaps} supplied by more than one party, {requests, plural, one {# disclosure request} other {# disclosure requests}} ({released} released), median consent turnaround {median}.",
    nl: "Rapportage stuurgroep {period}: {items, plural, one {# gegeven} other {# gegevens}} geleverd, {overlaps} door meer dan één partij geleverd, {requests, plural, one {# verzoek om verstrekking} other {# verzoeken om verstrekking}} ({released} verstrekt), mediane doorlooptijd toestemming {median}.",
  },
  "steering.report.csv_summary": {
    en: "Steering group report {period} as CSV (covenant Art 9).",
    nl: "Rapportage stuurgroep {period} als CSV (convenant art. 9).",
  },
  "steering.report.chart_summary": {
    en: "Steering group report {period} as a chart (covenant Art 9).",
    nl: "Rapportage stuurgroep {period} als grafiek (convenant art. 9).",
  },

  // Words the report counts by (message, CSV, chart)
  "steering.outcome": {
    en: "{outcome, select, released {released} denied {denied} expired {expired} withdrawn {withdrawn} other {pending}}",
    nl: "{outcome, select, released {verstrekt} denied {geweigerd} expired {verlopen} withdrawn {ingetrokken} other {in behandeling}}",
  },
  "steering.round_count": {
    en: "{count, select, drafted {drafted} cleared {cleared} proposed {proposed} adopted {adopted} blocked {blocked} other {expired}}",
    nl: "{count, select, drafted {opgesteld} cleared {afgestemd} proposed {voorgesteld} adopted {aangenomen} blocked {geblokkeerd} other {verlopen}}",
  },

  // The report as CSV: the header and the words a reader of the spreadsheet reads
  "steering.csv": {
    en: "{word, select, section {section} party {party} detail {detail} measure {measure} value {value} period {period} from {from} until {until (exclusive)} complete {complete} yes {yes} no {no} generated_at {generated at} items {items} all_types {all types} supplied {supplied} corrections {corrections} overlaps {overlaps} related_overlaps {related overlaps} all_parties {all parties} indicators {indicators} requests {requests} all {all} turnaround {turnaround} decisions {decisions} median_hours {median hours} slowest_hours {slowest hours} denials {denials} reason {reason} expiries {expiries} unanswered_asks {unanswered asks} communications {communications} amendments {amendments} meetings {meetings} recorded {recorded} date {date} evaluations {evaluations} due {due} next {next} other {{word}}}",
    nl: "{word, select, section {onderdeel} party {partij} detail {detail} measure {maat} value {waarde} period {periode} from {van} until {tot (niet inbegrepen)} complete {volledig} yes {ja} no {nee} generated_at {gemaakt op} items {gegevens} all_types {alle typen} supplied {geleverd} corrections {correcties} overlaps {overlap} related_overlaps {verwante overlap} all_parties {alle partijen} indicators {indicatoren} requests {verzoeken} all {alle} turnaround {doorlooptijd} decisions {beslissingen} median_hours {mediaan uren} slowest_hours {langzaamst uren} denials {weigeringen} reason {reden} expiries {verlopen verzoeken} unanswered_asks {onbeantwoorde vragen} communications {communicatie} amendments {wijzigingen} meetings {overleg} recorded {vastgelegd} date {datum} evaluations {evaluaties} due {gepland} next {volgende} other {{word}}}",
  },

  // The report as a chart (SVG)
  "steering.chart.heading": { en: "CIIC steering group report (covenant Art 9)", nl: "Rapportage stuurgroep CIIC (convenant art. 9)" },
  "steering.chart.period": { en: "Period {period}", nl: "Periode {period}" },
  "steering.chart.counts_only": {
    en: "Counts per party only; no indicator values and no free text (Art 7.2).",
    nl: "Alleen aantallen per partij; geen indicatorwaarden en geen vrije tekst (art. 7.2).",
  },
  "steering.chart.items_title": { en: "Items supplied per party", nl: "Geleverde gegevens per partij" },
  "steering.chart.items_axis": { en: "Items supplied in the period", nl: "Geleverde gegevens in de periode" },
  "steering.chart.party_axis": { en: "Party", nl: "Partij" },
  "steering.chart.no_items": { en: "No items in this period.", nl: "Geen gegevens in deze periode." },
  "steering.chart.requests_title": {
    en: "Disclosure requests made in the period, by outcome as it stands now",
    nl: "Verzoeken om verstrekking uit de periode, naar uitkomst zoals die nu is",
  },
  "steering.chart.requests_axis": { en: "Disclosure requests", nl: "Verzoeken om verstrekking" },
  "steering.chart.outcome_axis": { en: "Outcome", nl: "Uitkomst" },
  "steering.chart.no_requests": { en: "No disclosure requests in this period.", nl: "Geen verzoeken om verstrekking in deze periode." },
  "steering.chart.title": { en: "CIIC steering group report {period}", nl: "Rapportage stuurgroep CIIC {period}" },
  "steering.chart.description": {
    en: "Items supplied per party and disclosure requests by outcome, {period}.",
    nl: "Geleverde gegevens per partij en verzoeken om verstrekking naar uitkomst, {period}.",
  },
});
