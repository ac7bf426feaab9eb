import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The Chromium bench page (bench/page), built by bench/run.mjs into build/bench-page (a build artifact: gitignored and
// outside ESLint's reach) and served with `vite preview` on 127.0.0.1. It imports the BUILT package
// (dist/browser/index.js), so `npm run build` comes first.
// assetsInlineLimit 0: datasets and the wasm binary stay separate files (fetched, not data: URLs).
export default defineConfig({
  root: fileURLToPath(new URL('./page', import.meta.url)),
  base: './',
  publicDir: false,
  logLevel: 'warn',
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('../build/bench-page', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    rollupOptions: {
      output: {
        // vite preview (sirv) serves *.gz with Content-Encoding: gzip, so the browser would inflate the datasets
        // before the page sees them; a neutral extension makes the page decompress them itself (DecompressionStream).
        assetFileNames: (asset) =>
          (asset.names ?? []).some((n) => n.endsWith('.gz')) ? 'assets/[name]-[hash].gzip.bin' : 'assets/[name]-[hash][extname]',
      },
    },
  },
  preview: { host: '127.0.0.1', port: 0, strictPort: false },
});
