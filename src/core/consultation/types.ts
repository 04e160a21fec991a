import type { CheckedText } from "../guard/checked-text.js";
import { parsePrefixedNumber } from "../prefixed-id.js";
/**
 * Art 4.5 (Wiv 2017 art 93(2)): the OM names staff for consultation with the AIVD when the
 * cell's work and the OM's task call for it. A consultation is a question from the cell to those
 * staff, tracked from asking to closing.
 */
export type ConsultationState = "OPEN" | "CLOSED";

export interface ConsultationNote {
  byId: string;
  byName: string;
  at: Date;
  /** Passed the Art 7.2 guard for the consultation's readers. */
  text: CheckedText;
}

export interface Consultation {
  id: number;
  askedById: string;
  askedByName: string;
  askedAt: Date;
  question: CheckedText;
  /** Item and analysis ids the question is about, for the record ("I-4 A-2"). */
  refs: string;
  state: ConsultationState;
  closedById: string | null;
  closedAt: Date | null;
  notes: ConsultationNote[];
}

export type NewConsultation = Omit<Consultation, "id" | "state" | "closedById" | "closedAt" | "notes">;

export interface ConsultationReads {
  byId(id: number): Promise<Consultation | undefined>;
  /** Open consultations, oldest first. */
  open(limit: number): Promise<Consultation[]>;
}

export interface ConsultationWrites {
  create(consultation: NewConsultation): Promise<Consultation>;
  /** Adds a note while the consultation is open; false when it was closed meanwhile. */
  addNote(id: number, note: ConsultationNote): Promise<boolean>;
  /** OPEN → CLOSED; false when it was closed already (by someone else, or a double click). */
  close(id: number, byId: string, at: Date): Promise<boolean>;
}

export const formatConsultationId = (id: number) => `C-${id}`;

export const parseConsultationId = (text: string): number | undefined => parsePrefixedNumber("C", text, 9);
