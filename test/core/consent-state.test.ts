import { describe, expect, it } from "vitest";
import {
  ASK_STATES,
  ASK_TRANSITIONS,
  REQUEST_STATES,
  deriveRequestState,
  isClosed,
  type AskEvent,
  type AskState,
} from "../../src/core/disclosure/consent-state.js";
import { workingCalendar } from "../../src/core/time/holidays.js";
import { addWorkingDays as addWorkingDaysIn } from "../../src/core/time/working-time.js";

/**
 * The consent state machine of Art 7.2, without storage: which decision may follow which, and
 * what a request's asks make of it. Silence is never consent: only "every party approved" makes
 * a request ready for release.
 */

const EVENTS: AskEvent[] = ["approve", "deny", "expire", "revoke", "close"];

/** The allowed transitions, written out by hand: every pair not listed here must be refused. */
const ALLOWED: Record<string, AskState> = {
  "approve PENDING": "APPROVED",
  "deny PENDING": "DENIED",
  "expire PENDING": "EXPIRED",
  // Only the party's own consent can be revoked; a request ended by someone else closes the
  // party's ask, whether it was waiting or approved. Two words, two meanings.
  "revoke APPROVED": "REVOKED",
  "close PENDING": "CLOSED",
  "close APPROVED": "CLOSED",
};

const asks = (...states: AskState[]) => states.map((state) => ({ state }));

describe("ASK_TRANSITIONS: what may happen to one party's consent (Art 7.2)", () => {
  it("covers exactly the five events and names only known states", () => {
    expect(Object.keys(ASK_TRANSITIONS).sort()).toEqual([...EVENTS].sort());
    for (const { from, to } of Object.values(ASK_TRANSITIONS)) {
      expect(ASK_STATES).toContain(to);
      for (const state of from) expect(ASK_STATES).toContain(state);
    }
  });

  const pairs = EVENTS.flatMap((event) => ASK_STATES.map((state) => [event, state] as const));
  it.each(pairs.filter(([event, state]) => ALLOWED[`${event} ${state}`]))("allows %s from %s", (event, state) => {
    expect(ASK_TRANSITIONS[event].from).toContain(state);
    expect(ASK_TRANSITIONS[event].to).toBe(ALLOWED[`${event} ${state}`]);
  });

  it.each(pairs.filter(([event, state]) => !ALLOWED[`${event} ${state}`]))("refuses %s from %s", (event, state) => {
    expect(ASK_TRANSITIONS[event].from).not.toContain(state);
  });

  it("tests every one of the 30 event/state pairs, six of them allowed", () => {
    expect(pairs).toHaveLength(30);
    expect(pairs.filter(([event, state]) => ASK_TRANSITIONS[event].from.includes(state))).toHaveLength(6);
  });

  it("makes every decided state final except APPROVED, which may still be revoked before release (Art 7.2)", () => {
    for (const state of ["DENIED", "EXPIRED", "REVOKED", "CLOSED"] as const) {
      expect(EVENTS.filter((e) => ASK_TRANSITIONS[e].from.includes(state)), state).toEqual([]);
    }
    expect(EVENTS.filter((e) => ASK_TRANSITIONS[e].from.includes("APPROVED")).sort()).toEqual(["close", "revoke"]);
  });

  it("reaches REVOKED only by the party's own revoke, and CLOSED only by someone else closing the request", () => {
    expect(EVENTS.filter((e) => ASK_TRANSITIONS[e].to === "REVOKED")).toEqual(["revoke"]);
    expect(EVENTS.filter((e) => ASK_TRANSITIONS[e].to === "CLOSED")).toEqual(["close"]);
    expect(ASK_STATES).not.toContain("WITHDRAWN");
  });

  it("never reaches APPROVED except by an explicit approval: silence is never consent (Art 7.2)", () => {
    expect(EVENTS.filter((e) => ASK_TRANSITIONS[e].to === "APPROVED")).toEqual(["approve"]);
    expect(ASK_TRANSITIONS.expire.to).toBe("EXPIRED");
  });
});

