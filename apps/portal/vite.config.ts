import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vite";
import { precompileMessages } from "./build/precompile-messages.ts";
import { preloadChunks } from "./build/preload-chunks.ts";

// Compile-time flags of Vue and vue-i18n: drop what the portal does not use (Options API,
// legacy i18n API, devtools hooks, the runtime message compiler) so the first load stays small.
export const featureFlags = {
  __VUE_OPTIONS_API__: "false",
  __VUE_PROD_DEVTOOLS__: "false",
  __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false",
  __VUE_I18N_LEGACY_API__: "false",
  __VUE_I18N_FULL_INSTALL__: "false",
  __INTLIFY_PROD_DEVTOOLS__: "false",
  __INTLIFY_JIT_COMPILATION__: "true",
  __INTLIFY_DROP_MESSAGE_COMPILER__: "true",
};

export const portalPlugins = () => [vue(), precompileMessages()];

export default defineConfig({
  base: "/",
  plugins: [...portalPlugins(), preloadChunks(["src/modules/home/HomePage.vue", "src/api-validation.ts"])],
  define: featureFlags,
  server: {
    proxy: { "/api": "http://127.0.0.1:3000" },
  },
  build: {
    // Browsers that run this bundle support modulepreload or ignore it harmlessly.
    modulePreload: { polyfill: false },
  },
});
