// Copies the local workspace's non-TypeScript files (page, script, style, demo directory) next
// to the compiled adapter, since tsc emits only what it compiles. Run by `npm run build`.
import { cpSync, mkdirSync } from "node:fs";

const from = "src/adapters/local";
const to = "dist/adapters/local";
mkdirSync(to, { recursive: true });
cpSync(`${from}/static`, `${to}/static`, { recursive: true });
cpSync(`${from}/demo-directory.yml`, `${to}/demo-directory.yml`);
