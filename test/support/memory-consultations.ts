import type { Consultation, ConsultationReads, ConsultationWrites } from "../../src/core/consultation/types.js";
import type { ConsultationNoteRecord, ConsultationRecord } from "../../src/core/oversight/record-port.js";

/**
 * The in-memory fake of the consultation ports, with the semantics of
 * src/storage/consultation-repository.ts. Notes are a table of their own with their own ids, as
 * in the database, so that the oversight archive lists them in the order they were written.
 */
export interface ConsultationTables {
  consultations: ConsultationRecord[];
  consultationNotes: ConsultationNoteRecord[];
}
export const emptyConsultationTables = (): ConsultationTables => ({ consultations: [], consultationNotes: [] });

function withNotes(s: ConsultationTables, row: ConsultationRecord): Consultation {
  const notes = s.consultationNotes.filter((n) => n.consultationId === row.id).sort((a, b) => a.id - b.id);
  return structuredClone({ ...row, notes: notes.map(({ byId, byName, at, text }) => ({ byId, byName, at, text })) });
}

export function consultationReads(s: () => ConsultationTables): ConsultationReads {
  return {
    async byId(id) {
      const row = s().consultations.find((c) => c.id === id);
      return row ? withNotes(s(), row) : undefined;
    },
    open: async (limit) => s().consultations.filter((c) => c.state === "OPEN").slice(0, limit).map((c) => withNotes(s(), c)),
  };
}

export function consultationWrites(s: ConsultationTables): ConsultationWrites {
  return {
    async create(c) {
      const row: ConsultationRecord = { ...structuredClone(c), id: s.consultations.length + 1, state: "OPEN", closedById: null, closedAt: null };
      s.consultations.push(row);
      return withNotes(s, row);
    },
    async addNote(id, note) {
      if (!s.consultations.some((c) => c.id === id)) throw new Error(`foreign key: no consultation ${id}`);
      if (!s.consultations.some((c) => c.id === id && c.state === "OPEN")) return false;
      s.consultationNotes.push({ ...structuredClone(note), id: Math.max(0, ...s.consultationNotes.map((n) => n.id)) + 1, consultationId: id });
      return true;
    },
    async close(id, byId, at) {
      const row = s.consultations.find((c) => c.id === id && c.state === "OPEN");
      if (!row) return false;
      Object.assign(row, { state: "CLOSED", closedById: byId, closedAt: new Date(at) });
      return true;
    },
  };
}
