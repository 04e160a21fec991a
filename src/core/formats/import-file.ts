import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { ownParty } from "../guard/audience.js";
import { guardTexts } from "../guard/guard.js";
import { authorise, mayCompareAcrossParties } from "../access/policy.js";
import type { PartyCode } from "../covenant/parties.js";
import { DEFAULT_RELIABILITY } from "../covenant/reliability.js";
import { DEFAULT_TLP, type TlpLabel } from "../covenant/tlp.js";
import type { Directory, Member } from "../directory/types.js";
import { languageOf } from "../i18n/language.js";
import { othersRelatedTo, rangePrefixesOf, type RangePrefixes } from "../relations/related.js";
import { relatedAside, type RelatedAside } from "../relations/related-aside.js";
import { translator, type Translator } from "../i18n/translator.js";
import { phrase, say, type Phrase } from "../i18n/phrase.js";
import type { Clock, NewItem, Store } from "../ports.js";
import { letOthersRun } from "../let-others-run.js";
import { MAX_FILE_BYTES } from "./guard.js";
import { IdRanges } from "./id-ranges.js";
import { labelsNamingOthers } from "./import-labels.js";
import { openFile, parseFile } from "./parse-file.js";
import { ASIDE_FROM_BYTES, parseAside } from "./parse-aside.js";
import { MalformedFileError, sourceRefOf, type FileFormat, type ImportRecord } from "./types.js";

export interface ImportRequest {
  member: Member;
  directory: Directory;
  format: FileFormat;
  /** The file on disk; it is read twice (for its digest, then to import it). */
  path: string;
  fileName: string;
  /** How the file reached the cell, e.g. "cli:import" or "slack:/ciic import". */
  via: string;
  /** Label for records whose source gives none (CSV never does). */
  tlp?: TlpLabel;
  /** CSV columns to take. */
  columns?: string[];
  legalBasis?: string;
  /** Called now and then while the file is read, with the number of values read so far. */
  onProgress?: (valuesRead: number) => void;
  /**
   * The language of the refusals: the member's by default (chat platforms); the operator's
   * command line reads English.
   */
  t?: Translator;
}

/** What the adapters call to import a file a member sent. */
export type Importer = (request: ImportRequest) => Promise<ImportOutcome>;

export type ImportOutcome =
  | {
      ok: true;
      fileSha256: string;
      stored: number;
      alreadyKnown: number;
      duplicatesInFile: number;
      /** How many of the file's indicators other parties also supplied (told to cell staff only). */
      overlaps: number | null;
      /** How many relate to other parties' records without being the same, and whose (cell staff only). */
      related: { indicators: number; parties: PartyCode[] } | null;
      refused: RefusedInFile[];
      ms: number;
    }
  | { ok: false; code: string; message: string; fileSha256?: string };

/** One reason a file's parts were refused: how many, and a few of them with why (said to each reader in their language). */
export interface RefusedInFile {
  code: string;
  count: number;
  examples: { example: string; why: Phrase }[];
}

/** A record whose labels from the file name another party's data (import-labels.ts). */
const LABEL_NAMES_DATA = "import.label_names_data";

/** Examples kept per refusal reason: enough to see what went wrong, never the whole file. */
const EXAMPLES = 3;
/** An import may take a while; it is one transaction, so that a failed one stores nothing. */
const IMPORT_TIMEOUT_MS = 10 * 60_000;

/**
 * Art 5.1 and 5.3 for whole files: every indicator of a STIX bundle, MISP event or CSV feed is
 * stored with full provenance — the importing member and party, the file's name and SHA-256 and
 * the source object id.
 *
 * The file is read twice: once for its SHA-256 (which every item's source reference carries),
 * then parsed and stored slice by slice inside one transaction, so that memory stays flat
 * however large the file. A file that turns out unreadable halfway throws, and the transaction
 * rolls back: it stores nothing. One audit entry records the import, with counts and digests,
 * so that thousands of items cost one log line.
 */
