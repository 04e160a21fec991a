import { catalogue } from "./entry.js";

/**
 * What the chat adapters say themselves, around the core's answers: a request the core did not
 * carry out in time or at all, "Working on it…", forms that could not open, buttons that could
 * not be read, file imports.
 */
export const adaptersTexts = catalogue({
  "adapters.reference": { en: "(Reference for the cell's administrator: {ref}.)", nl: "(Kenmerk voor de beheerder van de cel: {ref}.)" },
  "adapters.uncertain": {
    en: "{attempt, select, click {Not decided, as far as the bot knows: the cell's database did not answer in time. Please click the button again in a moment; if your click was recorded after all, that is what you will be told.} form {Not recorded, as far as the bot knows: the cell's database did not answer in time. Please submit the form again in a moment; if it was recorded after all, you will be shown its answer.} other {Perhaps not carried out: the cell's database did not answer in time. Check what was recorded (/ciic requests, /ciic lookup) before you type the command again.}} {reference}",
    nl: "{attempt, select, click {Niet besloten, voor zover de bot weet: de database van de cel antwoordde niet op tijd. Klik over een ogenblik nog eens op de knop; is uw klik toch vastgelegd, dan krijgt u dat te horen.} form {Niet vastgelegd, voor zover de bot weet: de database van de cel antwoordde niet op tijd. Verstuur het formulier over een ogenblik nog eens; is het toch vastgelegd, dan ziet u het antwoord.} other {Misschien niet uitgevoerd: de database van de cel antwoordde niet op tijd. Kijk wat er is vastgelegd (/ciic requests, /ciic lookup) voordat u de opdracht opnieuw typt.}} {reference}",
  },
  "adapters.failed": {
    en: "{attempt, select, click {Nothing was decided} form {Nothing was recorded} other {Nothing was changed}}: something went wrong on our side. Please {attempt, select, click {click the button again} form {submit the form again} other {type the command again}}; if it keeps failing, give the cell's administrator this reference: {ref}.",
    nl: "{attempt, select, click {Er is niets besloten} form {Er is niets vastgelegd} other {Er is niets gewijzigd}}: er ging aan onze kant iets mis. {attempt, select, click {Klik nog eens op de knop} form {Verstuur het formulier nog eens} other {Typ de opdracht nog eens}}; blijft het misgaan, geef de beheerder van de cel dan dit kenmerk: {ref}.",
  },
  "adapters.unavailable": {
    en: "{attempt, select, click {Nothing was decided} form {Nothing was recorded} other {Nothing was changed}}: the cell's database did not answer in time. Please {attempt, select, click {click the button again} form {submit the form again} other {type the command again}} in a moment. {reference}",
    nl: "{attempt, select, click {Er is niets besloten} form {Er is niets vastgelegd} other {Er is niets gewijzigd}}: de database van de cel antwoordde niet op tijd. {attempt, select, click {Klik over een ogenblik nog eens op de knop.} form {Verstuur het formulier over een ogenblik nog eens.} other {Typ de opdracht over een ogenblik nog eens.}} {reference}",
  },
  "adapters.disk_full": {
    en: "{attempt, select, click {Nothing was decided} form {Nothing was recorded} other {Nothing was changed}}: the cell's database has no room left to write (its disk is full). Please {attempt, select, click {click the button again} form {submit the form again} other {type the command again}} once the cell's administrator has made room. {reference}",
    nl: "{attempt, select, click {Er is niets besloten} form {Er is niets vastgelegd} other {Er is niets gewijzigd}}: de database van de cel heeft geen ruimte meer om te schrijven (de schijf is vol). {attempt, select, click {Klik nog eens op de knop} form {Verstuur het formulier nog eens} other {Typ de opdracht nog eens}} zodra de beheerder van de cel ruimte heeft gemaakt. {reference}",
  },
  "adapters.carried_out_after_all": {
    en: "Correction: your click was carried out after all, just after the answer above. This is its outcome:",
    nl: "Correctie: uw klik is toch uitgevoerd, vlak na het antwoord hierboven. Dit is de uitkomst:",
  },
  "adapters.open_home_again": { en: "{notice} Open the Home tab again to see what waits for you.", nl: "{notice} Open het tabblad Home opnieuw om te zien wat op u wacht." },
  "adapters.working": { en: "Working on it…", nl: "Bezig…" },
  "adapters.working_note": {
    en: "The answer takes this line's place. If none has come within a minute, the bot was interrupted: check what was recorded (/ciic requests, /ciic lookup) before you type the command again.",
    nl: "Het antwoord komt in de plaats van deze regel. Is er na een minuut geen, dan is de bot onderbroken: kijk wat er is vastgelegd (/ciic requests, /ciic lookup) voordat u de opdracht opnieuw typt.",
  },
  "adapters.not_answered_here": { en: "This could not be answered here; nothing was done.", nl: "Dit kon hier niet worden beantwoord; er is niets gedaan." },
  "adapters.form_open": { en: "The form is open.", nl: "Het formulier is geopend." },
  "adapters.form_not_opened": {
    en: "The form could not be opened. Please try again, or type the command with its arguments (see /ciic help).",
    nl: "Het formulier kon niet worden geopend. Probeer het opnieuw, of typ de opdracht met haar gegevens (zie /ciic help).",
  },
  "adapters.form_unreadable": { en: "This form could not be read; please open it again.", nl: "Dit formulier kon niet worden gelezen; open het opnieuw." },
  "adapters.form_not_answered": {
    en: "This form could not be answered here; nothing was done. Please open it again.",
    nl: "Dit formulier kon hier niet worden beantwoord; er is niets gedaan. Open het opnieuw.",
  },
  "adapters.button_unreadable": {
    en: "This button could not be read, so nothing was done. /ciic requests shows what waits for your answer.",
    nl: "Deze knop kon niet worden gelezen, dus er is niets gedaan. /ciic requests toont wat op uw antwoord wacht.",
  },
  "adapters.reason_form_not_opened": { en: "The form for your reason could not be opened. Please click Deny again.", nl: "Het formulier voor uw reden kon niet worden geopend. Klik nog eens op Weigeren." },
  "adapters.note_form_not_opened": { en: "The form for your note could not be opened. Please click the button again.", nl: "Het formulier voor uw toelichting kon niet worden geopend. Klik nog eens op de knop." },
  "adapters.import.looking": { en: "Looking for the file you shared here…", nl: "Het bestand dat u hier deelde wordt gezocht…" },
  "adapters.import.looking_dm": {
    en: "Looking for the file you posted here… The result comes as a direct message from the bot.",
    nl: "Het bestand dat u hier plaatste wordt gezocht… De uitkomst komt als direct bericht van de bot.",
  },
  "adapters.import.failed": { en: "The import failed on our side; nothing was stored. Please try again.", nl: "De import is aan onze kant misgegaan; er is niets opgeslagen. Probeer het opnieuw." },
  "adapters.import.usage": {
    en: "Nothing was imported: use <code>{usage}</code> after {where, select, slack {uploading the file here} other {posting the file in the channel}}.",
    nl: "Er is niets geïmporteerd: gebruik <code>{usage}</code> nadat u het bestand {where, select, slack {hier hebt geüpload} other {in het kanaal hebt geplaatst}}.",
  },
  "adapters.import.no_file": {
    en: "No file to import: {where, select, slack {upload the STIX, MISP or CSV file to this conversation} other {post the STIX, MISP or CSV file in this channel}} first (within the last hour), then type <code>/ciic import</code>.",
    nl: "Geen bestand om te importeren: {where, select, slack {upload eerst het STIX-, MISP- of CSV-bestand in dit gesprek} other {plaats eerst het STIX-, MISP- of CSV-bestand in dit kanaal}} (binnen het afgelopen uur) en typ dan <code>/ciic import</code>.",
  },
  "adapters.import.channel_unreadable": {
    en: "The bot cannot read the channel you typed the command in. Post the file in your direct messages with the bot (or add the bot to the channel), then type <code>/ciic import</code> there.",
    nl: "De bot kan het kanaal waarin u de opdracht typte niet lezen. Plaats het bestand in uw directe berichten met de bot (of voeg de bot toe aan het kanaal) en typ daar <code>/ciic import</code>.",
  },
  "adapters.import.several_files": {
    en: "Nothing was imported: your last post carries {count} files. Post the one to import on its own, then type <code>/ciic import</code>.",
    nl: "Er is niets geïmporteerd: uw laatste bericht bevat {count} bestanden. Plaats het bestand dat u wilt importeren apart en typ dan <code>/ciic import</code>.",
  },
  "adapters.import.too_large": {
    en: "Nothing was imported: {file} is larger than {mb} MB. Import it with <code>ciic import</code> on the server, split into smaller files.",
    nl: "Er is niets geïmporteerd: {file} is groter dan {mb} MB. Importeer het met <code>ciic import</code> op de server, of splits het in kleinere bestanden.",
  },
  "adapters.import.format_unknown": {
    en: "Nothing was imported: cannot tell the format of {file}; say it with <code>/ciic import format:stix</code> (or misp, csv).",
    nl: "Er is niets geïmporteerd: het formaat van {file} is niet te herkennen; noem het met <code>/ciic import format:stix</code> (of misp, csv).",
  },
  "adapters.import.empty": { en: "Nothing was imported: {file} is empty.", nl: "Er is niets geïmporteerd: {file} is leeg." },
  "adapters.import.started": { en: "Importing {file}…", nl: "{file} wordt geïmporteerd…" },
  "adapters.import.progress": { en: "Importing {file}: {count} values read…", nl: "{file} wordt geïmporteerd: {count} waarden gelezen…" },
  "adapters.long_answer": { en: "The answer is long: it is in your direct messages with the bot.", nl: "Het antwoord is lang: het staat in uw directe berichten met de bot." },
  "adapters.button_unknown": { en: "This button is not one the bot knows; nothing was done.", nl: "Deze knop kent de bot niet; er is niets gedaan." },
  "adapters.button_not_here": { en: "This button cannot be used here; nothing was done.", nl: "Deze knop kan hier niet worden gebruikt; er is niets gedaan." },
  "adapters.form_stale": { en: "This form was opened more than a day ago. Close it and open it again.", nl: "Dit formulier is meer dan een dag geleden geopend. Sluit het en open het opnieuw." },
  "adapters.form_button_again": { en: "The form could not be opened. Please click the button again.", nl: "Het formulier kon niet worden geopend. Klik nog eens op de knop." },
  "adapters.answer_not_shown": {
    en: "Your submission was recorded, but its answer could not be shown. Submit once more to see it (nothing is recorded twice).",
    nl: "Uw inzending is vastgelegd, maar het antwoord kon niet worden getoond. Verstuur nog eens om het te zien (niets wordt twee keer vastgelegd).",
  },
});
