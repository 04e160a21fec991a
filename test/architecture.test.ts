import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

const importsOf = (file: string) =>
  [...readFileSync(file, "utf8").matchAll(/(?:import|export)[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2]);

describe("architecture", () => {
  const core = sources("src/core");

  it("has a core", () => {
    expect(core.length).toBeGreaterThan(10);
  });

  it("keeps the core free of chat platforms, of the ORM and of the operators' metrics", () => {
    const offending = core.flatMap((file) =>
      importsOf(file)
        .filter((spec) => /^@slack\/|^@prisma\/|^prisma|^pg$|^better-sqlite3|mattermost|generated|^prom-client/.test(spec) || /\.\.\/(adapters|storage|metrics)\b/.test(spec))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it("lets no module but config.ts read the environment", () => {
    const readers = sources("src")
      .filter((file) => !file.includes("/generated/") && file !== "src/config.ts")
      .filter((file) => /process\.env/.test(readFileSync(file, "utf8")));
    expect(readers).toEqual([]);
  });

  it("performs no network look-ups on indicators: no DNS or outbound HTTP module in the core (Art 6.2–6.3)", () => {
    const offending = core.flatMap((file) =>
      importsOf(file)
        .filter((spec) => /^(node:)?(dns|net|http|https|tls|dgram)(\/|$)/.test(spec))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offending).toEqual([]);
    const fetching = core.filter((file) => /\bfetch\(/.test(readFileSync(file, "utf8")));
    expect(fetching).toEqual([]);
  });
});
