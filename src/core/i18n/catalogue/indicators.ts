import { catalogue } from "./entry.js";

/**
 * Why a value is not taken as an indicator (indicators/): one sentence for the person, what is
 * wrong and what to do. The codes (indicator.*) stay as they are; these texts may be reworded.
 */
export const indicatorsTexts = catalogue({
  "indicators.unrecognised": {
    en: "This is not a kind of indicator the bot recognises; supported are IPv4/IPv6 addresses and CIDR ranges, domain names, http/https/ftp URLs, e-mail addresses, MD5/SHA-1/SHA-256 hashes and CVE ids.",
    nl: "Dit is geen soort indicator die de bot herkent; ondersteund zijn IPv4-/IPv6-adressen en CIDR-reeksen, domeinnamen, http-/https-/ftp-URL’s, e-mailadressen, MD5/SHA-1/SHA-256-hashes en CVE-id’s.",
  },
  "indicators.too_long": {
    en: "This is longer than {max} characters, which no supported indicator is; check that separate values are separated by spaces or new lines.",
    nl: "Dit is langer dan {max} tekens, en dat is geen enkele ondersteunde indicator; controleer of afzonderlijke waarden door spaties of nieuwe regels worden gescheiden.",
  },
  "indicators.control_characters": {
    en: "This contains an invisible or control character ({character}) that can disguise what the value really is; retype the value by hand and submit it again.",
    nl: "Dit bevat een onzichtbaar teken of stuurteken ({character}) dat kan verhullen wat de waarde werkelijk is; typ de waarde met de hand opnieuw en dien haar opnieuw in.",
  },
  "indicators.hash_unsupported": {
    en: "This looks like a {kind} hash ({length} hex digits), which is not supported; submit the MD5 (32 hex digits), SHA-1 (40) or SHA-256 (64) hash instead.",
    nl: "Dit lijkt een {kind}-hash ({length} hexadecimale cijfers), en die wordt niet ondersteund; dien in plaats daarvan de MD5- (32 hexadecimale cijfers), SHA-1- (40) of SHA-256-hash (64) in.",
  },
  "indicators.hash_label": {
    en: "This is labelled {label} but holds {length} hex digits, which is not that kind of hash; check which it is and submit the hash alone.",
    nl: "Dit heet {label}, maar bevat {length} hexadecimale cijfers, en dat is niet die soort hash; ga na welke het is en lever de hash los aan.",
  },
  "indicators.hash_length": {
    en: "This is {length} hex digits, which is not a supported hash length; only MD5 (32 hex digits), SHA-1 (40) or SHA-256 (64) hashes are accepted, so check it was copied completely.",
    nl: "Dit zijn {length} hexadecimale cijfers, en dat is geen ondersteunde lengte voor een hash; alleen MD5- (32 hexadecimale cijfers), SHA-1- (40) en SHA-256-hashes (64) worden aangenomen, dus controleer of hij volledig is gekopieerd.",
  },
  "indicators.invalid_cve": {
    en: "This is not a valid CVE id; write it as CVE-year-number with plain hyphens, such as CVE-2021-44228.",
    nl: "Dit is geen geldig CVE-id; schrijf het als CVE-jaar-nummer met gewone koppeltekens, zoals CVE-2021-44228.",
  },
  "indicators.cve_year": {
    en: "This CVE id has the year {year}, but CVE years run from 1999 to {latest}; check the id.",
    nl: "Dit CVE-id heeft het jaar {year}, maar CVE-jaren lopen van 1999 tot en met {latest}; controleer het id.",
  },
  "indicators.invalid_ipv4": {
    en: "This is not a valid IPv4 address: write it as four numbers from 0 to 255 separated by dots, e.g. 192.0.2.1.",
    nl: "Dit is geen geldig IPv4-adres: schrijf het als vier getallen van 0 tot en met 255, gescheiden door punten, bijvoorbeeld 192.0.2.1.",
  },
  "indicators.ipv4_leading_zero": {
    en: "This IPv4 address has a number with a leading zero, which some tools read as octal and others as decimal; write it without leading zeros (e.g. 010 as 10 or as 8, whichever you mean).",
    nl: "Dit IPv4-adres heeft een getal met een voorloopnul, dat sommige programma’s octaal en andere decimaal lezen; schrijf het zonder voorloopnullen (bijvoorbeeld 010 als 10 of als 8, wat u ook bedoelt).",
  },
  "indicators.ipv4_range": {
    en: "This is not a valid IPv4 address: each of the four numbers must be from 0 to 255.",
    nl: "Dit is geen geldig IPv4-adres: elk van de vier getallen moet van 0 tot en met 255 zijn.",
  },
  "indicators.ipv6_zone": {
    en: "This IPv6 address has a zone id (the part from \"%\"), which only means something on one machine; remove it and submit \"{address}\".",
    nl: "Dit IPv6-adres heeft een zone-id (het deel vanaf ‘%’), dat alleen op één machine iets betekent; verwijder het en dien ‘{address}’ in.",
  },
  "indicators.invalid_ipv6": {
    en: "This is not a valid IPv6 address: use eight groups of up to four hex digits separated by colons, with \"::\" at most once, e.g. 2001:db8::1.",
    nl: "Dit is geen geldig IPv6-adres: gebruik acht groepen van ten hoogste vier hexadecimale cijfers, gescheiden door dubbele punten, met ‘::’ ten hoogste één keer, bijvoorbeeld 2001:db8::1.",
  },
  "indicators.ipv6_embedded_ipv4": {
    en: "This IPv6 address ends in an IPv4 part that is not plain dotted decimal (0 to 255, no leading zeros); correct that part and resubmit.",
    nl: "Dit IPv6-adres eindigt op een IPv4-deel dat geen gewone decimale notatie met punten is (0 tot en met 255, geen voorloopnullen); verbeter dat deel en dien het opnieuw in.",
  },
  "indicators.cidr_prefix": {
    en: "This range has an invalid prefix length \"/{prefix}\": after the \"/\" put a whole number from 0 to {max}.",
    nl: "Deze reeks heeft een ongeldige prefixlengte ‘/{prefix}’: zet na de ‘/’ een geheel getal van 0 tot en met {max}.",
  },
  "indicators.cidr_prefix_long": {
    en: "This range has an invalid prefix length: after the \"/\" put a whole number from 0 to {max}.",
    nl: "Deze reeks heeft een ongeldige prefixlengte: zet na de ‘/’ een geheel getal van 0 tot en met {max}.",
  },
  "indicators.url_scheme": {
    en: "Only http, https and ftp URLs can be shared, not \"{scheme}:\"; if this is a web address, write it with http:// or https://.",
    nl: "Alleen http-, https- en ftp-URL’s kunnen worden gedeeld, geen ‘{scheme}:’; is dit een webadres, schrijf het dan met http:// of https://.",
  },
  "indicators.invalid_url": {
    en: "This is not a valid URL; check it was copied completely, including the host name after http://, https:// or ftp://.",
    nl: "Dit is geen geldige URL; controleer of hij volledig is gekopieerd, met de hostnaam na http://, https:// of ftp://.",
  },
  "indicators.url_no_host": {
    en: "This URL has no host name; add the host after http://, https:// or ftp://.",
    nl: "Deze URL heeft geen hostnaam; voeg de host toe na http://, https:// of ftp://.",
  },
  "indicators.url_ip_form": {
    en: "The IP address in this URL is written in a non-standard form (octal, hex, shortened or encoded) that tools read differently; write it as {host} if that is what you mean.",
    nl: "Het IP-adres in deze URL is in een afwijkende vorm geschreven (octaal, hexadecimaal, verkort of gecodeerd) die programma’s verschillend lezen; schrijf het als {host} als u dat bedoelt.",
  },
  "indicators.url_host": { en: "The host name in this URL {problem}.", nl: "De hostnaam in deze URL {problem}." },
  "indicators.url_too_long": {
    en: "This URL is longer than {max} characters once normalised; share a shorter form, such as without the query string.",
    nl: "Deze URL is na normalisatie langer dan {max} tekens; deel een kortere vorm, bijvoorbeeld zonder de querystring.",
  },
  "indicators.url_without_scheme": {
    en: "This looks like a web address without http:// or https://; add the one that was used, or submit just the host name or address.",
    nl: "Dit lijkt een webadres zonder http:// of https://; voeg toe wat er werd gebruikt, of dien alleen de hostnaam of het adres in.",
  },
  "indicators.invalid_domain": { en: "This is not a valid domain name: it {problem}.", nl: "Dit is geen geldige domeinnaam: de naam {problem}." },
  "indicators.invalid_email": { en: "This is not a valid e-mail address: {problem}.", nl: "Dit is geen geldig e-mailadres: {problem}." },
  "indicators.email_domain": { en: "the domain after \"@\" {problem}", nl: "het domein na ‘@’ {problem}" },
  "indicators.email_local_empty": { en: "the part before \"@\" is empty", nl: "het deel vóór ‘@’ is leeg" },
  "indicators.email_local_long": { en: "the part before \"@\" is longer than 64 characters", nl: "het deel vóór ‘@’ is langer dan 64 tekens" },
  "indicators.email_local_characters": {
    en: "the part before \"@\" may only contain letters, digits, dots and !#$%&'*+/=?^_`'{|}'~-",
    nl: "het deel vóór ‘@’ mag alleen letters, cijfers, punten en !#$%&'*+/=?^_`'{|}'~- bevatten",
  },

  // What is wrong with a domain name: each follows "the domain …" / "de domeinnaam …" (domain.ts)
  "indicators.domain.forbidden": { en: "contains \"{character}\", which cannot appear in a domain name", nl: "bevat ‘{character}’, dat niet in een domeinnaam kan voorkomen" },
  "indicators.domain.empty_label": { en: "has an empty label (a leading dot or two dots in a row)", nl: "heeft een leeg label (een punt aan het begin of twee punten achter elkaar)" },
  "indicators.domain.idna": { en: "is not a valid internationalised domain name", nl: "is geen geldige geïnternationaliseerde domeinnaam" },
  "indicators.domain.one_label": { en: "needs at least two labels, such as evil.example", nl: "heeft ten minste twee labels nodig, zoals evil.example" },
  "indicators.domain.too_long": { en: "is longer than the 253 characters DNS allows", nl: "is langer dan de 253 tekens die DNS toestaat" },
  "indicators.domain.label_too_long": { en: "has a label longer than the 63 characters DNS allows", nl: "heeft een label dat langer is dan de 63 tekens die DNS toestaat" },
  "indicators.domain.label_characters": {
    en: "has a label \"{label}\" with characters not allowed in a domain name",
    nl: "heeft een label ‘{label}’ met tekens die niet in een domeinnaam zijn toegestaan",
  },
  "indicators.domain.label_hyphen": { en: "has a label \"{label}\" that starts or ends with a hyphen", nl: "heeft een label ‘{label}’ dat met een koppelteken begint of eindigt" },
  "indicators.domain.unknown_top_level": {
    en: "ends in \".{label}\", which is no top-level domain; if it is a file name, submit the file's hash instead",
    nl: "eindigt op ‘.{label}’, en dat is geen topniveaudomein; is het een bestandsnaam, dien dan de hash van het bestand in",
  },
  "indicators.domain.top_level": {
    en: "must end in an alphabetic top-level label such as .nl, not \".{label}\"",
    nl: "moet eindigen op een alfabetisch topniveaulabel zoals .nl, niet op ‘.{label}’",
  },
});
