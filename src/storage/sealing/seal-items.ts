import type { IndicatorType } from "../../core/indicators/index.js";
import { sameFileOfKey } from "../../core/relations/relation-key.js";
import type { DbClient } from "../prisma-store.js";
import { newNonce } from "./cell-keys.js";
import type { ItemCipher } from "./item-cipher.js";

/** Rows read and sealed at a time. */
const PAGE = 2000;

interface ClearRow {
  id: number | bigint;
  type: IndicatorType;
  value: string;
  sourceRef: string | null;
  note: string | null;
  supplied: string | null;
  relKey: string | null;
  keyNonce: string | null;
}

/**
 * The item rows of a database written before they were sealed (item-cipher.ts): each gets its
 * token, its blinded relation key and its sealed texts (its head, on the row, follows), once, at
 * the first start of a version that seals them. Resumable: a row is sealed only while it is not,
 * so that a start cut short (or another instance starting at the same time) goes on where the
 * rows say. Returns how many rows it sealed.
 */
export async function sealItems(client: DbClient, cipher: ItemCipher, kind: "sqlite" | "postgres"): Promise<number> {
  const mark = kind === "postgres" ? "$1" : "?";
  let sealed = 0;
  for (let after = 0; ; ) {
    const rows = await client.$queryRawUnsafe<ClearRow[]>(
      `SELECT "id", "type", "value", "sourceRef", "note", "supplied", "relKey", "keyNonce" FROM "Item"
       WHERE "id" > ${mark} AND "sealed" IS NULL AND "removedAt" IS NULL ORDER BY "id" LIMIT ${PAGE}`,
      after,
    );
    if (rows.length === 0) return sealed;
    after = Number(rows[rows.length - 1].id);
    const updates = rows.map((r) => {
      const keyNonce = r.keyNonce ?? newNonce();
      const sameFile = sameFileOfKey(r.type, r.value, r.relKey) ?? (r.relKey === `f:${r.value.toLowerCase()}` ? r.value.toLowerCase() : null);
      const token = cipher.token(r.type, r.value);
      return {
        id: Number(r.id),
        value: token,
        relKey: r.relKey === null ? null : cipher.storedKey(r.type, r.value, sameFile),
        keyNonce,
        sealed: cipher.seal(keyNonce, { value: r.value, supplied: r.supplied, sourceRef: r.sourceRef, note: r.note, sameFile }),
      };
    });
    // Counted as the database counts them: rows another instance sealed meanwhile are not this one's.
    sealed += await client.$transaction(async (tx) => {
      const json = JSON.stringify(updates.map((u) => [u.id, u.value, u.relKey, u.keyNonce, u.sealed]));
      let count: number;
      if (kind === "postgres") {
        count = await tx.$executeRawUnsafe(
          `UPDATE "Item" i SET "value" = r->>1, "relKey" = r->>2, "keyNonce" = r->>3, "sealed" = r->>4, "sourceRef" = NULL, "note" = NULL, "supplied" = NULL
           FROM jsonb_array_elements($1::jsonb) r WHERE i."id" = (r->>0)::int4 AND i."sealed" IS NULL AND i."removedAt" IS NULL`,
          json,
        );
      } else {
        count = await tx.$executeRawUnsafe(
          `UPDATE "Item" SET "value" = j.value->>1, "relKey" = j.value->>2, "keyNonce" = j.value->>3, "sealed" = j.value->>4, "sourceRef" = NULL, "note" = NULL, "supplied" = NULL
           FROM json_each(?) j WHERE "Item"."id" = j.value->>0 AND "Item"."sealed" IS NULL AND "Item"."removedAt" IS NULL`,
          json,
        );
      }
      return count;
    });
  }
}
