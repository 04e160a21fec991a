import type { Consultation, ConsultationReads, ConsultationWrites } from "../../src/core/consultation/types.js";

/** The in-memory fake of the consultation ports, with the semantics of src/storage/consultation-repository.ts. */
export interface ConsultationTables {
  consultations: Consultation[];
}
export const emptyConsultationTables = (): ConsultationTables => ({ consultations: [] });

export function consultationReads(s: () => ConsultationTables): ConsultationReads {
  return {
    byId: async (id) => structuredClone(s().consultations.find((c) => c.id === id)),
    open: async (limit) => structuredClone(s().consultations.filter((c) => c.state === "OPEN").slice(0, limit)),
  };
}

export function consultationWrites(s: ConsultationTables): ConsultationWrites {
  return {
    async create(c) {
      const row: Consultation = { ...structuredClone(c), id: s.consultations.length + 1, state: "OPEN", closedById: null, closedAt: null, notes: [] };
      s.consultations.push(row);
      return structuredClone(row);
    },
    async addNote(id, note) {
      s.consultations.find((c) => c.id === id)!.notes.push(structuredClone(note));
    },
    async close(id, byId, at) {
      const row = s.consultations.find((c) => c.id === id && c.state === "OPEN");
      if (!row) return false;
      Object.assign(row, { state: "CLOSED", closedById: byId, closedAt: new Date(at) });
      return true;
    },
  };
}
