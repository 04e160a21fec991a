import type { TaxiiKey, TaxiiKeyReads, TaxiiKeyWrites } from "../core/taxii/types.js";
import type { Prisma } from "./generated/sqlite/client.js";
import type { Db } from "./prisma-store.js";

type KeyRow = Prisma.TaxiiKeyGetPayload<object>;

/** The key's record without its digest: nothing outside this repository needs the digest back. */
const toKey = ({ keyHash: _digest, ...row }: KeyRow): TaxiiKey => row;

export function taxiiKeyReads(db: Db): TaxiiKeyReads {
  return {
    async byHash(keyHash) {
      const row = await db.taxiiKey.findUnique({ where: { keyHash } });
      return row ? toKey(row) : undefined;
    },
    async list() {
      return (await db.taxiiKey.findMany({ orderBy: { id: "asc" } })).map(toKey);
    },
  };
}

export function taxiiKeyWrites(tx: Prisma.TransactionClient): TaxiiKeyWrites {
  return {
    async create(key) {
      return toKey(await tx.taxiiKey.create({ data: key }));
    },
    async revoke(id, at) {
      const { count } = await tx.taxiiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
      return count === 1;
    },
  };
}
