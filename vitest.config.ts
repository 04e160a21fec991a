import { availableParallelism } from "node:os";
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
    // One worker more than there are cores: about a third of the unit and end-to-end tests' time
    // is spent waiting (on timers, bot processes, PostgreSQL, the browser), which the extra worker
    // fills. On the 2-core machine: 185 s with two workers, 152 s with three, 151 s with four.
    // At most six, so that the bots and PostgreSQL databases the tests start stay few.
    maxWorkers: Math.min(availableParallelism() + 1, 6),
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
        // Its two files kill processes and stop databases on a schedule: two workers, as measured,
        // and after the others when everything runs at once (a group of its own).
        test: { name: "faults", include: ["test/faults/**/*.test.ts"], maxWorkers: 2, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
