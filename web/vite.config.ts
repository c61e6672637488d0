// Builds the pages into dist/, which `tata serve` serves at /. Everything is
// bundled: no CDN, no external fonts, so the pages work offline.
import { defineConfig } from "vite";

export default defineConfig({
  base: "/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2020",
    // Nothing inlined as data: URLs or inline scripts: the server's
    // Content-Security-Policy allows only files from itself.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: {
    // `npm run dev` beside a `tata serve` on port 8080.
    proxy: { "/api": "http://127.0.0.1:8080" },
  },
});
