import type { Language } from "../time/format-time.js";
import type { PartyCode } from "../covenant/parties.js";
import type { TlpLabel } from "../covenant/tlp.js";
import type { AskState, RequestState } from "./consent-state.js";
import type { CheckedText } from "../guard/checked-text.js";
import type { Platform } from "../directory/types.js";
import type { Destination } from "../outbox/outbound.js";
import { parsePrefixedNumber } from "../prefixed-id.js";

/** Person text in these records passed the Art 7.2 guard for its readers (core/guard). */
export interface Analysis {
  id: number;
  title: CheckedText;
  body: CheckedText;
  authorId: string;
  authorName: string;
  createdAt: Date;
  itemIds: number[];
}

export type RecipientKind = "party" | "aivd-unit" | "external";

/** Someone a disclosure can go to, as the directory lists them. */
export interface Recipient {
  id: string;
  name: string;
  kind: RecipientKind;
  /** party: the party itself; external: the party it is reached through (Art 3); aivd-unit: AIVD. */
  party: PartyCode;
  /** Where released disclosures are delivered, per platform (a channel id). */
  channels: { slack?: string; mattermost?: string; local?: string };
  /** A file format the recipient's tools read; a release then also arrives as such a file. */
  format?: "stix" | "misp" | "csv";
  /** The language of what is posted to its channel; the directory's when absent. */
  language?: Language;
}

/** A recipient's channel on one platform: where a release and later notices about it go. */
export interface DeliveryAddress {
  platform: Platform;
  channel: string;
}

/** Where the outbox sends what goes to an address. */
export const channelOf = (address: DeliveryAddress): Destination => ({ platform: address.platform, kind: "channel", id: address.channel });

export interface DisclosureRequest {
  id: number;
  requesterId: string;
  requesterName: string;
  createdAt: Date;
  recipientId: string;
  recipientName: string;
  recipientKind: RecipientKind;
  viaParty: PartyCode | null;
  /** The channel the release is delivered to. */
  deliverTo: DeliveryAddress;
  purpose: CheckedText;
  legalBasis: CheckedText;
  conditions: CheckedText | null;
  tlp: TlpLabel;
  /** The label the requester asked for, if any (see prisma schema). */
  tlpRequested: TlpLabel | null;
  deadline: Date;
  analysisId: number | null;
  state: RequestState;
  closedAt: Date | null;
  /** The items that would be released, each with the party it came from. */
  items: { itemId: number; party: PartyCode }[];
}

export interface ConsentAsk {
  id: number;
  requestId: number;
  party: PartyCode;
  state: AskState;
  decidedById: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  reason: CheckedText | null;
  remindedAt: Date | null;
  escalatedAt: Date | null;
}

export type NewRequest = Omit<DisclosureRequest, "id" | "state" | "closedAt">;
export type NewAnalysis = Omit<Analysis, "id">;

/** Formats ids so that items, analyses and requests can be told apart in chat. */
export const formatAnalysisId = (id: number) => `A-${id}`;
export const formatRequestId = (id: number) => `R-${id}`;

export const parsePrefixedId = (prefix: "A" | "R" | "I", text: string): number | undefined => parsePrefixedNumber(prefix, text);
