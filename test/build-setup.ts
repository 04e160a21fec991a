import { ensureBuilt } from "./support/bot-dist.js";

/**
 * The end-to-end tests start the bot as it ships (`dist/main.js`): built here once, before any
 * worker starts, when it is missing or older than a source file (as `npm start` builds it).
 */
export default async function setup() {
  await ensureBuilt((line) => process.stderr.write(`${line}\n`), String(process.pid));
}
