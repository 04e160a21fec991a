import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

/**
 * Driver adapter for the Prisma CLI's migrations on PostgreSQL only (prisma.config.ts).
 *
 * Work-around for an open upstream bug (prisma/orm#27403): @prisma/adapter-pg 6.19 cannot map
 * the catalog column types `name` (oid 19) and `"char"` (oid 18) that Prisma Migrate reads, and
 * fails with "Column type 'name' could not be deserialized". Both are text on the wire, so
 * reporting them as `text` (oid 25) is exact. The bot's own queries never read catalog columns
 * and use the plain adapter.
 */
const CATALOG_TEXT_TYPES = new Set([18, 19]);
const TEXT_OID = 25;

type QueryResultLike = { fields?: { dataTypeID: number }[] };

function asText<T>(result: T): T {
  for (const field of (result as QueryResultLike)?.fields ?? []) {
    if (CATALOG_TEXT_TYPES.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
  }
  return result;
}

function patchQuery<C extends { query: (...args: any[]) => any }>(client: C): C {
  const original = client.query.bind(client);
  client.query = ((...args: any[]) => {
    const out = original(...args);
    return out && typeof out.then === "function" ? out.then(asText) : out;
  }) as C["query"];
  return client;
}

class CatalogTextPool extends pg.Pool {
  override async connect(...args: any[]): Promise<any> {
    if (args.length > 0) return (super.connect as any)(...args);
    return patchQuery(await super.connect());
  }
}

export function migrationAdapter(connectionString: string) {
  const pool = patchQuery(new CatalogTextPool({ connectionString, allowExitOnIdle: true, idleTimeoutMillis: 200 }));
  return new PrismaPg(pool, { disposeExternalPool: true });
}
