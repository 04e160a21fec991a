/**
 * Which database errors mean "the database did not answer in time or is out of reach" — an
 * operational fault a person can be told to wait out — as opposed to a bug. Prisma, its pg
 * adapter and pg each wrap the others' errors (a pg error becomes a driver adapter error, then a
 * Prisma error whose message quotes the code), so the whole chain is searched, codes and texts.
 */

/** PostgreSQL SQLSTATE codes of time-outs, cancels and lost or refused connections. */
const POSTGRES_CODES: Record<string, string> = {
  "57014": "a statement ran past its time limit and was cancelled",
  "55P03": "a lock was not granted in time",
  "57P01": "the server ended the connection (administrator command)",
  "57P02": "the server ended the connection (crash shutdown)",
  "57P03": "the server does not accept connections now",
  "53300": "the server has no connection to spare",
  "08000": "the connection failed",
  "08001": "no connection could be made",
  "08003": "the connection is gone",
  "08004": "the server refused the connection",
  "08006": "the connection failed",
};

/** Prisma's codes and its driver adapters' kinds for the same faults. */
const PRISMA_CODES: Record<string, string> = {
  P1001: "the server cannot be reached",
  P1002: "the server did not answer in time",
  P1008: "an operation timed out",
  P1017: "the server closed the connection",
  P2024: "no connection was free in time",
  P2028: "the transaction ran out of time",
};
const ADAPTER_KINDS: Record<string, string> = {
  DatabaseNotReachable: "the server cannot be reached",
  ConnectionClosed: "the server closed the connection",
  SocketTimeout: "the connection timed out",
  TooManyConnections: "the server has no connection to spare",
};

/** Texts of pg, pg-pool and Node's sockets for the same faults. */
const TEXTS: [RegExp, string][] = [
  [/timeout exceeded when trying to connect|Connection terminated due to connection timeout|timeout expired/i, "no connection was made in time"],
  [/Query read timeout/i, "the server did not answer a query"],
  [/Connection terminated|not queryable|Client was closed|connection is closed/i, "the connection was lost"],
  [/\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH)\b/, "the server cannot be reached"],
  [/Transaction already closed|Unable to start a transaction in the given time|expired transaction/i, "the transaction ran out of time"],
  [/the transaction took longer than \d+ ms and was rolled back/i, "the transaction ran out of time"],
];

/** Every code and message along an error's chain (causes, Prisma's meta, adapter details). */
function describe(error: unknown, depth = 0): string[] {
  if (error === null || error === undefined || depth > 5) return [];
  if (typeof error !== "object") return [String(error)];
  const e = error as { code?: unknown; message?: unknown; kind?: unknown; originalCode?: unknown; meta?: unknown; cause?: unknown };
  const own = [e.code, e.message, e.kind, e.originalCode].filter((v): v is string => typeof v === "string");
  const meta = e.meta && typeof e.meta === "object" ? [JSON.stringify(e.meta)] : [];
  return [...own, ...meta, ...describe(e.cause, depth + 1)];
}

/** Whether a PostgreSQL SQLSTATE is along the chain: as a code of its own, or quoted in a wrapper's message or meta. */
const carriesSqlState = (parts: readonly string[], text: string, code: string) => parts.includes(code) || text.includes(`\`${code}\``) || text.includes(`"${code}"`);

/** Why the database counts as unavailable, for the log; undefined when the error is something else. */
export function unavailableReason(error: unknown): string | undefined {
  const parts = describe(error);
  const text = parts.join(" | ");
  for (const [code, reason] of Object.entries(POSTGRES_CODES)) {
    if (carriesSqlState(parts, text, code)) return `${reason} (${code})`;
  }
  for (const [code, reason] of Object.entries(PRISMA_CODES)) if (parts.includes(code)) return `${reason} (${code})`;
  for (const [kind, reason] of Object.entries(ADAPTER_KINDS)) if (parts.includes(kind) || text.includes(`"${kind}"`)) return reason;
  for (const [pattern, reason] of TEXTS) if (pattern.test(text)) return reason;
  return undefined;
}

/**
 * Why the database cannot write, when its disk is full; undefined for any other error. SQLite
 * rolls the transaction back by itself (SQLITE_FULL, also at COMMIT); PostgreSQL refuses the
 * statement that needed room (53100, "could not extend file … No space left on device").
 */
export function diskFullReason(error: unknown): string | undefined {
  const parts = describe(error);
  const text = parts.join(" | ");
  if (parts.some((p) => p.startsWith("SQLITE_FULL")) || /database or disk is full/i.test(text)) return "the disk that holds the database is full (SQLITE_FULL: database or disk is full)";
  if (carriesSqlState(parts, text, "53100") || /No space left on device/i.test(text)) return "the database server's disk is full (53100)";
  return undefined;
}

/** SQLite's "another connection holds the lock": the store waits in steps and tries again. */
export function isBusy(error: unknown): boolean {
  return /SQLITE_BUSY|database is locked/i.test(describe(error).join(" | "));
}
