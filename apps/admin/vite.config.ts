import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vite";

// The API serves the built app at /admin/ (apps/api/src/app.ts); in dev, Vite proxies the API.
const API = "http://127.0.0.1:3000";

export default defineConfig({
  base: "/admin/",
  plugins: [vue()],
  // Compile-time flags: the app uses only the Composition API of Vue and vue-i18n.
  define: {
    __VUE_OPTIONS_API__: false,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    // The portal's dev server takes Vite's default 5173.
    port: 5174,
    proxy: { "/trpc": API, "/api": API },
  },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
});
