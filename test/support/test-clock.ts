import type { Clock } from "../../src/core/ports.js";

/** A clock the test moves by hand, so that deadlines pass without sleeping. */
export interface TestClock extends Clock {
  set(when: string | number | Date): void;
  advance(ms: number): void;
}

export function testClock(start: string | number | Date = new Date()): TestClock {
  let t = new Date(start);
  return {
    now: () => new Date(t),
    set: (next) => void (t = new Date(next)),
    advance: (ms) => void (t = new Date(t.getTime() + ms)),
  };
}
