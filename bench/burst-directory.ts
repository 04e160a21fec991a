/**
 * The people of the burst measurement: a directory of screened analysts and liaisons of the four
 * parties that seat staff in the cell, and the ten commands each of them sends at once.
 */
import { writeFileSync } from "node:fs";
import { indicator } from "./generate.js";

export interface Sender {
  slack: string;
  role: "analyst" | "liaison";
  party: string;
}

const PARTIES = [
  { code: "AIVD", short: "AIVD", designation: "Aangewezen door DG AIVD" },
  { code: "MIVD", short: "MIVD", designation: "Samenwerking AIVD–MIVD, Wiv 2017 art 86 (Art 4.4)" },
  { code: "Politie", short: "POL", designation: "Aangewezen door de politiechef landelijke eenheid, Wiv 2017 art 91 (Art 4.2)" },
  { code: "NCSC", short: "NCSC", designation: "Gedetacheerd bij de AIVD (Art 4.3)" },
] as const;

/**
 * `count` senders, analysts and liaisons in turn over the four parties (20: twelve analysts and
 * eight liaisons), written with the rest of a working directory (the OM's and the NCTV's
 * liaisons, a recipient) to `path`.
 */
export function writeBurstDirectory(path: string, count: number): Sender[] {
  const senders: Sender[] = [];
  for (let n = 0; senders.length < count; n++) {
    const party = PARTIES[n % PARTIES.length];
    // Three analysts to two liaisons, as a cell has more staff than liaisons.
    const role = Math.floor(n / PARTIES.length) % 5 < 3 ? "analyst" : "liaison";
    senders.push({ slack: `UB${party.short}${role === "analyst" ? "AN" : "LI"}${String(n).padStart(3, "0")}`, role, party: party.code });
  }
  const member = (s: Sender, n: number) => {
    const party = PARTIES.find((p) => p.code === s.party)!;
    return [
      `  - slack: ${s.slack}`,
      `    name: Bench ${s.role} ${n}`,
      `    party: ${s.party}`,
      `    roles: [${s.role}]`,
      `    screening: 2025-03-01`,
      ...(s.role === "analyst" ? [`    designation: "${party.designation}"`] : []),
    ].join("\n");
  };
  const yaml = [
    "covenant:",
    "  effective: 2020-05-28",
    // The answers are checked against their English wording (commandFor).
    "language: en",
    "members:",
    ...senders.map(member),
    "  - slack: UBOMLI001\n    name: Bench OM liaison\n    party: OM\n    roles: [liaison]\n    screening: 2025-03-01",
    "  - slack: UBNCTVLI1\n    name: Bench NCTV liaison\n    party: NCTV\n    roles: [liaison]\n    screening: 2025-03-01",
    "recipients:",
    "  - id: ncsc-ops\n    name: NCSC operations centre\n    kind: party\n    party: NCSC\n    slack: C0NCSCOPS",
    "",
  ].join("\n");
  writeFileSync(path, yaml);
  return senders;
}

/** What each role sends, in this order: a realistic mix, most of it reads. */
const MIXES = {
  // 4 submits, 3 look-ups, 2 request lists, 1 help.
  analyst: ["submit", "lookup", "submit", "requests", "lookup", "submit", "help", "lookup", "submit", "requests"],
  // 3 submits, 4 request lists (their consent questions), 3 helps.
  liaison: ["submit", "requests", "help", "submit", "requests", "submit", "help", "requests", "requests", "help"],
} as const;

/** Values several parties submit, so that submissions show overlaps and look-ups find records. */
const SHARED = 2_000_000_000;
const SHARED_COUNT = 24;

/**
 * The `n`th command (below 1,024) of sender `s` in round `round` (each round submits values of
 * its own, so that every submission stores something): its text, and the words its answer must
 * contain.
 */
export function commandFor(senders: readonly Sender[], s: number, n: number, round: number): { text: string; expect: RegExp } {
  const sender = senders[s];
  const mix = MIXES[sender.role];
  const kind = mix[n % mix.length];
  const shared = (k: number) => indicator(SHARED + ((round * 7 + s + n + k) % SHARED_COUNT)).value;
  switch (kind) {
    case "submit": {
      const own = (k: number) => indicator(((round * senders.length + s) * 1024 + (n % 1024)) * 2 + k).value;
      return { text: `submit ${own(0)} ${own(1)} ${shared(0)} tlp:green`, expect: /Submission recorded/ };
    }
    case "lookup":
      return { text: `lookup ${shared(1)}`, expect: /records? from|No party has supplied/ };
    case "requests":
      return { text: "requests", expect: /./ };
    case "help":
      return { text: "help", expect: /\/ciic/ };
  }
}
