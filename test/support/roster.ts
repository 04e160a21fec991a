import { Document, isScalar, isSeq, visit } from "yaml";
import type { z } from "zod";
import type { directorySchema, MemberDocument } from "../../src/core/directory/schema.js";
import type { RetentionSettings } from "../../src/core/directory/types.js";
import type { Language } from "../../src/core/i18n/language.js";

/**
 * One roster of the cell's people for the core tests: a person is the same person, with the same
 * Slack id, name, party, roles and screening, in every test that loads a directory through
 * `directoryYaml`. Before, each test file wrote its own members, so that one Slack id stood for
 * Pim in one file and Otto in another, the NCSC liaison and the OM's had two names each, and a
 * reader could not carry what one file taught about a person to the next.
 *
 * The roster says nothing about languages: whom the bot speaks Dutch to is what the language
 * tests vary, so a file sets a person's `language` where it builds its directory. Other
 * differences a test needs (a liaison made analyst by a reload, a renewed screening) are made
 * there too, by overriding a field, with a comment saying why.
 *
 * Screenings are valid five years (the directory's default): everyone is screened validly from
 * 2024 until 2029, except Otto (until 2026-01-10), Mark and Sara (expired) and Nina and Tom (never
 * screened), who are there for that.
 */
export type Person = Readonly<MemberDocument & { slack: string }>;

// ---- AIVD ----
export const ANNA: Person = { slack: "U0AIVDAN1", name: "Anna de Vries", party: "AIVD", roles: ["analyst"], screening: "2024-03-01", designation: "Aangewezen door DG AIVD" };
export const BRAM: Person = { slack: "U0AIVDLI1", name: "Bram Bakker", party: "AIVD", roles: ["liaison"], screening: "2024-03-02" };
export const EVA: Person = { slack: "U0AIVDLI2", name: "Eva Jansen", party: "AIVD", roles: ["analyst", "liaison"], screening: "2024-03-03", designation: "Aangewezen door DG AIVD" };
export const DIRK: Person = { slack: "U0AIVDDP1", name: "Dirk Visser", party: "AIVD", roles: ["deputy"], screening: "2024-03-04" };
export const SANNE: Person = { slack: "U0AIVDST1", name: "Sanne Jansen", party: "AIVD", roles: ["steering"], screening: "2024-09-01" };
/** Designated, but never screened (Art 4.6). */
export const NINA: Person = { slack: "U0AIVDNEW", name: "Nina Nieuw", party: "AIVD", roles: ["analyst"], designation: "Aangewezen door DG AIVD" };
/** A liaison whose screening of 2019 expired in 2024 (Art 4.6). */
export const SARA: Person = { slack: "U0AIVDLI8", name: "Sara Smits", party: "AIVD", roles: ["liaison"], screening: "2019-01-01" };
/** A liaison never screened (Art 4.6). */
export const TOM: Person = { slack: "U0AIVDLI9", name: "Tom Terpstra", party: "AIVD", roles: ["liaison"] };

// ---- MIVD ----
export const MAARTEN: Person = { slack: "U0MIVDAN1", name: "Maarten Mol", party: "MIVD", roles: ["analyst"], screening: "2024-04-01", designation: "AIVD-MIVD cooperation (Art 4.4)" };
export const DAAN: Person = { slack: "U0MIVDLI1", name: "Daan Smit", party: "MIVD", roles: ["liaison"], screening: "2024-04-02" };
export const MILA: Person = { slack: "U0MIVDDP1", name: "Mila Meijer", party: "MIVD", roles: ["deputy"], screening: "2024-04-03" };
/** An analyst whose screening of 2019-01-15 expired on 2024-01-15 (Art 4.6). */
export const MARK: Person = { slack: "U0MIVDAN2", name: "Mark Peters", party: "MIVD", roles: ["analyst"], screening: "2019-01-15", designation: "Aangewezen door DG MIVD" };

// ---- NCSC ----
export const GRETA: Person = { slack: "U0NCSCAN1", name: "Greta de Boer", party: "NCSC", roles: ["analyst"], screening: "2024-05-06", designation: "Gedetacheerd bij de AIVD (Art 4.3)" };
export const NOOR: Person = { slack: "U0NCSCLI1", name: "Noor Hendriks", party: "NCSC", roles: ["liaison"], screening: "2024-05-02" };
export const HUGO: Person = { slack: "U0NCSCST1", name: "Hugo Mulder", party: "NCSC", roles: ["steering"], screening: "2024-10-01" };

// ---- Politie ----
export const PIM: Person = { slack: "U0POLAN01", name: "Pim Peters", party: "Politie", roles: ["analyst"], screening: "2024-06-01", designation: "Aangewezen door de politiechef landelijke eenheid" };
/** An analyst screened 2021-01-10: valid until 2026-01-10 (Art 4.6). */
export const OTTO: Person = { slack: "U0POLAN02", name: "Otto Oud", party: "Politie", roles: ["analyst"], screening: "2021-01-10", designation: "Aangewezen door de politiechef landelijke eenheid" };
export const LOTTE: Person = { slack: "U0POLLI01", name: "Lotte Laan", party: "Politie", roles: ["liaison"], screening: "2024-06-02" };
export const RUBEN: Person = { slack: "U0POLDP01", name: "Ruben Ros", party: "Politie", roles: ["deputy"], screening: "2024-06-03" };

