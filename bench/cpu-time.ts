import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU time of processes, read from /proc (Linux): what the bench prints beside wall time, which
 * moves more with the machine's drift, and which shows how much of two cores a piece of work needs.
 */

/** Clock ticks a second of /proc/<pid>/stat's times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * The user and system ticks in one /proc/<pid>/stat line. `reaped`: with those of the children
 * the process has waited for, as a server's finished connections are.
 */
export function statTicks(stat: string, reaped = false): number {
  // The fields after the command name, which is in parentheses and may itself hold ") ".
  const fields = stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
  const own = Number(fields[11]) + Number(fields[12]);
  return reaped ? own + Number(fields[13]) + Number(fields[14]) : own;
}

/** CPU time (user and system, ms) the processes used so far; 0 for one that is gone or off Linux. */
export function cpuMs(pids: readonly number[], reaped = false): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      ticks += statTicks(readFileSync(`/proc/${pid}/stat`, "utf8"), reaped);
    } catch {
      // Gone, or not Linux: not counted.
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** The PostgreSQL server's processes on this machine (its backends serve the bots). */
export function postgresPids(): number[] {
  try {
    return readdirSync("/proc")
      .filter((name) => /^\d+$/.test(name))
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres";
        } catch {
          return false;
        }
      })
      .map(Number);
  } catch {
    return [];
  }
}

/**
 * The PostgreSQL server's CPU time so far (ms), the connections that ended included: a piece of
 * work's is the difference of two readings, taken once its connections have ended.
 */
export const postgresCpuMs = () => cpuMs(postgresPids(), true);
