import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmdirSync, unlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lookIntoSqlite, type LookInto } from "./database.js";
import { closeRun, faultRun, type FaultRunResources } from "./run.js";
import { faultSettings } from "./settings.js";

/**
 * Issue 12's fault injection on SQLite: the bot as it ships (dist/main.js), one instance (SQLite is
 * single-instance), its database on a small tmpfs that the run fills to the last byte for seconds at
 * a time while the cell works, besides kill -9 and a misbehaving Slack. Once space is back the bot
 * must carry on without a restart: everything released once, sent once and in order, no click lost,
 * nothing stuck, the audit log intact. Counted and printed as the PostgreSQL run is.
 *
 * Mounting a tmpfs needs root (`mount -t tmpfs -o size=<n>m tmpfs <dir>`); where it cannot be done
 * the test is skipped, and its name says so.
 */
const { seed, rounds: pgRounds, long } = faultSettings();
const rounds = Math.ceil(pgRounds / 2);

/**
 * The disk's size in MB. What the run stores must fit on it once the filler is gone: a disk the
 * database itself has filled stays full, and no bot could carry on (none is asked to; it refuses
 * to start, saying the disk is full). A run of 60 rounds on 4 MB came to that after 19 rounds: the
 * database at 2.4 MB and its write-ahead log at 1.8 MB, which no checkpoint could empty, as that
 * needed the database to grow. So 4 MB for the schema, the keys and the log between checkpoints,
 * and 128 KB a round (a round stores about 60 KB: its request, decisions, release, messages and
 * their audit entries, sealed).
 */
const diskMb = Math.ceil(4 + (rounds * 128) / 1024);

function mountTmpfs(dir: string, sizeMb: number): void {
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeMb}m`, "tmpfs", dir], { stdio: ["ignore", "pipe", "pipe"] });
}
function unmount(dir: string): void {
  for (let attempt = 1; ; attempt++) {
    try {
      execFileSync("umount", [dir], { stdio: ["ignore", "pipe", "pipe"] });
      return;
    } catch (error) {
      if (attempt >= 20) throw error;
      execFileSync("sleep", ["0.2"]);
    }
  }
}

/** Whether a tmpfs can be mounted here; why not, if it cannot. */
const cannotMount = (() => {
  const probe = mkdtempSync(join(tmpdir(), "ciic-fault-probe-"));
  try {
    mountTmpfs(probe, 1);
    unmount(probe);
    return undefined;
  } catch (error) {
    const e = error as { stderr?: Buffer; message: string };
    return (e.stderr?.toString().trim() || e.message).split("\n")[0];
  } finally {
    rmdirSync(probe);
  }
})();

describe("faults: SQLite on a small disk that fills up", () => {
  const resources: FaultRunResources = { instances: [] };
  let dir: string | undefined;
  let look: LookInto | undefined;

  afterAll(async () => {
    await closeRun(resources);
    await look?.close();
    if (dir) {
      unmount(dir);
      rmdirSync(dir);
    }
  });

  it.skipIf(cannotMount !== undefined)(
    cannotMount
      ? `SKIPPED — a tmpfs cannot be mounted here (${cannotMount}; it needs root), so SQLite on a full disk is not tried`
      : `${rounds} disclosure rounds on a ${diskMb} MB disk filled up again and again, with kill -9 and a misbehaving Slack: each release posted once per part, no message twice or out of order, no click lost, nothing stuck, audit intact (seed ${seed})`,
    { timeout: (long ? rounds * 14 + 400 : 420) * 1000 },
    async () => {
      dir = mkdtempSync(join(tmpdir(), "ciic-fault-disk-"));
      mountTmpfs(dir, diskMb);
      const file = join(dir, "ciic.db");
      look = lookIntoSqlite(file);
      const filler = join(dir, "filler");
      /** Fills the disk to its last byte; the returned function frees it. */
      const fillDisk = async () => {
        const fd = openSync(filler, "w");
        try {
          for (const size of [256 * 1024, 4096, 64, 1]) {
            const chunk = Buffer.alloc(size, 0x2e);
            try {
              for (;;) writeSync(fd, chunk);
            } catch (error) {
              if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
            }
          }
        } finally {
          closeSync(fd);
        }
        return async () => unlinkSync(filler);
      };
      const { problems } = await faultRun(
        {
          scenario: "SQLite on a full disk",
          seed,
          rounds,
          workers: 3,
          plan: { slackFaultRate: 0.12, killEverySeconds: long ? [8, 16] : [10, 18], killAfterSendRate: 0.03, clickKillRate: 0.06, outageEverySeconds: long ? [8, 20] : [8, 14] },
          instances: ["S"],
          databaseUrl: `file:${file}`,
          directDatabaseUrl: `file:${file}`,
          look,
          fillDisk,
          live: long,
        },
        resources,
      );
      expect(problems, `fault run, seed ${seed} (replay: CIIC_FAULTS_SEED=${seed} CIIC_FAULTS_ROUNDS=${pgRounds} npm run faults)`).toEqual([]);
    },
  );
});
