import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

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
