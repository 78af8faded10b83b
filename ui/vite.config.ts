import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The UI is embedded in the Tauri binary: relative base, no dev-server assumptions, and no
// module-preload polyfill (it would need an inline script, which the CSP forbids).
export default defineConfig(({ mode }) => ({
  base: "./",
  plugins: [svelte()],
  resolve: {
    // Tests run in jsdom, a browser: without this, `svelte` resolves to its server build, where
    // effects never run and `untrack` and `flushSync` do nothing (src/lib/loader.svelte.test.ts).
    ...(mode === "test" ? { conditions: ["browser"] } : {}),
    // ECharts and zrender import tslib's `__extends`, which throws under the frozen
    // Object.prototype the app runs with (`freezePrototype`); this one does not.
    // docs/decisions/0005-frozen-prototype-with-a-tslib-shim.md
    alias: [{ find: /^tslib$/, replacement: fileURLToPath(new URL("./src/vendor/tslib-frozen-safe.js", import.meta.url)) }],
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
  },
}));