// ---- OM ----
export const IRIS: Person = { slack: "U0OMLI001", name: "Iris de Graaf", party: "OM", roles: ["liaison"], screening: "2024-04-04" };

// ---- NCTV ----
/** The NCTV's coordinator, who also answers for the NCTV as its liaison. */
export const JORIS: Person = { slack: "U0NCTVCO1", name: "Joris van Dijk", party: "NCTV", roles: ["coordinator", "liaison"], screening: "2024-08-08" };
export const NORA: Person = { slack: "U0NCTVLI1", name: "Nora Kok", party: "NCTV", roles: ["liaison"], screening: "2024-08-09" };

// ---- CTIVD (oversight) ----
export const KARIN: Person = { slack: "U0CTIVD01", name: "Karin Bos", party: "CTIVD", roles: ["auditor"], screening: "2024-12-01" };
export const FEMKE: Person = { slack: "U0CTIVD02", name: "Femke de Wit", party: "CTIVD", roles: ["auditor"], screening: "2024-12-02" };

/** Every person of the roster by name: `const { ANNA, BRAM } = roster.SLACK` gives their Slack ids. */
const PEOPLE = { ANNA, BRAM, EVA, DIRK, SANNE, NINA, SARA, TOM, MAARTEN, DAAN, MILA, MARK, GRETA, NOOR, HUGO, PIM, OTTO, LOTTE, RUBEN, IRIS, JORIS, NORA, KARIN, FEMKE } as const;
export const SLACK = Object.fromEntries(Object.entries(PEOPLE).map(([name, person]) => [name, person.slack])) as { readonly [Name in keyof typeof PEOPLE]: string };

/** A Slack user in no directory: someone the bot does not know (Art 4.1). */
export const STRANGER = "U0NOBODY1";

/**
 * The members, with those named reading `language`: the same cell in which some read the bot in
 * another language than the rest (issue 13).
 */
export function reading(language: Language, who: readonly Person[], members: readonly Person[]): Person[] {
  return members.map((m) => (who.includes(m) ? { ...m, language } : m));
}

/** What a directory file may say besides its members, as an administrator writes it (the schema's input). */
type DirectoryInput = z.input<typeof directorySchema>;

export interface DirectoryParts {
  members: readonly Person[];
  /** The file's `covenant:`; the date the covenant took effect (28 May 2020) unless given. */
  covenant?: DirectoryInput["covenant"];
  /** The directory's language; absent, the cell's (Dutch). */
  language?: DirectoryInput["language"];
  parties?: DirectoryInput["parties"];
  recipients?: DirectoryInput["recipients"];
  consent?: DirectoryInput["consent"];
  /** Per indicator type too (`ipv4: 180`), which the schema's type cannot name: it builds those keys from a list. */
  retention?: Partial<RetentionSettings>;
  channels?: DirectoryInput["channels"];
  holidays?: DirectoryInput["holidays"];
  /** Keys written as given, after the others and before the members. */
  extra?: Record<string, unknown>;
}

/** A member's keys in the order an administrator writes them; any others follow. */
const MEMBER_KEYS = ["slack", "mattermost", "local", "id", "name", "party", "roles", "screening", "designation", "language"];

/** Without the keys whose value is undefined: an override `{ ...NINA, screening: undefined }` leaves the key out. */
const defined = (entries: [string, unknown][]) => Object.fromEntries(entries.filter(([, v]) => v !== undefined));

/**
 * The text of a directory file with these members and settings, in the shape administrators
 * write (`roles: [liaison]`), for `loadDirectory` or `parseDirectory` to read.
 */
export function directoryYaml(parts: DirectoryParts): string {
  const { members, covenant = { effective: "2020-05-28" }, extra = {}, ...settings } = parts;
  const memberEntries = (person: Person): [string, unknown][] => {
    const fields = person as Record<string, unknown>;
    const rest = Object.keys(fields).filter((k) => !MEMBER_KEYS.includes(k));
    return [...MEMBER_KEYS, ...rest].map((k) => [k, fields[k]]);
  };
  const file = defined([
    ["covenant", covenant],
    ["language", settings.language],
    ["parties", settings.parties],
    ["recipients", settings.recipients],
    ["consent", settings.consent],
    ["retention", settings.retention],
    ["channels", settings.channels],
    ["holidays", settings.holidays],
    ...Object.entries(extra),
    ["members", members.map((m) => defined(memberEntries(m)))],
  ]);
  const doc = new Document(file);
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === "roles" && isSeq(pair.value)) pair.value.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
