// Shared Vitest presets. `unit`: pure, fast. `db`: tests that open a database (PGlite starts in ~3 s,
// more under parallel load, STACK.md G5), so timeouts are generous and files run one at a time per package.
import { defineConfig } from "vitest/config";

export const unit = defineConfig({
  test: { include: ["src/**/*.test.ts"], passWithNoTests: true },
});

export const db = defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    passWithNoTests: true,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
