import type { Consultation, ConsultationReads, ConsultationState, ConsultationWrites } from "../core/consultation/types.js";
import type { Prisma } from "./generated/sqlite/client.js";
import type { Db } from "./prisma-store.js";
import type { Sealing } from "./sealing/sealing.js";
import { asChecked } from "../core/guard/checked-text.js";

type Row = Prisma.ConsultationGetPayload<{ include: { notes: true } }>;

// Person text is stored only after the Art 7.2 guard let it in (core/guard): read back as such.
const toConsultation = ({ notes, ...row }: Row): Consultation => ({
  ...row,
  question: asChecked(row.question),
  state: row.state as ConsultationState,
  notes: [...notes].sort((a, b) => a.id - b.id).map(({ byId, byName, at, text }) => ({ byId, byName, at, text: asChecked(text) })),
});

export function consultationReads(db: Db): ConsultationReads {
  return {
    async byId(id) {
      const row = await db.consultation.findUnique({ where: { id }, include: { notes: true } });
      return row ? toConsultation(row) : undefined;
    },
    async open(limit) {
      return (await db.consultation.findMany({ where: { state: "OPEN" }, include: { notes: true }, orderBy: { id: "asc" }, take: limit })).map(toConsultation);
    },
  };
}

export function consultationWrites(tx: Prisma.TransactionClient, sealing: Sealing): ConsultationWrites {
  return {
    async create(c) {
      return toConsultation(await tx.consultation.create({ data: { ...c, question: await sealing.sealText(c.question), state: "OPEN" }, include: { notes: true } }));
    },
    async addNote(id, note) {
      // Touching the row while it is OPEN takes its lock on PostgreSQL, so a concurrent close
      // either comes first (and nothing is added) or waits for this note.
      const { count } = await tx.consultation.updateMany({ where: { id, state: "OPEN" }, data: { state: "OPEN" } });
      if (count !== 1) return false;
      await tx.consultationNote.create({ data: { consultationId: id, ...note, text: await sealing.sealText(note.text) } });
      return true;
    },
    async close(id, byId, at) {
      const { count } = await tx.consultation.updateMany({ where: { id, state: "OPEN" }, data: { state: "CLOSED", closedById: byId, closedAt: at } });
      return count === 1;
    },
  };
}
