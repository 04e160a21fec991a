import { catalogue } from "./entry.js";

/**
 * Consultation of the OM (Art 4.5: the OM names staff "voor het overleg, bedoeld in artikel 93,
 * tweede lid, van de Wiv 2017"): a question from the cell's analysts to the OM's staff, tracked
 * from asking to closing. Dutch: overleg, medewerkers van het OM, de cel, analist.
 */
export const consultationTexts = catalogue({
  "consultation.not_analyst": {
    en: "Only the cell's analysts ask the OM for consultation (Art 4.5).",
    nl: "Alleen de analisten van de cel vragen het OM om overleg (art. 4.5).",
  },
  // The texts people write, as the Art 7.2 guard names them
  "consultation.what.question": { en: "the question", nl: "de vraag" },
  "consultation.what.text": { en: "the text", nl: "de tekst" },
  // Opening one: problems joined into one refusal
  "consultation.open.question_missing": {
    en: "put the question after `question:`, e.g. `/ciic consult I-42 question: may we warn the owner before a seizure?`",
    nl: "zet de vraag na `question:`, bijvoorbeeld `/ciic consult I-42 question: mogen we de eigenaar waarschuwen vóór een inbeslagneming?`",
  },
  "consultation.open.question_long": { en: "keep the question under {max} characters", nl: "houd de vraag onder {max} tekens" },
  "consultation.open.no_analysis": { en: "there is no analysis {analysis}", nl: "er is geen analyse {analysis}" },
  "consultation.open.guarded": {
    en: "{problem} — refer to it by what you ask, or ask for its disclosure to the OM first",
    nl: "{problem} — verwijs ernaar met wat u vraagt, of vraag eerst om verstrekking ervan aan het OM",
  },
  "consultation.open.no_contacts": {
    en: "the directory names no screened OM liaison or deputy to consult (Art 4.5); ask the cell's administrator",
    nl: "het adresboek noemt geen gescreende liaison of plaatsvervanger van het OM voor overleg (art. 4.5); vraag het de beheerder van de cel",
  },
  "consultation.open.refused": { en: "No consultation was opened: {problems}.", nl: "Er is geen overleg geopend: {problems}." },
  "consultation.open.summary": { en: "{id} is open; the OM's staff are asked.", nl: "{id} is geopend; de medewerkers van het OM zijn gevraagd." },
  "consultation.open.done": {
    en: "<b>{id}</b> is open: {names} of the OM {count, plural, one {is} other {are}} asked (Art 4.5). You are told when they answer.",
    nl: "<b>{id}</b> is geopend: {names} van het OM {count, plural, one {is} other {zijn}} gevraagd (art. 4.5). U hoort het wanneer er een antwoord is.",
  },
  "consultation.open.refs": {
    en: "On record as concerning {refs}; the OM is not shown these.",
    nl: "Vastgelegd als betreffende {refs}; het OM krijgt die niet te zien.",
  },

  // What the OM's staff are sent: the question and who asks, never the cell's records
  "consultation.ping.summary": { en: "Consultation {id} from the CIIC: {question}", nl: "Overleg {id} vanuit de CIIC: {question}" },
  "consultation.ping.heading": { en: "Consultation {id} from the CIIC (Art 4.5)", nl: "Overleg {id} vanuit de CIIC (art. 4.5)" },
  "consultation.ping.asks": { en: "{name}, of the cell, asks:", nl: "{name}, van de cel, vraagt:" },
  "consultation.ping.how": {
    en: "Answer with <code>/ciic consult {id} answer: '<'your answer'>'</code>; close it with <code>/ciic consult {id} close</code>.",
    nl: "Antwoord met <code>/ciic consult {id} answer: '<'uw antwoord'>'</code>; sluit het overleg met <code>/ciic consult {id} close</code>.",
  },

  // Finding one
  "consultation.not_found": {
    en: "There is no consultation `{ref}` for you; `/ciic consult` lists the open ones.",
    nl: "Er is geen overleg `{ref}` voor u; `/ciic consult` toont de overleggen die open zijn.",
  },

  // Answering
  "consultation.answer.not_yours": { en: "Only the asker and the OM's staff write in {id}.", nl: "Alleen de vrager en de medewerkers van het OM schrijven in {id}." },
  "consultation.answer.closed": { en: "{id} was closed on {time}; open a new one if needed.", nl: "{id} is gesloten op {time}; open zo nodig een nieuw overleg." },
  "consultation.answer.invalid": {
    en: "Nothing was added: write your answer after `answer:` (at most {max} characters).",
    nl: "Er is niets toegevoegd: schrijf uw antwoord na `answer:` (ten hoogste {max} tekens).",
  },
  "consultation.answer.guarded": { en: "Nothing was added: {problem}.", nl: "Er is niets toegevoegd: {problem}." },
  "consultation.answer.closed_meanwhile": { en: "{id} was closed meanwhile; nothing was added.", nl: "{id} is intussen gesloten; er is niets toegevoegd." },
  "consultation.answer.summary": { en: "{name} wrote in consultation {id}.", nl: "{name} heeft geschreven in overleg {id}." },
  "consultation.answer.heading": {
    en: "Consultation {id}: {from, select, om {the OM answers} other {the cell adds}}",
    nl: "Overleg {id}: {from, select, om {het OM antwoordt} other {de cel vult aan}}",
  },
  "consultation.answer.writer": { en: "{name}:", nl: "{name}:" },
  "consultation.answer.added_summary": { en: "Added to {id}.", nl: "Toegevoegd aan {id}." },
  "consultation.answer.added": {
    en: "{count, plural, =0 {Added to {id}; there is nobody to tell.} one {Added to {id}; {names} is told.} other {Added to {id}; {names} are told.}}",
    nl: "{count, plural, =0 {Toegevoegd aan {id}; er is niemand om het te laten weten.} one {Toegevoegd aan {id}; {names} is op de hoogte gebracht.} other {Toegevoegd aan {id}; {names} zijn op de hoogte gebracht.}}",
  },

  // Closing
  "consultation.close.not_yours": { en: "Only the asker and the OM's staff close {id}.", nl: "Alleen de vrager en de medewerkers van het OM sluiten {id}." },
  "consultation.close.already": { en: "{id} is already closed.", nl: "{id} is al gesloten." },
  "consultation.close.told_summary": { en: "Consultation {id} was closed by {name}.", nl: "Overleg {id} is gesloten door {name}." },
  "consultation.close.told": { en: "Consultation {id} was closed by {name} on {time}.", nl: "Overleg {id} is op {time} gesloten door {name}." },
  "consultation.close.done_summary": { en: "{id} is closed.", nl: "{id} is gesloten." },
  "consultation.close.done": { en: "{id} is closed; the others in it are told.", nl: "{id} is gesloten; de anderen in dit overleg zijn op de hoogte gebracht." },

  // Showing one, and the open ones
  "consultation.show.heading": {
    en: "Consultation {id} — {state, select, OPEN {open} other {closed {time}}}",
    nl: "Overleg {id} — {state, select, OPEN {open} other {gesloten {time}}}",
  },
  "consultation.show.asked": { en: "{name} asked on {time}: {question}", nl: "{name} vroeg op {time}: {question}" },
  "consultation.show.concerns": { en: "Concerns {refs}.", nl: "Betreft {refs}." },
  "consultation.show.note": { en: "<b>{name}</b> ({time}): {text}", nl: "<b>{name}</b> ({time}): {text}" },
  "consultation.show.summary": {
    en: "Consultation {id}: {count, plural, one {# answer} other {# answers}}.",
    nl: "Overleg {id}: {count, plural, one {# antwoord} other {# antwoorden}}.",
  },
  "consultation.list.not_allowed": {
    en: "Consultations with the OM are for the cell's analysts and the OM's staff (Art 4.5).",
    nl: "Overleg met het OM is voor de analisten van de cel en de medewerkers van het OM (art. 4.5).",
  },
  "consultation.list.none_summary": { en: "No consultation with the OM is open.", nl: "Er is geen overleg met het OM open." },
  "consultation.list.none": {
    en: "No consultation with the OM is open. Ask one with `/ciic consult '<'item ids'>' question: '<'what you ask'>'`.",
    nl: "Er is geen overleg met het OM open. Vraag het aan met `/ciic consult '<'gegevens'>' question: '<'uw vraag'>'`.",
  },
  "consultation.list.summary": {
    en: "{count, plural, one {# consultation} other {# consultations}} with the OM open.",
    nl: "{count, plural, one {# overleg} other {# overleggen}} met het OM open.",
  },
  "consultation.list.heading": { en: "Open consultations with the OM (Art 4.5)", nl: "Open overleg met het OM (art. 4.5)" },
  "consultation.list.line": {
    en: "<b>{id}</b> {name}, {time}: {question} — {count, plural, one {# answer} other {# answers}}",
    nl: "<b>{id}</b> {name}, {time}: {question} — {count, plural, one {# antwoord} other {# antwoorden}}",
  },
});
