import { defineConfig } from "vitest/config";

// Browser tests against the real API serving the built app: run `pnpm --filter @ecogov/admin build` first.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
