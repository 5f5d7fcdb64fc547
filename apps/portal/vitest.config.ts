import { defineConfig } from "vitest/config";
import { featureFlags, portalPlugins } from "./vite.config.ts";

export default defineConfig({
  plugins: portalPlugins(),
  define: featureFlags,
  test: {
    environment: "happy-dom",
    include: ["src/**/*.test.ts"],
  },
});
