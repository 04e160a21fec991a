import { extract, looksLikeValue } from "../../core/guard/extract.js";
import type { DbClient } from "../prisma-store.js";
import type { Sealing } from "./sealing.js";
import { isSealed, SEALED_PREFIX, stringsIn } from "./sealed-text.js";

/** Rows read and sealed at a time. */
const PAGE = 500;

/**
 * What a database written before texts were sealed holds: its texts are sealed once, at the first
 * start of a version that seals, and again at the next start if that one was cut short. Audit entries cannot be: the chain
 * hashes them as they were written. Those that hold something that could be a value are listed,
 * so that the operator knows what a later removal cannot destroy.
 */
export interface SealedExisting {
  /** Texts sealed, by table. */
  sealed: Record<string, number>;
  /** Sequence numbers of audit entries written before sealing whose details hold a possible value. */
  auditInClear: number[];
}

type Column = { table: string; id: "id" | "key"; columns: string[]; json?: boolean };

const TEXTS: Column[] = [
  { table: "CommandReceipt", id: "key", columns: ["response"], json: true },
  { table: "OutboxMessage", id: "id", columns: ["payload"], json: true },
  { table: "Provision", id: "id", columns: ["record"], json: true },
  { table: "DisclosureRequest", id: "id", columns: ["purpose", "conditions"] },
  { table: "ConsentAsk", id: "id", columns: ["reason"] },
  { table: "Analysis", id: "id", columns: ["title", "body"] },
  { table: "Consultation", id: "id", columns: ["question"] },
  { table: "ConsultationNote", id: "id", columns: ["text"] },
  { table: "Round", id: "id", columns: ["text"] },
  { table: "RoundAsk", id: "id", columns: ["note"] },
  { table: "SteeringMeeting", id: "id", columns: ["note"] },
];

export async function sealExisting(client: DbClient, sealing: Sealing, kind: "sqlite" | "postgres"): Promise<SealedExisting> {
  const mark = (n: number) => (kind === "postgres" ? `$${n}` : "?");
  const sealed: Record<string, number> = {};
  for (const { table, id, columns, json } of TEXTS) {
    let after: string | number = id === "id" ? 0 : "";
    for (;;) {
      const rows = await client.$queryRawUnsafe<Record<string, unknown>[]>(
        `SELECT "${id}", ${columns.map((c) => `"${c}"`).join(", ")} FROM "${table}" WHERE "${id}" > ${mark(1)} ORDER BY "${id}" LIMIT ${PAGE}`,
        after,
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const changed: Record<string, string> = {};
        for (const column of columns) {
          const text = row[column];
          // Sealed already (by an earlier, interrupted run, or by this version): left as it is.
          if (typeof text !== "string" || (json ? text.includes(SEALED_PREFIX) : isSealed(text))) continue;
          const [next] = json ? await sealing.sealJson([text]) : [await sealing.sealText(text)];
          if (next !== text) changed[column] = next;
        }
        const names = Object.keys(changed);
        if (names.length === 0) continue;
        // Only if unchanged since it was read: another instance sealing at the same time wins.
        await client.$executeRawUnsafe(
          `UPDATE "${table}" SET ${names.map((c, n) => `"${c}" = ${mark(n + 1)}`).join(", ")} WHERE "${id}" = ${mark(names.length + 1)} AND ${names.map((c, n) => `"${c}" = ${mark(names.length + 2 + n)}`).join(" AND ")}`,
          ...names.map((c) => changed[c]),
          row[id],
          ...names.map((c) => row[c]),
        );
        sealed[table] = (sealed[table] ?? 0) + 1;
      }
      after = rows[rows.length - 1][id] as string | number;
      if (typeof after === "bigint") after = Number(after);
    }
  }
  return { sealed, auditInClear: await auditInClear(client, kind) };
}

function mayNameValue(text: string): boolean {
  const found = extract(text);
  return found.tooMany || looksLikeValue(found);
}

/** The entries whose details hold a string that could be a value, and no sealed one (they were all written before). */
async function auditInClear(client: DbClient, kind: "sqlite" | "postgres"): Promise<number[]> {
  const out: number[] = [];
  let after = 0;
  for (;;) {
    const rows = await client.$queryRawUnsafe<{ seq: number | bigint; details: string }[]>(
      `SELECT "seq", "details" FROM "AuditEntry" WHERE "seq" > ${kind === "postgres" ? "$1" : "?"} ORDER BY "seq" LIMIT ${PAGE}`,
      after,
    );
    if (rows.length === 0) return out;
    for (const row of rows) {
      const strings = stringsIn(JSON.parse(row.details) as unknown);
      if (strings.some((s) => !isSealed(s) && mayNameValue(s))) out.push(Number(row.seq));
    }
    after = Number(rows[rows.length - 1].seq);
  }
}
