import { catalogue } from "./entry.js";

/**
 * The commands and what a member meets when typing them: `/ciic help` (generated from the access
 * table, access/commands.ts), the access policy's refusals (Art 4.1, 4.6, 5.1, 14), the command
 * service's answers, submitting, looking up and correcting indicators (Art 5, 6.1). Option words
 * (`tlp:`, `to`, `purpose` …) stay as the bot reads them in both languages.
 */
export const commandsTexts = catalogue({
  // The access table: usage and summary of each command, for `/ciic help`
  "commands.usage.help": { en: "/ciic help", nl: "/ciic help" },
  "commands.summary.help": { en: "What you can do here, given your roles.", nl: "Wat u hier kunt doen, gegeven uw rollen." },
  "commands.usage.submit": {
    en: `/ciic submit '<'indicators…> [tlp:amber] [rel:B2] [src:'<'reference>] [basis:"'<'legal basis>"] [note: '<'text>]`,
    nl: `/ciic submit '<'indicatoren…> [tlp:amber] [rel:B2] [src:'<'bronverwijzing>] [basis:"'<'wettelijke grondslag>"] [note: '<'tekst>]`,
  },
  "commands.summary.submit": {
    en: "Supply indicators to the cell (IPs, CIDR ranges, domains, URLs, e-mail addresses, MD5/SHA-1/SHA-256 hashes, CVE ids; defanged forms are fine). Without indicators it opens a form.",
    nl: "Lever indicatoren aan de cel (IP-adressen, CIDR-reeksen, domeinen, URL’s, e-mailadressen, MD5/SHA-1/SHA-256-hashes, CVE-id’s; onschadelijk gemaakte vormen mogen ook). Zonder indicatoren opent het commando een formulier.",
  },
  "commands.usage.import": { en: "/ciic import [format:stix|misp|csv] [tlp:…] [column:'<'name>]", nl: "/ciic import [format:stix|misp|csv] [tlp:…] [column:'<'naam>]" },
  "commands.summary.import": {
    en: "Import the STIX 2.1 bundle, MISP event or CSV feed you just uploaded to this conversation (large files: `ciic import` on the server).",
    nl: "Importeer de STIX 2.1-bundel, het MISP-event of de CSV-feed die u zojuist in dit gesprek hebt geüpload (grote bestanden: `ciic import` op de server).",
  },
  "commands.usage.export": { en: "/ciic export [format:stix|misp|csv]", nl: "/ciic export [format:stix|misp|csv]" },
  "commands.summary.export": {
    en: "What your party supplied, the current version of each item, as a STIX 2.1 bundle (the default), MISP event or CSV file in your direct messages (large exports: `ciic export` on the server).",
    nl: "Wat uw partij heeft geleverd, de huidige versie van elk gegeven, als STIX 2.1-bundel (standaard), MISP-event of CSV-bestand in uw directe berichten (grote exports: `ciic export` op de server).",
  },
  "commands.usage.correct": {
    en: `/ciic correct '<'item id> [value:'<'new value>] [tlp:…] [rel:…] [src:…] [basis:"…"] [note: '<'text>]`,
    nl: `/ciic correct '<'gegevens-id> [value:'<'nieuwe waarde>] [tlp:…] [rel:…] [src:…] [basis:"…"] [note: '<'tekst>]`,
  },
  "commands.summary.correct": {
    en: "Record a corrected version of an item your party supplied; the old version stays on record.",
    nl: "Leg een gecorrigeerde versie vast van een gegeven dat uw partij heeft geleverd; de oude versie blijft vastgelegd.",
  },
  "commands.usage.lookup": { en: "/ciic lookup '<'value or item id>", nl: "/ciic lookup '<'waarde of gegevens-id>" },
  "commands.summary.lookup": {
    en: "Every record of an indicator in the cell: which parties supplied it, when, with which labels.",
    nl: "Elke vastlegging van een indicator in de cel: welke partijen hem hebben geleverd, wanneer en met welke labels.",
  },
  "commands.usage.analysis": { en: `/ciic analysis title:"'<'title>" '<'item ids or values…> text: '<'the analysis>`, nl: `/ciic analysis title:"'<'titel>" '<'gegevens-id’s of waarden…> text: '<'de analyse>` },
  "commands.summary.analysis": {
    en: "Record an analysis that cites the items it builds on. Without arguments it opens a form.",
    nl: "Leg een analyse vast met de gegevens waarop zij steunt. Zonder verdere tekst opent het commando een formulier.",
  },
  "commands.usage.disclose": {
    en: `/ciic disclose '<'item ids, values or an analysis id…> to '<'recipient> purpose '<'why> [basis:"…"] [conditions:"…"] [tlp:…] [deadline:YYYY-MM-DD]`,
    nl: `/ciic disclose '<'gegevens-id’s, waarden of een analyse-id…> to '<'ontvanger> purpose '<'doel> [basis:"…"] [conditions:"…"] [tlp:…] [deadline:JJJJ-MM-DD]`,
  },
  "commands.summary.disclose": {
    en: "Ask to disclose to a recipient outside the cell; each originating party's liaison is asked for consent. Without arguments it opens a form.",
    nl: "Vraag om verstrekking aan een ontvanger buiten de cel; de liaison van elke partij waarvan de gegevens afkomstig zijn, wordt om toestemming gevraagd. Zonder verdere tekst opent het commando een formulier.",
  },
  "commands.usage.requests": { en: "/ciic requests [request id]", nl: "/ciic requests [verzoek-id]" },
  "commands.summary.requests": {
    en: "What waits for you: your party's consent questions, or your own requests and where each stands; with an id, that request in full.",
    nl: "Wat op u wacht: de vragen om toestemming aan uw partij, of uw eigen verzoeken en hoe elk ervoor staat; met een id dat verzoek volledig.",
  },
  "commands.usage.withdraw": { en: "/ciic withdraw '<'request id> ['<'reason>]", nl: "/ciic withdraw '<'verzoek-id> ['<'reden>]" },
  "commands.summary.withdraw": {
    en: "Withdraw a request of yours that is still waiting; a reason after the id is kept in the audit log and shown to nobody.",
    nl: "Trek een eigen verzoek in dat nog wacht; een reden na het id wordt in het auditlog bewaard en aan niemand getoond.",
  },
  "commands.usage.revoke": { en: "/ciic revoke '<'request id> ['<'reason>]", nl: "/ciic revoke '<'verzoek-id> ['<'reden>]" },
  "commands.summary.revoke": {
    en: "Take back your party's consent to a request that has not been released yet.",
    nl: "Trek de toestemming van uw partij in voor een verzoek dat nog niet is verstrekt.",
  },
  "commands.usage.decide": { en: "Approve / Deny buttons", nl: "Knoppen Toestemming geven / Weigeren" },
  "commands.summary.decide": {
    en: "Decide on your party's consent with the buttons of a consent question (Deny asks for a reason).",
    nl: "Beslis over de toestemming van uw partij met de knoppen van een vraag om toestemming (bij Weigeren wordt om een reden gevraagd).",
  },
  "commands.usage.review": { en: "/ciic review ['<'review id>] [keep|let-go] [item ids…] [reason: '<'why>]", nl: "/ciic review ['<'beoordeling-id>] [keep|let-go] [gegevens-id’s…] [reason: '<'waarom>]" },
  "commands.summary.review": {
    en: "Answer a retention review of your party's items: keep them for another period, or let them go (their values are removed). Without item ids, every item still open; without keep or let-go, the question with its buttons.",
    nl: "Beantwoord een bewaartermijnbeoordeling van de gegevens van uw partij: bewaar ze nog een termijn, of laat ze los (hun waarden worden verwijderd). Zonder gegevens-id’s geldt het voor elk gegeven dat nog openstaat; zonder keep of let-go krijgt u de vraag met haar knoppen.",
  },
  "commands.usage.consult": {
    en: "/ciic consult ['<'item ids…>] question: '<'what you ask> | consult C-'<'n> [answer: '<'text> | close]",
    nl: "/ciic consult ['<'gegevens-id’s…>] question: '<'uw vraag> | consult C-'<'n> [answer: '<'tekst> | close]",
  },
  "commands.summary.consult": {
    en: "Ask the OM's designated staff for consultation and follow it until closed; without arguments, the open consultations.",
    nl: "Raadpleeg de aangewezen medewerkers van het OM en volg de raadpleging tot zij gesloten is; zonder verdere tekst de open raadplegingen.",
  },
  "commands.usage.covenant": { en: "/ciic covenant", nl: "/ciic covenant" },
  "commands.summary.covenant": { en: "The covenant's dates and any party's notice of withdrawal.", nl: "De data van het convenant en een eventuele opzegging door een partij." },
  "commands.usage.notice": { en: "/ciic notice reason: '<'why>", nl: "/ciic notice reason: '<'waarom>" },
  "commands.summary.notice": {
    en: "Give notice that your party withdraws from the covenant; it takes effect two months later.",
    nl: "Zeg namens uw partij het convenant op; het uittreden gaat twee maanden later in.",
  },
  "commands.usage.comms": { en: "/ciic comms '<'text> · /ciic comms '<'id> · /ciic comms revise '<'id> '<'changed text>", nl: "/ciic comms '<'tekst> · /ciic comms '<'id> · /ciic comms revise '<'id> '<'gewijzigde tekst>" },
  "commands.summary.comms": {
    en: "Draft a communication to third parties about the cooperation; every party is asked to agree, and the NCTV coordinates where it concerns the Cybersecurity Agenda. With an id, where each party stands; `revise` restarts the round with a changed draft. Bare, it opens a form.",
    nl: "Stel een communicatie aan derden over de samenwerking op; elke partij wordt om instemming gevraagd, en de NCTV coördineert waar het de Cybersecurity Agenda betreft. Met een id ziet u hoe elke partij ervoor staat; `revise` begint de ronde opnieuw met een gewijzigd concept. Zonder verdere tekst opent het commando een formulier.",
  },
  "commands.usage.amend": { en: "/ciic amend '<'text> · /ciic amend '<'id>", nl: "/ciic amend '<'tekst> · /ciic amend '<'id>" },
  "commands.summary.amend": {
    en: "Propose an amendment of the covenant; it is adopted only with the consent of every party. With an id, where each party stands. Bare, it opens a form.",
    nl: "Stel een wijziging van het convenant voor; zij wordt alleen aangenomen met instemming van elke partij. Met een id ziet u hoe elke partij ervoor staat. Zonder verdere tekst opent het commando een formulier.",
  },
  "commands.usage.agree": { en: "Agree / Object buttons of a communication or amendment", nl: "Knoppen Instemmen / Bezwaar maken bij een communicatie of wijziging" },
  "commands.summary.agree": {
    en: "Answer for your party in a communication round (Art 10) or an amendment round (Art 13); the NCTV's coordinator also says whether it coordinates, and may ask for changes.",
    nl: "Antwoord namens uw partij in een communicatieronde (art. 10) of een wijzigingsronde (art. 13); de coördinator van de NCTV zegt ook of de NCTV coördineert, en kan om wijzigingen vragen.",
  },
  "commands.usage.report": { en: "/ciic report [period]", nl: "/ciic report [periode]" },
  "commands.summary.report": {
    en: "The steering group's figures for a quarter (2026-Q3), month (2026-11) or year (2026), by default the last full quarter: items per party and type, overlaps, requests and their outcome, consent turnaround, denials, expiries. Also as a CSV file in your direct messages.",
    nl: "De cijfers van de stuurgroep over een kwartaal (2026-Q3), maand (2026-11) of jaar (2026), standaard het laatste volledige kwartaal: gegevens per partij en soort, overlap, verzoeken en hun uitkomst, doorlooptijd van toestemming, weigeringen, verlopen verzoeken. Ook als CSV-bestand in uw directe berichten.",
  },
  "commands.usage.meeting": { en: "/ciic meeting '<'YYYY-MM-DD> [note]", nl: "/ciic meeting '<'JJJJ-MM-DD> [aantekening]" },
  "commands.summary.meeting": {
    en: "Record that the steering group met (at least four times a year); a quarter with a recorded meeting gets no reminder.",
    nl: "Leg vast dat de stuurgroep is bijeengekomen (ten minste vier keer per jaar); een kwartaal met een vastgelegde vergadering krijgt geen herinnering.",
  },
  "commands.usage.oversight": { en: "/ciic oversight export", nl: "/ciic oversight export" },
  "commands.summary.oversight": {
    en: "The whole record — items with every version, analyses, requests, consents, provisions, directory versions and the audit log — as a verifiable archive in your direct messages, for the oversight committee (Wiv 2017; large records: `ciic oversight export` on the server).",
    nl: "De volledige vastlegging — gegevens met elke versie, analyses, verzoeken, toestemmingen, verstrekkingen, versies van het adresboek en het auditlog — als controleerbaar archief in uw directe berichten, voor het toezicht door de CTIVD (Wiv 2017; grote vastleggingen: `ciic oversight export` op de server).",
  },

  // Roles, as help and refusals name them
  "commands.role": {
    en: "{role, select, analyst {analyst} liaison {liaison} deputy {deputy} coordinator {coordinator} steering {steering} auditor {auditor} admin {admin} other {{role}}}",
    nl: "{role, select, analyst {analist} liaison {liaison} deputy {plaatsvervanger} coordinator {coördinator} steering {stuurgroeplid} auditor {toezichthouder} admin {beheerder} other {{role}}}",
  },

  // The access policy (access/policy.ts)
  "commands.access.unknown_user": {
    en: "You are not in the CIIC directory, so the cell's commands are not available to you (covenant Art 4.1). If you were designated to the cell, ask its administrator to add your chat account.",
    nl: "U staat niet in het adresboek van het CIIC; de opdrachten van de cel zijn daarom niet voor u beschikbaar (convenant art. 4.1). Bent u voor de cel aangewezen, vraag dan de beheerder van de cel om uw chataccount toe te voegen.",
  },
  "commands.access.unknown_user_short": { en: "You are not in the CIIC directory.", nl: "U staat niet in het adresboek van het CIIC." },
  "commands.access.party_withdrawn": {
    en: "{party} withdrew from the CIIC covenant with effect from {day} (covenant Art 14), so its members no longer have access to the cell. What {party} supplied earlier stays on record.",
    nl: "{party} is met ingang van {day} uit het CIIC-convenant getreden (convenant art. 14); haar leden hebben daarom geen toegang meer tot de cel. Wat {party} eerder heeft geleverd, blijft vastgelegd.",
  },
  "commands.access.not_screened": {
    en: "No A-level security screening is recorded for you, and cell work may only start after one (covenant Art 4.6). Ask the cell's administrator to record its date in the directory.",
    nl: "Voor u is geen veiligheidsonderzoek op A-niveau vastgelegd, en werk in de cel mag pas na zo’n onderzoek beginnen (convenant art. 4.6). Vraag de beheerder van de cel om de datum ervan in het adresboek op te nemen.",
  },
  "commands.access.screening_pending": {
    en: "Your A-level security screening is recorded for {day}, which has not come yet (covenant Art 4.6). You can use the cell from that date.",
    nl: "Uw veiligheidsonderzoek op A-niveau staat vastgelegd op {day}, en die dag is nog niet aangebroken (convenant art. 4.6). Vanaf die datum kunt u de cel gebruiken.",
  },
  "commands.access.screening_expired": {
    en: "Your A-level security screening of {day} expired on {until} (valid {years, plural, one {# year} other {# years}}; covenant Art 4.6). Ask the cell's administrator to record your renewed screening.",
    nl: "Uw veiligheidsonderzoek op A-niveau van {day} is verlopen op {until} ({years, plural, one {# jaar} other {# jaar}} geldig; convenant art. 4.6). Vraag de beheerder van de cel om uw hernieuwde veiligheidsonderzoek vast te leggen.",
  },
  "commands.access.role_missing": {
    en: "`{command}` is for {roles} (covenant Art {article}); your roles are {yours}. Ask the cell's administrator if this is wrong.",
    nl: "`{command}` is voor {roles} (convenant art. {article}); uw rollen zijn {yours}. Vraag de beheerder van de cel als dit niet klopt.",
  },
  "commands.access.party_does_not_supply": {
    en: "{party} does not supply data to the cell (covenant Art 5.1), so its members cannot submit, import, correct or export indicators. To bring information to the cell, ask a liaison of one of the supplying parties.",
    nl: "{party} levert geen gegevens aan de cel (convenant art. 5.1); haar leden kunnen daarom geen indicatoren indienen, importeren, corrigeren of exporteren. Wilt u informatie in de cel brengen, vraag dan een liaison van een van de leverende partijen.",
  },

  // The command service (command-service.ts)
  "commands.directory_missing": {
    en: "The cell's directory has not been loaded yet, so nobody can be recognised. The administrator loads it with `ciic directory load '<'file>`.",
    nl: "Het adresboek van de cel is nog niet geladen; daarom kan niemand worden herkend. De beheerder laadt het met `ciic directory load '<'bestand>`.",
  },
  "commands.directory_missing_short": { en: "The cell's directory has not been loaded yet.", nl: "Het adresboek van de cel is nog niet geladen." },
  "commands.store_unconfirmed": {
    en: "The database did not confirm in time whether this was recorded. Look before you try again (`/ciic requests`, or `/ciic lookup` for items), so that nothing is done twice.",
    nl: "De database heeft niet op tijd bevestigd of dit is vastgelegd. Kijk eerst voordat u het opnieuw probeert (`/ciic requests`, of `/ciic lookup` voor gegevens), zodat niets twee keer gebeurt.",
  },
  "commands.store_unavailable": {
    en: "Nothing was changed: the database did not answer in time. Please try again in a moment.",
    nl: "Er is niets gewijzigd: de database heeft niet op tijd geantwoord. Probeer het over een ogenblik opnieuw.",
  },
  "commands.store_full": {
    en: "Nothing was changed: the cell's database has no room left to write (its disk is full). The operators' log says so; please try again once the cell's administrator has made room.",
    nl: "Er is niets gewijzigd: de database van de cel heeft geen ruimte meer om te schrijven (de schijf is vol). Het logboek van de beheerders meldt dit; probeer het opnieuw zodra de beheerder van de cel ruimte heeft gemaakt.",
  },
  "commands.no_recipients": {
    en: "The directory lists no recipients yet, so nothing can be disclosed. Ask the cell's administrator to add them (README, “Recipients”).",
    nl: "Het adresboek noemt nog geen ontvangers; er kan daarom niets worden verstrekt. Vraag de beheerder van de cel om ze toe te voegen (README, ‘Recipients’).",
  },
  "commands.unknown": {
    en: "`{word}` is not a command of this bot. Type `/ciic help` to see what you can do.",
    nl: "`{word}` is geen opdracht van deze bot. Typ `/ciic help` om te zien wat u kunt doen.",
  },
  "commands.unknown_suggest": {
    en: "`{word}` is not a command of this bot. Did you mean `/ciic {command}`? Type `/ciic help` to see what you can do.",
    nl: "`{word}` is geen opdracht van deze bot. Bedoelt u `/ciic {command}`? Typ `/ciic help` om te zien wat u kunt doen.",
  },

  // Reading a command's text (commands/)
  "commands.parse.no_closing_quote": { en: "the quoted value of `{key}:` has no closing quote", nl: "de waarde tussen aanhalingstekens van `{key}:` heeft geen sluitend aanhalingsteken" },
  "commands.parse.given_twice": { en: "`{key}:` is given twice (or under two names); give it once", nl: "`{key}:` is twee keer opgegeven (of onder twee namen); geef het één keer op" },
  "commands.parse.no_value": {
    en: "`{key}:` has no value right after it: write the value straight after the colon, in quotes if it has spaces: `{key}:\"…\"`",
    nl: "na `{key}:` staat niet direct een waarde: schrijf de waarde direct na de dubbele punt, tussen aanhalingstekens als er spaties in staan: `{key}:\"…\"`",
  },
  "commands.parse.to_whom": { en: "say to whom: `… to '<'recipient> purpose '<'why>`", nl: "zeg aan wie: `… to '<'ontvanger> purpose '<'doel>`" },

  // /ciic help (use-cases/show-help.ts)
  "commands.help.heading": { en: "CIIC bot", nl: "CIIC-bot" },
  "commands.help.you": { en: "You are {name} ({party}; {roles}). ", nl: "U bent {name} ({party}; {roles}). " },
  "commands.help.cell": {
    en: "The cell brings together what the covenant's parties know of cyber threats; nothing a party supplied leaves the cell without that party's express consent (Art 7.2).",
    nl: "De cel brengt samen wat de partijen bij het convenant weten over cyberdreigingen; niets wat een partij heeft geleverd, verlaat de cel zonder de uitdrukkelijke toestemming van die partij (art. 7.2).",
  },
  "commands.help.indicators": {
    en: "Indicators: IPv4/IPv6 addresses and CIDR ranges, domains, URLs, e-mail addresses, MD5/SHA-1/SHA-256 hashes and CVE ids. TLP 2.0 labels: CLEAR, GREEN, AMBER (default), AMBER+STRICT, RED. The options may also be named in Dutch (`notitie:`, `bron:`, `grondslag:`, `betrouwbaarheid:`, `voorwaarden:`, `termijn:`, `aan … doel …`).",
    nl: "Indicatoren: IPv4-/IPv6-adressen en CIDR-reeksen, domeinen, URL’s, e-mailadressen, MD5/SHA-1/SHA-256-hashes en CVE-id’s. TLP 2.0-labels: CLEAR, GREEN, AMBER (standaard), AMBER+STRICT, RED. De opties mogen ook Nederlandse namen hebben: `notitie:` voor `note:`, `bron:` voor `src:`, `grondslag:` voor `basis:`, `betrouwbaarheid:` voor `rel:`, `voorwaarden:` en `termijn:` voor `conditions:` en `deadline:`, en `aan … doel …` voor `to … purpose …`.",
  },
  "commands.help.summary": { en: "Commands for {name} ({party}): {commands}", nl: "Opdrachten voor {name} ({party}): {commands}" },

  // The submit form (use-cases/submit-form.ts)
  "commands.form.title": { en: "Submit indicators", nl: "Indicatoren indienen" },
  "commands.form.submit": { en: "Submit", nl: "Indienen" },
  "commands.form.indicators": { en: "Indicators", nl: "Indicatoren" },
  "commands.form.indicators_hint": {
    en: "IPs, CIDR ranges, domains, URLs, e-mail addresses, hashes, CVE ids — separated by spaces, commas or new lines. Defanged forms are fine.",
    nl: "IP-adressen, CIDR-reeksen, domeinen, URL’s, e-mailadressen, hashes, CVE-id’s — gescheiden door spaties, komma’s of nieuwe regels. Onschadelijk gemaakte vormen mogen ook.",
  },
  "commands.form.tlp": { en: "TLP 2.0 label", nl: "TLP 2.0-label" },
  "commands.form.reliability": { en: "Reliability (Admiralty code, e.g. B2)", nl: "Betrouwbaarheid (Admiralty-code, bijv. B2)" },
  "commands.form.source": { en: "Source reference", nl: "Bronverwijzing" },
  "commands.form.basis": { en: "Legal basis (empty: your party's default)", nl: "Wettelijke grondslag (leeg: die van uw partij)" },
  "commands.form.note": { en: "Note", nl: "Aantekening" },

  // /ciic submit (use-cases/submit-indicators.ts)
  "commands.submit.too_many": {
    en: "{count} values are more than the {max} one command takes; split them over several submissions",
    nl: "{count} waarden zijn meer dan de {max} die één opdracht aanneemt; verdeel ze over meer inzendingen",
  },
  "commands.submit.none_given": {
    en: "no indicators were given: paste them after `/ciic submit`, or type `/ciic submit` alone to open the form",
    nl: "er zijn geen indicatoren opgegeven: plak ze achter `/ciic submit`, of typ alleen `/ciic submit` om het formulier te openen",
  },
  "commands.submit.none_taken": { en: "none of the values is an indicator the cell takes", nl: "geen van de waarden is een indicator die de cel aanneemt" },
  "commands.submit.refused": { en: "Nothing was stored: {problems}.", nl: "Er is niets opgeslagen: {problems}." },
  "commands.submit.summary": { en: "Stored {stored}, already known {known}, refused {refused}.", nl: "Opgeslagen {stored}, al bekend {known}, geweigerd {refused}." },
  "commands.submit.heading": { en: "Submission recorded", nl: "Inzending vastgelegd" },
  "commands.submit.stored": { en: "Stored", nl: "Opgeslagen" },
  "commands.submit.known": { en: "Already known from your party", nl: "Al bekend van uw partij" },
  "commands.submit.known_note": { en: " (nothing new stored)", nl: " (niets nieuws opgeslagen)" },
  "commands.submit.refused_label": { en: "Refused", nl: "Geweigerd" },
  "commands.submit.refused_note": { en: " (not stored)", nl: " (niet opgeslagen)" },
  "commands.submit.labels": { en: "Labels", nl: "Labels" },
  "commands.submit.labels_value": {
    en: "TLP:{tlp}, reliability {reliability}, basis {basis}",
    nl: "TLP:{tlp}, betrouwbaarheid {reliability}, grondslag {basis}",
  },
  "commands.none_recorded": { en: "none recorded", nl: "geen vastgelegd" },
  "commands.submit.since": { en: " since {day}", nl: " sinds {day}" },
  "commands.submit.overlaps": {
    en: "{count, plural, one {# of these indicators was} other {# of these indicators were}} also supplied by another party (covenant Art 6.1). ",
    nl: "{count, plural, one {# van deze indicatoren is} other {# van deze indicatoren zijn}} ook door een andere partij geleverd (convenant art. 6.1). ",
  },
  "commands.submit.overlaps_lookup": { en: "Use `/ciic lookup '<'value>` for their records.", nl: "Gebruik `/ciic lookup '<'waarde>` voor hun vastleggingen." },
  "commands.submit.duplicates": {
    en: "{count, plural, one {# repeated value} other {# repeated values}} in your input {count, plural, one {was} other {were}} counted once.",
    nl: "{count, plural, one {# herhaalde waarde} other {# herhaalde waarden}} in uw invoer {count, plural, one {is} other {zijn}} één keer geteld.",
  },
  "commands.submit.also_by": { en: " — also supplied by {parties}", nl: " — ook geleverd door {parties}" },

  // /ciic lookup (use-cases/lookup-indicator.ts)
  "commands.lookup.give_value": { en: "give the value to look up", nl: "geef de waarde die u wilt opzoeken" },
  "commands.lookup.one_value": { en: "look up one value at a time", nl: "zoek één waarde tegelijk op" },
  "commands.lookup.refused": { en: "Nothing was looked up: {reason}, e.g. `/ciic lookup 198.51.100.7`.", nl: "Er is niets opgezocht: {reason}, bijvoorbeeld `/ciic lookup 198.51.100.7`." },
  "commands.lookup.refused_value": { en: "Nothing was looked up: {reason}", nl: "Er is niets opgezocht: {reason}" },
  "commands.lookup.none_summary": { en: "No party has supplied {value} to the cell.", nl: "Geen partij heeft {value} aan de cel geleverd." },
  "commands.lookup.none": { en: "No party has supplied <code>{value}</code> ({type}) to the cell.", nl: "Geen partij heeft <code>{value}</code> ({type}) aan de cel geleverd." },
  "commands.lookup.summary": {
    en: "{value}: {count, plural, one {# record} other {# records}} from {parties}.",
    nl: "{value}: {count, plural, one {# vastlegging} other {# vastleggingen}} van {parties}.",
  },
  "commands.lookup.supplied_by": {
    en: "Supplied by {parties} — {count, plural, one {# record} other {# records, oldest first}}.",
    nl: "Geleverd door {parties} — {count, plural, one {# vastlegging} other {# vastleggingen, de oudste eerst}}.",
  },
  "commands.lookup.no_item_summary": { en: "There is no item {item}.", nl: "Er is geen gegeven {item}." },
  "commands.lookup.no_item": { en: "There is no item {item} in the cell.", nl: "Er is geen gegeven {item} in de cel." },
  "commands.lookup.item_removed_summary": { en: "{item} ({type}) was removed", nl: "{item} ({type}) is verwijderd" },
  "commands.lookup.item_removed": {
    en: "Its party let it go at a retention review on {time} (Wiv 2017: data that lost their relevance are removed). Its value, source and note were destroyed; this record of it remains.",
    nl: "De partij heeft het op {time} losgelaten bij een bewaartermijnbeoordeling (Wiv 2017: gegevens die hun belang hebben verloren, worden verwijderd). De waarde, de bron en de aantekening zijn vernietigd; deze vastlegging ervan blijft.",
  },
  "commands.lookup.record": {
    en: " · {time} · TLP:{tlp} · reliability {reliability} · basis {basis} · by {by}",
    nl: " · {time} · TLP:{tlp} · betrouwbaarheid {reliability} · grondslag {basis} · door {by}",
  },
  "commands.lookup.source": { en: " · source {source}", nl: " · bron {source}" },
  "commands.lookup.as_supplied": { en: " · supplied as ", nl: " · geleverd als " },
  "commands.lookup.first_seen": { en: " · first seen by its source {time}", nl: " · voor het eerst gezien door de bron {time}" },
  "commands.lookup.corrects": { en: " · corrects {item}", nl: " · corrigeert {item}" },
  "commands.lookup.superseded": { en: " · superseded by {item}", nl: " · vervangen door {item}" },
  "commands.lookup.note": { en: " · note: {note}", nl: " · aantekening: {note}" },

  // /ciic correct (use-cases/correct-item.ts)
  "commands.correct.no_id": {
    en: "Nothing was changed: name the item to correct by its id, e.g. `/ciic correct I-42 tlp:red`.",
    nl: "Er is niets gewijzigd: noem het gegeven dat u wilt corrigeren bij zijn id, bijvoorbeeld `/ciic correct I-42 tlp:red`.",
  },
  "commands.correct.not_found": { en: "Nothing was changed: your party has no item {item}.", nl: "Er is niets gewijzigd: uw partij heeft geen gegeven {item}." },
  "commands.correct.removed": {
    en: "Nothing was changed: {item} was let go at a retention review and removed. Submit the value anew if it is relevant again.",
    nl: "Er is niets gewijzigd: {item} is losgelaten bij een bewaartermijnbeoordeling en verwijderd. Dien de waarde opnieuw in als zij weer van belang is.",
  },
  "commands.correct.superseded": {
    en: "Nothing was changed: {item} was already corrected by {current}; correct that version instead.",
    nl: "Er is niets gewijzigd: {item} is al gecorrigeerd door {current}; corrigeer in plaats daarvan die versie.",
  },
  "commands.correct.one_value": { en: "give exactly one new value after `value:`", nl: "geef precies één nieuwe waarde achter `value:`" },
  "commands.correct.invalid": { en: "Nothing was changed: {problems}.", nl: "Er is niets gewijzigd: {problems}." },
  "commands.correct.unchanged": { en: "Nothing was changed: the correction is identical to {item}.", nl: "Er is niets gewijzigd: de correctie is gelijk aan {item}." },
  "commands.correct.duplicate": {
    en: "Nothing was changed: your party already supplied {value} as {item}.",
    nl: "Er is niets gewijzigd: uw partij heeft {value} al geleverd als {item}.",
  },
  "commands.correct.summary": { en: "{item} corrects {old}.", nl: "{item} corrigeert {old}." },
  "commands.correct.done": {
    en: "<code>{item}</code> now stands for <code>{value}</code> (TLP:{tlp}, reliability {reliability}); it corrects <code>{old}</code>, which stays on record.",
    nl: "<code>{item}</code> staat nu voor <code>{value}</code> (TLP:{tlp}, betrouwbaarheid {reliability}); het corrigeert <code>{old}</code>, dat vastgelegd blijft.",
  },
  "commands.correct.recipients_told": {
    en: "{old} left the cell earlier, in {requests}: {count, plural, one {its recipient is} other {their recipients are}} told that it was corrected (not what it now says, which would need consent again).",
    nl: "{old} heeft de cel eerder verlaten, in {requests}: {count, plural, one {de ontvanger krijgt} other {de ontvangers krijgen}} bericht dat het is gecorrigeerd (niet wat het nu zegt; daarvoor is opnieuw toestemming nodig).",
  },
});