describe("deriveRequestState: what a request's asks make of it (Art 7.2)", () => {
  it("is READY only when every party approved", () => {
    expect(deriveRequestState(asks("APPROVED"))).toBe("READY");
    expect(deriveRequestState(asks("APPROVED", "APPROVED", "APPROVED"))).toBe("READY");
  });

  it("stays PENDING while any party has not answered, however many approved", () => {
    expect(deriveRequestState(asks("PENDING"))).toBe("PENDING");
    expect(deriveRequestState(asks("APPROVED", "PENDING"))).toBe("PENDING");
    expect(deriveRequestState(asks("PENDING", "APPROVED", "APPROVED"))).toBe("PENDING");
  });

  it("is not READY without asks: no consent is no consent", () => {
    expect(deriveRequestState([])).toBe("PENDING");
  });

  it("is DENIED by one denial, whatever the others said", () => {
    expect(deriveRequestState(asks("DENIED"))).toBe("DENIED");
    expect(deriveRequestState(asks("APPROVED", "DENIED"))).toBe("DENIED");
    expect(deriveRequestState(asks("DENIED", "PENDING", "APPROVED"))).toBe("DENIED");
  });

  it("is DENIED by one revoked consent", () => {
    expect(deriveRequestState(asks("APPROVED", "REVOKED"))).toBe("DENIED");
    expect(deriveRequestState(asks("REVOKED", "PENDING"))).toBe("DENIED");
  });

  it("is CLOSED, not DENIED, when asks were closed by someone else: a closed ask is no decision", () => {
    expect(deriveRequestState(asks("CLOSED", "CLOSED"))).toBe("CLOSED");
    expect(deriveRequestState(asks("APPROVED", "CLOSED"))).toBe("CLOSED");
    // Another party's denial closed this one: the denial is what blocked the request.
    expect(deriveRequestState(asks("DENIED", "CLOSED"))).toBe("DENIED");
    expect(deriveRequestState(asks("REVOKED", "CLOSED"))).toBe("DENIED");
  });

  it("is EXPIRED when a party let the deadline pass, unless another denied", () => {
    expect(deriveRequestState(asks("EXPIRED"))).toBe("EXPIRED");
    expect(deriveRequestState(asks("APPROVED", "EXPIRED"))).toBe("EXPIRED");
    expect(deriveRequestState(asks("EXPIRED", "PENDING"))).toBe("EXPIRED");
    expect(deriveRequestState(asks("EXPIRED", "DENIED"))).toBe("DENIED");
    expect(deriveRequestState(asks("REVOKED", "EXPIRED"))).toBe("DENIED");
  });

  it("agrees with the rules on every combination of three asks", () => {
    const expected = (states: AskState[]) =>
      states.includes("DENIED") || states.includes("REVOKED")
        ? "DENIED"
        : states.includes("EXPIRED")
          ? "EXPIRED"
          : states.includes("CLOSED")
            ? "CLOSED"
            : states.every((s) => s === "APPROVED")
              ? "READY"
              : "PENDING";
    let checked = 0;
    for (const a of ASK_STATES) {
      for (const b of ASK_STATES) {
        for (const c of ASK_STATES) {
          const states = [a, b, c];
          expect(deriveRequestState(asks(...states)), states.join(",")).toBe(expected(states));
          // The order of the asks never matters.
          expect(deriveRequestState(asks(c, a, b))).toBe(expected(states));
          checked++;
        }
      }
    }
    expect(checked).toBe(216);
  });

  it("calls every request state but PENDING closed", () => {
    expect(REQUEST_STATES.filter(isClosed)).toEqual(["RELEASED", "DENIED", "EXPIRED", "WITHDRAWN"]);
    expect(isClosed("PENDING")).toBe(false);
  });
});

