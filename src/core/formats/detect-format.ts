import { open } from "node:fs/promises";
import type { FileFormat } from "./types.js";

/**
 * Tells the format from a file's name and first bytes: JSON with a STIX bundle, JSON with a MISP
 * event, or a CSV / plain-text feed. Undefined when it cannot tell; the user then names it.
 */
export function detectFormat(fileName: string, head: string): FileFormat | undefined {
  const start = head.replace(/^\uFEFF/, "").trimStart();
  if (start.startsWith("{") || start.startsWith("[")) {
    if (/"type"\s*:\s*"bundle"/.test(start) || /"spec_version"\s*:\s*"2\.1"/.test(start)) return "stix";
    if (/"(Event|response)"\s*:/.test(start)) return "misp";
    // A bare event as PyMISP writes it (no "Event" wrapper): its attribute lists, or an event's
    // own fields beside its title.
    if (/"(Attribute|Object)"\s*:\s*\[/.test(start) || (/"info"\s*:/.test(start) && /"(threat_level_id|analysis|distribution|orgc_id)"\s*:/.test(start))) return "misp";
    return undefined;
  }
  if (/\.(csv|txt|tsv|list)$/i.test(fileName) || start.length > 0) return "csv";
  return undefined;
}

/** The first 4 KiB of a file, as text: enough to tell STIX, MISP and CSV apart. */
async function readHead(path: string): Promise<string> {
  const handle = await open(path);
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    return buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
}

/** The format the member named, or else the one the file's name and first bytes show. */
export async function formatOf(path: string, fileName: string, named?: FileFormat): Promise<FileFormat | undefined> {
  return named ?? detectFormat(fileName, await readHead(path));
}
