import { PARTY_CODES, type PartyCode } from "../covenant/parties.js";
import type { Member } from "../directory/types.js";
import { phrase, type Phrase } from "../i18n/phrase.js";

/**
 * Who reads a text, as far as Art 7.2 is concerned: whose data each may see (see the covenant's
 * AUDIENCES reading in the README, "What the bot guarantees under Art 7.2").
 */
export type Reader =
  /** The cell's analysts and the oversight committee: every party's data (Art 6.1; Wiv 2017). */
  | { kind: "cell-staff" }
  /** A party's liaisons and deputies, or the OM's designated staff: that party's own data only. */
  | { kind: "party"; party: PartyCode }
  /** The NCTV's coordinator, the steering group: no party's data (Art 5.1, 9, 10). */
  | { kind: "no-data" }
  /** A recipient, after release: the data of the parties that consented to it (Art 7.1–7.2). */
  | { kind: "recipient"; parties: readonly PartyCode[] };

export interface Audience {
  /** Who reads the text, for the author's refusal: "the liaisons of every party asked". */
  who: Phrase;
  readers: readonly Reader[];
  /** Parties that agree to this text reaching every reader: the author speaks for them. */
  consenting: readonly PartyCode[];
  /** Records whose parties are asked about exactly these records (an analysis's cited items): the text may name them. */
  cited?: ReadonlySet<number>;
  /**
   * What the text may name whoever supplied it: the values the author's party supplies with this
   * very text (a submission's note), or an id every reader is shown anyway (the request's own
   * analysis, in its purpose).
   */
  allowed?: ReadonlySet<string>;
  /** What the author can do about a value it may not carry; by default, leave it out. */
  remedy?: Phrase;
}

export function mayRead(reader: Reader, party: PartyCode): boolean {
  switch (reader.kind) {
    case "cell-staff":
      return true;
    case "party":
      return reader.party === party;
    case "no-data":
      return false;
    case "recipient":
      return reader.parties.includes(party);
  }
}

/**
 * Whether a text may carry something that is the data of `owners`. A value several parties
 * supplied is the data of each; the text shows the value, not who supplied it, so it may reach a
 * reader who may see any one of them. Every reader must be able to: a text shown to several
 * people carries only what each of them may read.
 */
export function mayCarry(mention: { said: string; owners: readonly PartyCode[]; recordIds: readonly number[] }, audience: Audience): boolean {
  if (mention.recordIds.some((id) => audience.cited?.has(id)) || audience.allowed?.has(mention.said)) return true;
  return audience.readers.every((reader) => mention.owners.some((party) => audience.consenting.includes(party) || mayRead(reader, party)));
}

/** A liaison or deputy answers for their party; an analyst does not consent for it (Art 7.2). */
export const speaksForParty = (member: Member): boolean => member.roles.includes("liaison") || member.roles.includes("deputy") || member.roles.includes("coordinator");

/** The texts of a disclosure request (purpose, conditions, the analysis's title): every asked party's liaisons read them, then the recipient. */
export const askedParties = (parties: readonly PartyCode[], shownToEach: readonly string[] = []): Audience => ({
  who: phrase("guard.who.asked_parties"),
  readers: [...parties.map((party) => ({ kind: "party" as const, party })), { kind: "recipient", parties }],
  consenting: [],
  allowed: new Set(shownToEach),
});

/** The same texts once every asked party consented: the recipient reads them on release. */
export const recipientOf = (parties: readonly PartyCode[]): Audience => ({
  who: phrase("guard.who.recipient"),
  readers: [{ kind: "recipient", parties }],
  consenting: [],
});

/**
 * An analysis's text: cell staff, then the recipient of a disclosure. Its parties' liaisons never
 * read it; they consent to the cited items their question lists. So the text may name exactly
 * what it cites (a value, through any party's cited record of it), and nothing else on record.
 */
export const analysisText = (citedIds: readonly number[]): Audience => ({
  who: phrase("guard.who.analysis_text"),
  readers: [{ kind: "cell-staff" }, { kind: "recipient", parties: [] }],
  consenting: [],
  cited: new Set(citedIds),
  remedy: phrase("guard.remedy.cite"),
});

/** An analysis's title: shown also to each cited party's liaison when its disclosure is asked. */
export const analysisTitle = (citedParties: readonly PartyCode[]): Audience => ({
  who: phrase("guard.who.analysis_title"),
  readers: [{ kind: "cell-staff" }, ...citedParties.map((party) => ({ kind: "party" as const, party })), { kind: "recipient", parties: citedParties }],
  consenting: [],
});

/** Communications (Art 10), amendments (Art 13), a notice of withdrawal (Art 14), and the notes on them: every party's liaisons and the NCTV's coordinator. */
export const everyParty = (author: Member): Audience => ({
  who: phrase("guard.who.every_party"),
  readers: [...PARTY_CODES.map((party) => ({ kind: "party" as const, party })), { kind: "no-data" }],
  consenting: speaksForParty(author) ? [author.party as PartyCode] : [],
});

/** A consultation of the OM (Art 4.5): the OM's designated staff and the cell's analysts. */
export const omConsultation = (): Audience => ({
  who: phrase("guard.who.om"),
  readers: [{ kind: "cell-staff" }, { kind: "party", party: "OM" }],
  consenting: [],
});

/** Reasons for a denial, a revocation or a retention verdict: the requester (cell staff); the steering group sees them with values withheld. */
export const cellStaff = (): Audience => ({ who: phrase("guard.who.cell_staff"), readers: [{ kind: "cell-staff" }], consenting: [] });

/** Meeting notes: the steering group, which sees counts, never values (Art 9). */
export const steeringGroup = (): Audience => ({ who: phrase("guard.who.steering"), readers: [{ kind: "no-data" }], consenting: [] });

/**
 * A retention verdict's reason: the log of a removal keeps it after the removed values are
 * destroyed, so it may name no data on record at all (Wiv 2017).
 */
export const removalRecord = (): Audience => ({
  who: phrase("guard.who.removal_record"),
  readers: [{ kind: "no-data" }],
  consenting: [],
});

/**
 * An item's note, source reference and legal basis: read by cell staff (look-ups) and by the
 * supplying party's own members (its export, Art 5.2), liaisons included. They may name what
 * the party supplies with them, and whatever else the party supplied.
 */
export const ownParty = (author: Member, supplied: readonly string[]): Audience => ({
  who: phrase("guard.who.own_party", { party: author.party }),
  readers: [{ kind: "cell-staff" }, { kind: "party", party: author.party as PartyCode }],
  consenting: speaksForParty(author) ? [author.party as PartyCode] : [],
  allowed: new Set(supplied),
});
