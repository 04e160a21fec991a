import type { Consultation, ConsultationNote } from "../consultation/types.js";
import type { Analysis, ConsentAsk, DisclosureRequest } from "../disclosure/types.js";
import type { DirectoryRecord, StoredItem } from "../ports.js";
import type { Round, RoundAsk } from "../rounds/types.js";
import type { SteeringMeeting, SteeringReminder } from "../steering/types.js";

/** The tables of the cell's record, in the order an oversight archive lists them. */
export const RECORD_TABLES = ["directories", "items", "analyses", "requests", "asks", "provisions", "meetings", "reminders", "rounds", "roundAsks", "consultations", "consultationNotes"] as const;
export type RecordTable = (typeof RECORD_TABLES)[number];

/** How many rows each table holds, and the highest id among them (the count, for reminders). */
export type RecordExtent = Record<RecordTable, { count: number; last: number }>;

export interface ProvisionRecord {
  id: number;
  requestId: number;
  releasedAt: Date;
  /** The provision record as stored (JSON text). */
  record: string;
}

/** A consultation as archived: its notes are records of their own. */
export type ConsultationRecord = Omit<Consultation, "notes">;

/** A note of a consultation (Art 4.5), with its own id and the consultation it belongs to. */
export interface ConsultationNoteRecord extends ConsultationNote {
  id: number;
  consultationId: number;
}

/**
 * The whole record, a page at a time in id order, for the oversight committee's archive
 * (Wiv 2017: the CTIVD may see all data and all logs). Pages keep memory flat whatever the size.
 */
export interface RecordReads {
  extent(): Promise<RecordExtent>;
  /** Every version of every item, corrected ones included. */
  itemPage(afterId: number, limit: number): Promise<StoredItem[]>;
  analysisPage(afterId: number, limit: number): Promise<Analysis[]>;
  requestPage(afterId: number, limit: number): Promise<DisclosureRequest[]>;
  askPage(afterId: number, limit: number): Promise<ConsentAsk[]>;
  provisionPage(afterId: number, limit: number): Promise<ProvisionRecord[]>;
  directoryPage(afterVersion: number, limit: number): Promise<DirectoryRecord[]>;
  meetingPage(afterId: number, limit: number): Promise<SteeringMeeting[]>;
  /** Agreement rounds (Art 10, 13), each at its current draft. */
  roundPage(afterId: number, limit: number): Promise<Round[]>;
  /** Every ask of every draft of every round. */
  roundAskPage(afterId: number, limit: number): Promise<RoundAsk[]>;
  consultationPage(afterId: number, limit: number): Promise<ConsultationRecord[]>;
  consultationNotePage(afterId: number, limit: number): Promise<ConsultationNoteRecord[]>;
  /** Few: a handful a year. */
  reminders(): Promise<SteeringReminder[]>;
}
