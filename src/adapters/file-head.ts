import { open } from "node:fs/promises";

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
