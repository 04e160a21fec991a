import { defineConfig } from "vitest/config";
import { TEST_MASTER_KEY } from "./test/support/test-master-key.js";

/**
 * Three projects, each run alone with `vitest run --project <name>` (npm run test:unit, test:e2e,
 * test:faults; `npm test` runs unit and e2e):
 * - unit: the core, storage and adapter tests, in process;
 * - e2e: real bots over HTTP, child processes, the browser, the CLI and the build;
 * - faults: the fault suite (kill -9, outages, a full disk) in short rounds; `npm run faults` runs
 *   the long version.
 * Unit and e2e files share their worker's loaded modules (isolate: false): loading the sources
 * and libraries anew for each file was a third of the suite's time. Each test makes its own
 * stores, fakes and bots, and gives back what it changed in the process (its environment); a
 * test that measures memory collects garbage before it reads the heap.
 */
export default defineConfig({
  test: {
    globalSetup: ["test/global-setup.ts"],
    // Two cores: keep worker count modest so database and HTTP tests do not starve each other.
    maxWorkers: 2,
    env: { CIIC_MASTER_KEY: TEST_MASTER_KEY },
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/{core,storage,adapters,support,formats,bench}/**/*.test.ts", "test/*.test.ts"], isolate: false },
      },
      {
        extends: true,
        test: { name: "e2e", include: ["test/{e2e,browser,build,cli,ops}/**/*.test.ts"], isolate: false, globalSetup: ["test/build-setup.ts"] },
      },
      {
        extends: true,
        test: { name: "faults", include: ["test/faults/**/*.test.ts"] },
      },
    ],
  },
});
