import { describe, expect, it } from "vitest";
import { cpuMs, statTicks } from "../../bench/cpu-time.js";
import { cpuPerItem } from "../../bench/import-in-child.js";

// A /proc/<pid>/stat line as Linux writes it: pid, (command name), state, then the numbers; the
// 14th to 17th fields are utime, stime, cutime and cstime in clock ticks.
const stat = (name: string, [utime, stime, cutime, cstime]: number[]) =>
  `4242 (${name}) S 1 4242 4242 0 -1 4194560 900 0 0 0 ${utime} ${stime} ${cutime} ${cstime} 20 0 1 0 123 456789 100 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0`;

describe("CPU time read from /proc, as the bench prints it beside wall time", () => {
  it("adds user and system ticks, and those of reaped children only when asked", () => {
    expect(statTicks(stat("postgres", [150, 30, 4000, 700]))).toBe(180);
    expect(statTicks(stat("postgres", [150, 30, 4000, 700]), true)).toBe(4880);
  });

  it("finds the numbers after a command name that holds spaces and parentheses", () => {
    expect(statTicks(stat("odd ) name (x)", [7, 3, 0, 0]))).toBe(10);
  });

  it("counts this process's own time, and nothing for a process that is not there", () => {
    const spin = Date.now() + 30;
    while (Date.now() < spin);
    // Ticks are 10 ms: 30 ms of spinning shows as at least one.
    expect(cpuMs([process.pid])).toBeGreaterThan(0);
    expect(cpuMs([2 ** 31 - 1])).toBe(0);
  });

  it("prints an import's CPU time per item stored, the database server's beside the bot's where it is one", () => {
    expect(cpuPerItem({ stored: 200_000, cpuMs: 12_300 })).toBe("CPU 62 µs an item");
    expect(cpuPerItem({ stored: 1_000_000, cpuMs: 40_000, serverCpuMs: 22_400 })).toBe("CPU 40 µs an item, the database server's 22 µs");
    expect(cpuPerItem({ stored: 0, cpuMs: 5 })).toBe("CPU 5000 µs an item");
  });
});