export async function importFile(deps: { store: Store; clock: Clock }, request: ImportRequest): Promise<ImportOutcome> {
  const started = Date.now();
  const { store, clock } = deps;
  const { member, directory } = request;
  const actor = member.id;
  const t = request.t ?? translator(languageOf(member, directory));
  const denied = authorise(member, "import", { now: clock.now(), screeningValidityYears: directory.covenant.screeningValidityYears, t });
  if (denied) {
    await store.transaction((tx) => tx.audit.append([{ action: "access.refused", actor, subject: "command:import", details: { code: denied.code } }], clock.now()));
    return { ok: false, code: denied.code, message: denied.message };
  }
  // The file's name becomes part of each item's source reference, and a basis typed with the
  // import its legal basis: both pass the Art 7.2 guard as an item's labels do.
  const audience = ownParty(member, []);
  const labels = [
    { what: t.text("guard.what.file_name"), text: request.fileName, audience },
    { what: t.text("guard.what.legal_basis"), text: request.legalBasis ?? "", audience },
  ];
  const named = await store.transaction((tx) => guardTexts(tx, member, labels, t));
  if (!named.ok) {
    const message = t.text("formats.import.label_names_data", { problems: named.problems.join("; ") });
    await store.transaction((tx) => tx.audit.append([{ action: "import.refused", actor, details: { file: request.fileName, code: "import.label_names_data", reason: message } }], clock.now()));
    return { ok: false, code: "import.label_names_data", message };
  }
  const { size } = await stat(request.path);
  if (size > MAX_FILE_BYTES) {
    return refuseFile(deps, request, t, MalformedFileError.of("file.too_large", "formats.import.too_large", { max: MAX_FILE_BYTES / 1024 / 1024 }));
  }
  let fileSha256: string;
  try {
    fileSha256 = await sha256Of(openFile(request.path, "digest"), MAX_FILE_BYTES);
  } catch (error) {
    if (!(error instanceof MalformedFileError)) throw error;
    return refuseFile(deps, request, t, error);
  }
  const party = member.party as PartyCode;
  const sourcePrefix = `${request.fileName.slice(-120)} sha256:${fileSha256}`;
  const refused = new Map<string, RefusedInFile>();
  const aside = size >= ASIDE_FROM_BYTES;
  let relating: RelatedAside | undefined;
  try {
    return await store.transaction(
      async (tx) => {
        const now = clock.now();
        const storedHere = new IdRanges();
        const storedDigest = createHash("sha256");
        const counts = { alreadyKnown: 0, duplicatesInFile: 0, overlapping: 0, related: 0, read: 0 };
        const relatedParties = new Set<PartyCode>();
        // Read once: the file's own ranges relate only to its own party's records, which it does not count.
        let rangePrefixes: RangePrefixes | undefined;
        const compare = mayCompareAcrossParties(member);
        // The party's current items of the file's values, stored here or known before: what the
        // overlaps are counted again over, should another writer have stored items meanwhile.
        const ofFile = new IdRanges();
        // Every writer of items appends to the audit log: a head that moved while the file was
        // read says that another one committed between this import's look-ups and its end.
        const seqAtStart = compare ? (await tx.audit.head()).seq : 0;
        let slice = new Map<string, ImportRecord>();
        // A cell where no other party holds anything yet (a first import) has nothing to relate
        // and no overlap to look up.
        const relate = compare && (await tx.items.othersHoldAny(party));
        // A large file's related records are looked up in a thread of their own where the store
        // offers one (SQLite), while this one stores the next slices; at most RELATED_AHEAD
        // slices' answers are awaited at once. Work run again (a conflict) starts a thread anew.
        await relating?.close();
        relating = relate && aside && store.relationReader ? relatedAside(store.relationReader(), party) : undefined;
        const asked: Promise<Map<string, PartyCode[]>>[] = [];
        const countRelated = (related: Map<string, PartyCode[]>) => {
          for (const parties of related.values()) {
            counts.related++;
            for (const p of parties) relatedParties.add(p);
          }
        };

        const refuse = (code: string, example: string, why: Phrase) => {
          const entry = refused.get(code) ?? { code, count: 0, examples: [] };
          entry.count++;
          if (entry.examples.length < EXAMPLES) entry.examples.push({ example, why });
          refused.set(code, entry);
        };

        const flush = async () => {
          const read = [...slice.values()];
          slice = new Map();
          if (read.length === 0) return;
          // Labels from the file that name another party's data are refused with their record (Art 7.2).
          const naming = await labelsNamingOthers(tx, member, read, { fileBasis: request.legalBasis === undefined, sameFileColumn: request.format === "csv" });
          for (const [record, what] of naming) refuse(LABEL_NAMES_DATA, record.supplied ?? record.value, phrase("formats.refused.label_names_data", { what: phrase(what) }));
          const records = naming.size === 0 ? read : read.filter((r) => !naming.has(r));
          if (records.length === 0) return;
          // The insert leaves out what this party holds already, which the head's unique index
          // finds as the rest is stored: a look-up of every value before it searched that index
          // once more. Only the few left out are read whole.
          const stored = await tx.items.insertAbsent(records.map((r) => newItem(r, request, party, sourcePrefix, now)));
          const storedKeys = new Set(stored.map((i) => `${i.type}|${i.value}`));
          const present = stored.length < records.length ? records.filter((r) => !storedKeys.has(`${r.type}|${r.value}`)) : [];
          const current = present.length > 0 ? await tx.items.currentOf(party, present) : [];
          // A record this import stored in an earlier slice is a repeat within the file.
          for (const item of current) {
            if (storedHere.has(item.id)) counts.duplicatesInFile++;
            else counts.alreadyKnown++;
            ofFile.add(item.id);
          }
          for (const item of stored) {
            storedHere.add(item.id);
            ofFile.add(item.id);
            storedDigest.update(`${item.type}|${item.value}\n`);
          }
          // Where no other party held anything when the import began, any record of theirs there is
          // now another writer committed since, which the count at the end takes in (holdHead below).
          if (relate) {
            // Other parties' current records of the slice are the overlaps (Art 6.1).
            counts.overlapping += new Set((await tx.items.suppliersOf(records, party)).map((h) => `${h.type}|${h.value}`)).size;
            // Related records as a submission finds them (Art 6.1); the file's own are its party's.
            if (relating) {
              if (asked.length >= RELATED_AHEAD) countRelated(await asked.shift()!);
              asked.push(relating.ask(records.map((r) => ({ type: r.type, value: r.value, prepared: r.prepared, ...(r.sameFile && storedKeys.has(`${r.type}|${r.value}`) ? { sameFile: r.sameFile } : {}) }))));
            } else {
              rangePrefixes ??= await rangePrefixesOf(tx.items);
              countRelated(await othersRelatedTo(tx.items, records, party, { rangePrefixes }));
            }
          }
          // The slice's queries answer at once on SQLite and the parsed items wait queued: a
          // 1,000,000-line feed kept the bot from reading any request for 35 s.
          await letOthersRun();
        };

        const file = { path: request.path, format: request.format, options: { columns: request.columns, tlp: request.tlp } };
        // A large file is parsed in a thread of its own, which also seals its items for the store
        // (parse-aside.ts), while this one stores them: the import's work on two cores.
        const reading = aside ? parseAside(file, { sourcePrefix, preparer: store.itemPreparer?.() }) : parseFile(file);
        for await (const events of reading) {
          for (const event of events) {
            if (++counts.read % PROGRESS_EVERY === 0) request.onProgress?.(counts.read);
            if (event.kind === "refused") {
              refuse(event.refusal.code, event.refusal.example, event.refusal.why);
              continue;
            }
            const key = `${event.record.type}|${event.record.value}`;
            if (slice.has(key)) counts.duplicatesInFile++;
            else slice.set(key, event.record);
            if (slice.size >= SLICE) await flush();
          }
        }
        await flush();
        for (const related of asked.splice(0)) countRelated(await related);
        if (compare) {
          // Art 6.1 when two parties import at once (several instances on PostgreSQL): each
          // slice's look-up saw what was committed when it ran, not what another import committed
          // later. With the head held (as the entry below would take it), no other writer can
          // commit before this one, and what did commit meanwhile is counted: of two parties
          // importing one value at once, the later is told, as with submissions.
          await tx.audit.holdHead();
          if ((await tx.audit.head()).seq !== seqAtStart) counts.overlapping = await tx.items.heldByOthers(party, ofFile.runs());
        }

        const refusedList = [...refused.values()];
        await tx.audit.append(
          [
            {
              action: "indicators.imported",
              actor,
              subject: `party:${party}`,
              details: {
                file: request.fileName,
                format: request.format,
                sha256: fileSha256,
                via: request.via,
                stored: storedHere.size,
                storedIds: storedHere.toString(),
                alreadyKnown: counts.alreadyKnown,
                duplicatesInFile: counts.duplicatesInFile,
                ...(compare ? { relatedShown: counts.related } : {}),
                refused: refusedList.map((r) => ({ code: r.code, count: r.count })),
                // The digest of what was stored: SHA-256 over "type|value" lines in the order stored.
                storedSha256: storedDigest.digest("hex"),
              },
            },
          ],
          now,
        );
        return {
          ok: true as const,
          fileSha256,
          stored: storedHere.size,
          alreadyKnown: counts.alreadyKnown,
          duplicatesInFile: counts.duplicatesInFile,
          overlaps: compare ? counts.overlapping : null,
          related: compare ? { indicators: counts.related, parties: [...relatedParties].sort() } : null,
          refused: refusedList,
          ms: Date.now() - started,
        };
      },
      { timeoutMs: IMPORT_TIMEOUT_MS, bulk: true },
    );
  } catch (error) {
    if (!(error instanceof MalformedFileError)) throw error;
    return refuseFile(deps, request, t, error, fileSha256);
  } finally {
    await relating?.close();
  }
}

