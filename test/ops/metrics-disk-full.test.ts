import { describe, expect, it } from "vitest";
import { StoreUnavailableError, type Store } from "../../src/core/ports.js";
import { createMetrics } from "../../src/ops/metrics.js";
import { testClock } from "../support/test-clock.js";

/**
 * Issue 12: an operator's alert on a full disk needs it apart from time-outs: the transactions'
 * histogram counts them under an outcome of their own.
 */
describe("metrics of a full disk", () => {
  it("counts a transaction that met a full disk as disk_full, a time-out as unavailable, anything else as error", async () => {
    const failing = [
      new StoreUnavailableError("the disk that holds the database is full (SQLITE_FULL)", false, { diskFull: true }),
      new StoreUnavailableError("a statement ran past its time limit and was cancelled (57014)"),
      new Error("a bug"),
    ];
    let next = 0;
    const store = {
      transaction: async () => Promise.reject(failing[next++]),
      outbox: { pendingCount: async () => 0, oldestPending: async () => undefined },
    } as unknown as Store;
    const metrics = createMetrics({ store, clock: testClock("2026-12-05T22:00:00Z") });
    const timed = metrics.timed(store);
    for (let n = 0; n < failing.length; n++) await expect(timed.transaction(async () => undefined)).rejects.toBe(failing[n]);
    const text = await metrics.registry.metrics();
    for (const outcome of ["disk_full", "unavailable", "error"]) expect(text).toContain(`ciic_db_transaction_duration_seconds_count{outcome="${outcome}"} 1`);
  });
});
