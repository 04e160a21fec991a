import { catalogue } from "./entry.js";

/**
 * The covenant's life: its dates (Art 15) and a party's notice of withdrawal (Art 14), given,
 * told to the other parties, and carried out two months later. Dutch follows the covenant:
 * opzeggen, opzegging, opzegtermijn, "blijft voor de overige partijen in stand".
 */
export const covenantTexts = catalogue({
  // /ciic covenant
  "covenant.status.heading": { en: "The CIIC covenant", nl: "Het Convenant samenwerking CIIC" },
  "covenant.status.in_force": {
    en: "In force since {effective} (Art 15), for an indefinite period.",
    nl: "In werking sinds {effective} (art. 15), voor onbepaalde tijd.",
  },
  "covenant.status.no_notice": { en: "No party has given notice of withdrawal.", nl: "Geen enkele partij heeft het convenant opgezegd." },
  "covenant.status.notice": {
    en: "<b>{party}</b> gave notice of withdrawal on {noticeAt}; {past, select, yes {it took effect} other {it takes effect}} on {effectiveAt} (Art 14). Reason: {reason}",
    nl: "<b>{party}</b> heeft het convenant op {noticeAt} opgezegd; de opzegging {past, select, yes {is ingegaan} other {gaat in}} op {effectiveAt} (art. 14). Reden: {reason}",
  },
  "covenant.status.summary": {
    en: "{count, plural, one {# notice of withdrawal} other {# notices of withdrawal}} on record.",
    nl: "{count, plural, one {# opzegging} other {# opzeggingen}} vastgelegd.",
  },

  // /ciic notice (Art 14)
  "covenant.notice.not_a_party": {
    en: "{party} is not a party to the covenant, so it cannot withdraw from it.",
    nl: "{party} is geen partij bij het convenant en kan het dus niet opzeggen.",
  },
  "covenant.notice.reason_missing": {
    en: "Nothing was recorded: state why your party withdraws (Art 14 asks for the reasons), e.g. `/ciic notice reason: the task moves to another service`.",
    nl: "Er is niets vastgelegd: vermeld waarom uw partij het convenant opzegt (art. 14 vraagt om de reden), bijvoorbeeld `/ciic notice reason: de taak gaat over naar een andere dienst`.",
  },
  "covenant.notice.reason_too_long": {
    en: "Nothing was recorded: keep the reason under {max} characters.",
    nl: "Er is niets vastgelegd: houd de reden korter dan {max} tekens.",
  },
  "covenant.notice.refused": { en: "Nothing was recorded: {problem}.", nl: "Er is niets vastgelegd: {problem}." },
  "covenant.notice.already": {
    en: "Nothing was recorded: {party} already gave notice on {noticeAt}; it takes effect on {effectiveAt}.",
    nl: "Er is niets vastgelegd: {party} heeft het convenant al op {noticeAt} opgezegd; de opzegging gaat in op {effectiveAt}.",
  },
  "covenant.notice.told_summary": {
    en: "{party} gave notice of withdrawal from the CIIC covenant; it takes effect on {effectiveAt}.",
    nl: "{party} heeft het Convenant samenwerking CIIC opgezegd; de opzegging gaat in op {effectiveAt}.",
  },
  "covenant.notice.told_heading": { en: "{party} withdraws from the CIIC covenant (Art 14)", nl: "{party} zegt het Convenant samenwerking CIIC op (art. 14)" },
  "covenant.notice.told": {
    en: "{name} gave notice for {party} on {noticeAt}. It takes effect on {effectiveAt}; the covenant stays in force for the other parties.",
    nl: "{name} heeft het convenant namens {party} op {noticeAt} opgezegd. De opzegging gaat in op {effectiveAt}; voor de overige partijen blijft het convenant in stand.",
  },
  "covenant.notice.reason": { en: "Reason: {reason}", nl: "Reden: {reason}" },
  "covenant.notice.recorded_summary": {
    en: "{party}'s notice of withdrawal is recorded; it takes effect on {effectiveAt}.",
    nl: "De opzegging door {party} is vastgelegd; zij gaat in op {effectiveAt}.",
  },
  "covenant.notice.recorded": {
    en: "{party}'s notice of withdrawal is recorded and the other parties' liaisons are told (Art 14). It takes effect on <b>{effectiveAt}</b>; until then nothing changes.",
    nl: "De opzegging door {party} is vastgelegd en de liaisons van de overige partijen zijn ingelicht (art. 14). Zij gaat in op <b>{effectiveAt}</b>; tot die tijd verandert er niets.",
  },
  "covenant.notice.from_then": {
    en: "From that date {party}'s members no longer have access to the cell and {party} is no longer asked or told; its earlier consents and the data it supplied stay on record.",
    nl: "Vanaf die datum hebben de medewerkers van {party} geen toegang meer tot de cel en wordt {party} niets meer gevraagd of meegedeeld; haar eerder gegeven toestemmingen en de gegevens die zij heeft geleverd, blijven vastgelegd.",
  },

  // The day a withdrawal takes effect (carry-out-withdrawals.ts)
  "covenant.effective.summary": {
    en: "{party}'s withdrawal from the CIIC covenant took effect.",
    nl: "De opzegging van het Convenant samenwerking CIIC door {party} is ingegaan.",
  },
  "covenant.effective.heading": { en: "{party}'s withdrawal took effect (Art 14)", nl: "De opzegging door {party} is ingegaan (art. 14)" },
  "covenant.effective.body": {
    en: "Since {time} {party}'s members no longer have access to the cell and {party} is no longer asked for consent. Its open consent questions expired; a request that needed one is not disclosed. Its earlier consents and data stay on record.",
    nl: "Sinds {time} hebben de medewerkers van {party} geen toegang meer tot de cel en wordt {party} niet meer om toestemming gevraagd. Haar openstaande vragen om toestemming zijn verlopen; een verzoek dat zo’n toestemming nodig had, wordt niet verstrekt. Haar eerder gegeven toestemmingen en gegevens blijven vastgelegd.",
  },
  "covenant.effective.ask_reason": { en: "{party} withdrew from the covenant (Art 14)", nl: "{party} heeft het convenant opgezegd (art. 14)" },
  "covenant.effective.rounds": {
    en: " {rounds, plural, one {# communication or amendment round in progress no longer waits} other {# communication or amendment rounds in progress no longer wait}} for {party}: the covenant stays in force for the others, whose agreement {rounds, plural, one {it needs} other {they need}}.",
    nl: " {rounds, plural, one {# lopende afstemmings- of wijzigingsronde wacht} other {# lopende afstemmings- of wijzigingsrondes wachten}} niet meer op {party}: voor de overige partijen blijft het convenant in stand, en hun instemming is nodig.",
  },
});
