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
    return undefined;
  }
  if (/\.(csv|txt|tsv|list)$/i.test(fileName) || start.length > 0) return "csv";
  return undefined;
}
