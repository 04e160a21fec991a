// Types of build.mjs, for the tests that build dist/ with it (test/support/bot-dist.ts).

/** The newest modification time (ms) of `path` and, for a folder, of everything in it. */
export function newestChange(path: string): number;

/** Whether dist/ holds a finished build made after the last change to any compile input. */
export function isBuildCurrent(): boolean;

/** Generates Prisma's clients whose schema or Prisma version changed (all with `force`). */
export function generate(options?: { force?: boolean; log?: (line: string) => void }): string[];

export interface BuildDone {
  /** Whether tsc ran: false when dist/ was already newer than every source. */
  compiled: boolean;
  /** The providers whose Prisma client was generated again. */
  generated: string[];
  /** How many local workspace files were copied to dist/. */
  copied: number;
  ms: number;
}

/** Brings dist/ up to date with src/, doing only what changed. Throws with tsc's report when it fails. */
export function build(options?: { generate?: boolean; force?: boolean; log?: (line: string) => void }): BuildDone;