/** The SHA-256 of a stream, refusing it past `maxBytes`. */
async function sha256Of(input: Readable, maxBytes: number): Promise<string> {
  const hash = createHash("sha256");
  let seen = 0;
  for await (const chunk of input) {
    seen += (chunk as Buffer).length;
    if (seen > maxBytes) {
      input.destroy();
      throw MalformedFileError.of("file.too_large", "formats.import.too_large", { max: Math.round(maxBytes / 1024 / 1024) });
    }
    hash.update(chunk as Buffer);
  }
  return hash.digest("hex");
}

/**
 * A file that cannot be read as its format: refused whole, audited (in English), nothing stored.
 * The member reads why in their language where the catalogue has it; the parsers' reasons that
 * quote the JSON engine or the file's structure are English.
 */
async function refuseFile(deps: { store: Store; clock: Clock }, request: ImportRequest, t: Translator, error: MalformedFileError, fileSha256?: string): Promise<ImportOutcome> {
  await deps.store.transaction((tx) =>
    tx.audit.append(
      [
        {
          action: "import.refused",
          actor: request.member.id,
          details: { file: request.fileName, format: request.format, sha256: fileSha256 ?? null, code: error.code, reason: error.message },
        },
      ],
      deps.clock.now(),
    ),
  );
  return { ok: false, code: error.code, message: t.text("formats.import.refused", { reason: error.why ? say(t, error.why) : error.message }), fileSha256 };
}

