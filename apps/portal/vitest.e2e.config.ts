import { defineConfig } from "vitest/config";

// Browser tests against the real API serving the built portal: run `pnpm --filter @ecogov/portal build` first.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.test.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // Pages wait on the real API; under CI load (two e2e suites at once) a first response can take seconds.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
