import { catalogue } from "./entry.js";

/**
 * The local workspace's own words: its page around the messages (workspace.html and
 * workspace.js fill them in from /api/people), the HTML it renders messages and forms with, and
 * its refusals of requests it will not carry out.
 */
export const workspaceTexts = catalogue({
  // The page (workspace.html holds the English as the no-script fallback)
  "workspace.page.title": { en: "CIIC bot — local workspace", nl: "CIIC-bot — lokale werkplek" },
  "workspace.page.title_of": { en: "{name} · CIIC local workspace", nl: "{name} · lokale werkplek van de CIIC-bot" },
  "workspace.page.subtitle": { en: "local workspace", nl: "lokale werkplek" },
  "workspace.page.scope": {
    en: "On this machine only, for trying the bot and for training — not for production. There is no login: anyone using this machine can act as any member of the directory.",
    nl: "Alleen op deze computer, om de bot uit te proberen en voor training — niet voor productie. Er is geen aanmelding: wie deze computer gebruikt, kan optreden als elk lid uit het adresboek.",
  },
  "workspace.page.real_directory": {
    en: "<b>No login, on the cell's own directory.</b> The operator started this workspace with <code>CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY</code>: anyone using this machine can act as any member of the directory in force, approvals included. Use it for training on this machine only; the cell works in Slack or Mattermost.",
    nl: "<b>Geen aanmelding, op het eigen adresboek van de cel.</b> De beheerder heeft deze werkplek gestart met <code>CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY</code>: wie deze computer gebruikt, kan optreden als elk lid uit het geldende adresboek, ook bij het geven van toestemming. Gebruik haar alleen voor training op deze computer; de cel werkt in Slack of Mattermost.",
  },
  "workspace.page.demo": {
    en: "<b>Demo directory.</b> Every member and recipient here is made up (their names start with “Demo —”), and nothing entered is real. The cell itself works in Slack or Mattermost; to train here on its own directory, see the README (“The local workspace”).",
    nl: "<b>Demo-adresboek.</b> Alle leden en ontvangers hier zijn verzonnen (hun namen beginnen met “Demo —”), en niets wat u invoert is echt. De cel zelf werkt in Slack of Mattermost; om hier met haar eigen adresboek te trainen, zie de README (“The local workspace”).",
  },
  "workspace.page.who": { en: "Who you are", nl: "Wie u bent" },
  "workspace.page.you_are": { en: "You are", nl: "U bent" },
  "workspace.page.choose_who": { en: "— choose who you are —", nl: "— kies wie u bent —" },
  "workspace.page.commands": { en: "Your commands", nl: "Uw opdrachten" },
  "workspace.page.commands_note": { en: "— answers are shown to you only, as in Slack", nl: "— alleen u ziet de antwoorden, zoals in Slack" },
  "workspace.page.send": { en: "Send", nl: "Versturen" },
  "workspace.page.shortcuts": { en: "Shortcuts", nl: "Snelkoppelingen" },
  "workspace.page.as_form": { en: "{name} (form)", nl: "{name} (formulier)" },
  "workspace.page.as_button": { en: "{name} (button)", nl: "{name} (knop)" },
  "workspace.page.import_title": { en: "Import a file", nl: "Een bestand importeren" },
  "workspace.page.import_file": { en: "STIX 2.1, MISP or CSV file", nl: "STIX 2.1-, MISP- of CSV-bestand" },
  "workspace.page.import_options": { en: "Options", nl: "Opties" },
  "workspace.page.import": { en: "Import", nl: "Importeren" },
  "workspace.page.importing": { en: "Importing…", nl: "Bezig met importeren…" },
  "workspace.page.choose_file": { en: "Choose a file first.", nl: "Kies eerst een bestand." },
  "workspace.page.messages": { en: "Messages", nl: "Berichten" },
  "workspace.page.messages_of_member": { en: "Direct messages of {name}", nl: "Directe berichten van {name}" },
  "workspace.page.messages_of_channel": { en: "Channel of {name}", nl: "Kanaal van {name}" },
  "workspace.page.inbox_note": {
    en: "Direct messages from the bot, or what a recipient's channel received.",
    nl: "Directe berichten van de bot, of wat het kanaal van een ontvanger heeft ontvangen.",
  },
  "workspace.page.inbox_note_member": {
    en: "Newest first: consent questions, reminders and outcomes the bot sent you.",
    nl: "Nieuwste eerst: vragen om toestemming, herinneringen en uitkomsten die de bot u stuurde.",
  },
  "workspace.page.inbox_note_channel": { en: "Newest first: the disclosures released to this recipient.", nl: "Nieuwste eerst: de verstrekkingen aan deze ontvanger." },
  "workspace.page.recipient_note": {
    en: "A recipient only receives what is released to it; it gives no commands.",
    nl: "Een ontvanger ontvangt alleen wat aan haar wordt verstrekt; zij geeft geen opdrachten.",
  },
  "workspace.page.choose_first": { en: "Choose who you are.", nl: "Kies wie u bent." },
  "workspace.page.loading": { en: "Loading…", nl: "Laden…" },
  "workspace.page.no_local_members": {
    en: "No member of the directory in force has a local: account. Add <code>local: '<'name></code> to members in the directory file and load it again.",
    nl: "Geen lid van het geldende adresboek heeft een local:-account. Voeg <code>local: '<'naam></code> toe aan de leden in het bestand van het adresboek en laad het opnieuw.",
  },
  "workspace.page.http_status": { en: "The workspace answered HTTP {status}.", nl: "De werkplek antwoordde met HTTP {status}." },

  // Whom one can be (the "You are" list)
  "workspace.people.members": { en: "Members of the cell", nl: "Leden van de cel" },
  "workspace.people.recipients": { en: "Recipients (their channel)", nl: "Ontvangers (hun kanaal)" },
  "workspace.people.recipient": { en: "{name} — recipient channel", nl: "{name} — kanaal van de ontvanger" },

  // Messages and forms as HTML
  "workspace.notice.error": { en: "Refused", nl: "Geweigerd" },
  "workspace.notice.warning": { en: "Warning", nl: "Waarschuwing" },
  "workspace.notice.info": { en: "Note", nl: "Opmerking" },
  "workspace.list_more": {
    en: "{count, plural, other {…and # more not shown}}",
    nl: "{count, plural, one {…en nog # die niet wordt getoond} other {…en nog # die niet worden getoond}}",
  },
  "workspace.optional": { en: "(optional)", nl: "(optioneel)" },
  "workspace.form.none": { en: "— none —", nl: "— geen —" },
  "workspace.form.choose": { en: "— choose —", nl: "— kies —" },
  "workspace.form.cancel": { en: "Cancel", nl: "Annuleren" },
  "workspace.inbox.empty": { en: "No messages yet.", nl: "Nog geen berichten." },
  "workspace.inbox.updated": { en: "updated {time}", nl: "bijgewerkt {time}" },
  "workspace.inbox.file": { en: "File", nl: "Bestand" },
  "workspace.inbox.size": { en: "{bytes, plural, one {# byte} other {# bytes}}", nl: "{bytes, plural, one {# byte} other {# bytes}}" },

  // What a submitted form must hold, as Slack's modals check it
  "workspace.form.required": { en: "“{label}” must be filled in.", nl: "“{label}” moet worden ingevuld." },
  "workspace.form.not_listed": { en: "“{label}”: choose one of the listed options.", nl: "“{label}”: kies een van de genoemde mogelijkheden." },
  "workspace.form.too_long": { en: "“{label}” takes at most {max, number} characters.", nl: "“{label}” mag hoogstens {max, number} tekens bevatten." },

  // Refusals of requests: nothing was done
  "workspace.refused.not_json": { en: "Send the request as application/json; nothing was done.", nl: "Stuur dit als application/json; er is niets gedaan." },
  "workspace.refused.not_a_file": { en: "Send the file as application/octet-stream; nothing was done.", nl: "Stuur het bestand als application/octet-stream; er is niets gedaan." },
  "workspace.refused.too_large": {
    en: "The request is larger than 1 MB, so nothing was done. Send large sets of indicators as a file (Import a file).",
    nl: "Dit is groter dan 1 MB, dus er is niets gedaan. Stuur grote aantallen indicatoren als bestand (Een bestand importeren).",
  },
  "workspace.refused.bad_json": { en: "The request is not valid JSON; nothing was done.", nl: "Dit is geen geldige JSON; er is niets gedaan." },
  "workspace.refused.not_object": { en: "The request must be a JSON object; nothing was done.", nl: "Dit moet een JSON-object zijn; er is niets gedaan." },
  "workspace.refused.method": { en: "{method} is not used at {path}.", nl: "{method} wordt bij {path} niet gebruikt." },
  "workspace.refused.not_found": { en: "There is nothing here; the workspace is at /.", nl: "Hier is niets; de werkplek staat op /." },
  "workspace.refused.database": {
    en: "Nothing was done: the cell's database did not answer in time. Please try again in a moment.",
    nl: "Er is niets gedaan: de database van de cel antwoordde niet op tijd. Probeer het over een ogenblik opnieuw.",
  },
  "workspace.refused.form_database": {
    en: "Nothing was recorded: the cell's database did not answer in time. Please submit the form again in a moment.",
    nl: "Er is niets vastgelegd: de database van de cel antwoordde niet op tijd. Verstuur het formulier over een ogenblik nog eens.",
  },
  "workspace.refused.closed": {
    en: "The local workspace is closed: the cell's own directory was loaded while it ran, and this workspace has no login, so it serves only the built-in demo directory. Nothing was done. The operator can restart the bot with CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY=1 to train here on the real directory (README, “The local workspace”).",
    nl: "De lokale werkplek is gesloten: terwijl zij draaide is het eigen adresboek van de cel geladen, en deze werkplek heeft geen aanmelding, dus zij dient alleen het ingebouwde demo-adresboek. Er is niets gedaan. De beheerder kan de bot opnieuw starten met CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY=1 om hier met het echte adresboek te trainen (README, “The local workspace”).",
  },
  "workspace.refused.choose_who": {
    en: "Choose who you are first: no local account id of the directory was sent.",
    nl: "Kies eerst wie u bent: er is geen lokaal account uit het adresboek meegestuurd.",
  },
  "workspace.refused.no_key": {
    en: "The request carries no valid key (8–80 letters, digits or dashes); reload the page.",
    nl: "Er is geen geldige sleutel meegestuurd (8–80 letters, cijfers of streepjes); laad de pagina opnieuw.",
  },
  "workspace.refused.no_text": { en: "The command text is missing.", nl: "De tekst van de opdracht ontbreekt." },
  "workspace.refused.only_ciic": {
    en: "Only /ciic commands are known here; type <code>/ciic help</code> to see yours.",
    nl: "Hier zijn alleen /ciic-opdrachten bekend; typ <code>/ciic help</code> om de uwe te zien.",
  },
  "workspace.refused.not_a_form": {
    en: "This is not a form of the bot; open it again from a command or a button.",
    nl: "Dit is geen formulier van de bot; open het opnieuw via een opdracht of een knop.",
  },
  "workspace.refused.button_unreadable": { en: "This button could not be read; reload your messages.", nl: "Deze knop kon niet worden gelezen; laad uw berichten opnieuw." },
  "workspace.refused.one_destination": { en: "Name one person (?user=) or one channel (?channel=).", nl: "Noem één persoon (?user=) of één kanaal (?channel=)." },
  "workspace.refused.bad_id": {
    en: "That is not a local account id: letters, digits and . _ : - only, at most 64.",
    nl: "Dat is geen lokaal account: alleen letters, cijfers en . _ : -, hoogstens 64.",
  },
  "workspace.refused.no_member": {
    en: "No member of the directory in force has the local account “{id}”.",
    nl: "Geen lid van het geldende adresboek heeft het lokale account “{id}”.",
  },
  "workspace.refused.no_channel": {
    en: "No recipient in the directory in force has the local channel “{id}”.",
    nl: "Geen ontvanger in het geldende adresboek heeft het lokale kanaal “{id}”.",
  },
  "workspace.refused.no_file": { en: "No such file was delivered here.", nl: "Een dergelijk bestand is hier niet afgeleverd." },

  // Importing a file from the page
  "workspace.import.choose_file": {
    en: "Choose the STIX, MISP or CSV file under “Import a file”, then press Import. Its options (format:, tlp:, column:) are taken from what you typed.",
    nl: "Kies het STIX-, MISP- of CSV-bestand onder “Een bestand importeren” en druk dan op Importeren. De opties (format:, tlp:, column:) worden overgenomen uit wat u typte.",
  },
  "workspace.import.options": {
    en: "Nothing was imported: the options are <code>format:stix|misp|csv</code>, <code>tlp:'<'label></code> and <code>column:'<'name></code>.",
    nl: "Er is niets geïmporteerd: de opties zijn <code>format:stix|misp|csv</code>, <code>tlp:'<'label></code> en <code>column:'<'naam></code>.",
  },
});
