import { createWriteStream } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { parseTlp } from "../core/covenant/tlp.js";
import type { Directory, Member } from "../core/directory/types.js";
import { formatOf } from "../core/formats/detect-format.js";
import { exportPartyItems } from "../core/formats/export-items.js";
import { importFile } from "../core/formats/import-file.js";
import { refusedExamples } from "../core/formats/import-view.js";
import type { FileFormat } from "../core/formats/types.js";
import { systemClock, type Store } from "../core/ports.js";
import { translator } from "../core/i18n/translator.js";

type Out = { write(text: string): unknown };
const FORMATS: FileFormat[] = ["stix", "misp", "csv"];

async function memberNamed(store: Store, id: string | undefined, err: Out): Promise<{ member: Member; directory: Directory } | undefined> {
  const record = await store.directory.current();
  const member = record?.directory.members.find((m) => m.id === id);
  if (!record || !member) {
    // "aivd-analyst" for "local:aivd-analyst": a member's id names its platform first.
    const meant = id && !id.includes(":") ? record?.directory.members.filter((m) => m.id.endsWith(`:${id}`)).map((m) => m.id) : [];
    const hint = meant && meant.length > 0 ? `; a member's id begins with its platform: --as ${meant.join(" or --as ")}` : "";
    err.write(`${id ? `No member with id ${id} is in the directory${hint}` : "Say who imports or exports: --as <member id>"} (see \`ciic directory show\`).\n`);
    return undefined;
  }
  return { member, directory: record.directory };
}

/** `ciic import <file> --as <member id> [--format stix|misp|csv] [--tlp amber] [--column name …] [--basis "…"]` */
export async function runImport(store: Store, args: string[], out: Out, err: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { as: { type: "string" }, format: { type: "string" }, tlp: { type: "string" }, column: { type: "string", multiple: true }, basis: { type: "string" } },
  });
  const file = positionals[0];
  if (!file) {
    err.write("Name the file to import: ciic import <file> --as <member id>\n");
    return 2;
  }
  const who = await memberNamed(store, values.as, err);
  if (!who) return 2;
  const tlp = values.tlp ? parseTlp(values.tlp) : undefined;
  if (values.tlp && !tlp) {
    err.write(`${values.tlp} is not a TLP 2.0 label: use CLEAR, GREEN, AMBER, AMBER+STRICT or RED.\n`);
    return 2;
  }
  const named = values.format as FileFormat | undefined;
  if (named && !FORMATS.includes(named)) {
    err.write(`--format must be one of ${FORMATS.join(", ")}.\n`);
    return 2;
  }
  const format = await formatOf(file, file, named);
  if (!format) {
    err.write(`Cannot tell the format of ${file}; name it with --format stix, misp or csv.\n`);
    return 2;
  }
  // On a terminal, a large import says how far it got; in a script, only the result is written.
  const onTerminal = (err as { isTTY?: boolean }).isTTY === true;
  const outcome = await importFile(
    { store, clock: systemClock },
    {
      ...who,
      format,
      path: file,
      fileName: basename(file),
      via: "cli:import",
      // The operator's command line reads English, whatever the member's language.
      t: translator("en"),
      tlp,
      columns: values.column,
      legalBasis: values.basis,
      onProgress: onTerminal ? (read) => err.write(`  ${read.toLocaleString("en")} values read…\n`) : undefined,
    },
  );
  if (!outcome.ok) {
    err.write(`${outcome.message}\n`);
    return 1;
  }
  out.write(
    `${file} (${format}, sha256 ${outcome.fileSha256}): stored ${outcome.stored}, already known ${outcome.alreadyKnown}, ` +
      `repeated in the file ${outcome.duplicatesInFile}, refused ${outcome.refused.reduce((n, r) => n + r.count, 0)}` +
      `${outcome.overlaps === null ? "" : `, also supplied by another party ${outcome.overlaps}`}${outcome.related === null ? "" : `, related to another party's records ${outcome.related.indicators}`} — ${outcome.ms} ms\n`,
  );
  for (const r of outcome.refused) out.write(`  refused ${r.count}× ${r.code}, e.g. ${refusedExamples(translator("en"), r)}\n`);
  return 0;
}

/** `ciic export --as <member id> --format stix|misp|csv [--out file]`: the member's party's items. */
export async function runExport(store: Store, args: string[], out: Out, err: Out): Promise<number> {
  const { values } = parseArgs({ args, options: { as: { type: "string" }, format: { type: "string" }, out: { type: "string" } } });
  const format = values.format as FileFormat | undefined;
  if (!format || !FORMATS.includes(format)) {
    err.write(`Name the format: --format ${FORMATS.join(" | ")}\n`);
    return 2;
  }
  const who = await memberNamed(store, values.as, err);
  if (!who) return 2;
  const target = values.out ? createWriteStream(values.out) : out;
  try {
    for await (const chunk of exportPartyItems({ store, clock: systemClock }, { ...who, format })) {
      if (!target.write(chunk) && "once" in target) await new Promise((resolve) => (target as NodeJS.WritableStream).once("drain", resolve));
    }
  } catch (error) {
    err.write(`${(error as Error).message}\n`);
    return 1;
  }
  if (values.out) await new Promise<void>((resolve) => (target as NodeJS.WritableStream).end(() => resolve()));
  return 0;
}
