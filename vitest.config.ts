import { defineConfig } from "vitest/config";
import { TEST_MASTER_KEY } from "./test/support/test-master-key.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Two cores: keep worker count modest so database and HTTP tests do not starve each other.
    maxWorkers: 2,
    env: { CIIC_MASTER_KEY: TEST_MASTER_KEY },
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
