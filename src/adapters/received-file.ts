import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { detectFormat } from "../core/formats/detect-format.js";
import type { FileFormat } from "../core/formats/types.js";

/** The first 4 KiB of a file just received, as text: enough to tell STIX, MISP and CSV apart. */
export async function readHead(path: string): Promise<string> {
  const handle = await open(path);
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    return buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
}

/**
 * Runs `work` on a path in a folder of its own, made for a file a member sends and removed after:
 * the file is kept only as long as its import runs.
 */
export async function withReceivedFile<T>(work: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "ciic-import-"));
  try {
    return await work(join(dir, "upload"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The format the member named, or else the one the file's name and first bytes show. */
export async function formatOf(path: string, fileName: string, named?: FileFormat): Promise<FileFormat | undefined> {
  return named ?? detectFormat(fileName, await readHead(path));
}
