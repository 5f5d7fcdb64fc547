import { defineConfig } from "vitest/config";

// Browser tests against the real API serving the built portal: run `pnpm --filter @ecogov/portal build` first.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.test.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