/** How often (in values read) a long import reports progress. */
const PROGRESS_EVERY = 20_000;

/**
 * Rows looked up and stored per round trip. A slice is alive from its first parsed row to its
 * stored ids, and every young collection in between copied it: at 5,000 this thread's collections
 * took 13 ms each, copying 3 MB (2.8–3.4 s of a 1,000,000-line CSV import on SQLite), and much of
 * it was promoted, to be collected later at greater cost. At 1,000 they take 4 ms, and the round
 * trips, five times as many, cost no time that could be told from the noise on PostgreSQL.
 */
export const SLICE = 1000;

/** Slices whose related records the relation thread may look up while this one stores further. */
const RELATED_AHEAD = 4;

function newItem(r: ImportRecord, request: ImportRequest, party: PartyCode, sourcePrefix: string, now: Date): NewItem {
  return {
    type: r.type,
    value: r.value,
    party,
    memberId: request.member.id,
    memberName: request.member.name,
    submittedAt: now,
    // A basis the importer types wins; else the one the file kept; else the party's usual one.
    legalBasis: request.legalBasis ?? r.legalBasis ?? request.directory.legalBasis[party],
    reliability: r.reliability ?? DEFAULT_RELIABILITY,
    tlp: r.tlp ?? request.tlp ?? DEFAULT_TLP,
    sourceRef: sourceRefOf(r, sourcePrefix),
    note: r.note ?? null,
    via: request.via,
    supersedesId: null,
    ...(r.sameFile ? { sameFile: r.sameFile } : {}),
    ...(r.supplied ? { supplied: r.supplied } : {}),
    ...(r.firstSeen ? { firstSeen: r.firstSeen } : {}),
    ...(r.prepared ? { prepared: r.prepared } : {}),
  };
}
