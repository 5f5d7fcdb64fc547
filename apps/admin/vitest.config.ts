import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vitest/config";

// Unit and component tests only; the browser tests in e2e/ have their own config.
export default defineConfig({
  plugins: [vue()],
  define: {
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  test: { environment: "happy-dom", include: ["src/**/*.test.ts"] },
});