describe("addWorkingDays: consent deadlines count Monday to Friday", () => {
  const at = (iso: string) => new Date(iso);
  // The Dutch calendar without the directory's changes; the holidays themselves are tested in test/core/time.
  const addWorkingDays = (from: Date, days: number) => addWorkingDaysIn(from, days, workingCalendar());

  it("takes Friday + 1 working day to Monday, at the same time of day", () => {
    expect(addWorkingDays(at("2025-11-07T10:00:00.000Z"), 1)).toEqual(at("2025-11-10T10:00:00.000Z"));
  });

  it("counts a week of five working days from any weekday to the same weekday", () => {
    expect(addWorkingDays(at("2025-11-03T10:00:00.000Z"), 5)).toEqual(at("2025-11-10T10:00:00.000Z")); // Monday
    expect(addWorkingDays(at("2025-11-07T16:30:00.000Z"), 5)).toEqual(at("2025-11-14T16:30:00.000Z")); // Friday
    expect(addWorkingDays(at("2025-11-05T08:15:00.000Z"), 10)).toEqual(at("2025-11-19T08:15:00.000Z")); // Wednesday
  });

  it("skips the weekend in the middle of a span", () => {
    expect(addWorkingDays(at("2025-11-06T09:00:00.000Z"), 2)).toEqual(at("2025-11-10T09:00:00.000Z")); // Thu + 2 = Mon
    expect(addWorkingDays(at("2025-11-04T09:00:00.000Z"), 4)).toEqual(at("2025-11-10T09:00:00.000Z")); // Tue + 4 = Mon
  });

  it("starts counting on Monday when asked at the weekend", () => {
    expect(addWorkingDays(at("2025-11-08T12:00:00.000Z"), 1)).toEqual(at("2025-11-10T12:00:00.000Z")); // Saturday
    expect(addWorkingDays(at("2025-11-09T12:00:00.000Z"), 1)).toEqual(at("2025-11-10T12:00:00.000Z")); // Sunday
    expect(addWorkingDays(at("2025-11-09T12:00:00.000Z"), 5)).toEqual(at("2025-11-14T12:00:00.000Z"));
  });

  it("never lands on a Saturday or Sunday", () => {
    for (let start = 0; start < 14; start++) {
      for (let days = 1; days <= 12; days++) {
        const from = new Date(Date.UTC(2025, 10, 3 + start, 10));
        expect([0, 6], `${from.toISOString()} + ${days}`).not.toContain(addWorkingDays(from, days).getUTCDay());
      }
    }
  });

  it("leaves its argument alone and returns a new date for 0 days", () => {
    const from = at("2025-11-07T10:00:00.000Z");
    const same = addWorkingDays(from, 0);
    expect(same).toEqual(from);
    expect(same).not.toBe(from);
    addWorkingDays(from, 3);
    expect(from).toEqual(at("2025-11-07T10:00:00.000Z"));
  });

  it("crosses a month and a year end, skipping New Year's Day", () => {
    expect(addWorkingDays(at("2025-12-31T10:00:00.000Z"), 3)).toEqual(at("2026-01-06T10:00:00.000Z")); // Wed + 3 = Tue: Thu 1 Jan is a holiday
  });
});

describe("a typed deadline ends at midnight in the Netherlands, where the cell works", () => {
  it("is 21:59:59 UTC in summer (CEST, UTC+2) and 22:59:59 UTC in winter (CET, UTC+1)", async () => {
    const { endOfDayInCell } = await import("../../src/core/time/cell-zone.js");
    expect(endOfDayInCell("2026-07-01").toISOString()).toBe("2026-07-01T21:59:59.000Z");
    expect(endOfDayInCell("2026-12-11").toISOString()).toBe("2026-12-11T22:59:59.000Z");
    // The day the clocks go back: the day ends in CET.
    expect(endOfDayInCell("2026-10-25").toISOString()).toBe("2026-10-25T22:59:59.000Z");
  });
});
