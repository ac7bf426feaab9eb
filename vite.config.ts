import { defineConfig, type Plugin } from 'vite';

/**
 * The demo page. Built output goes to demo-dist/ with relative URLs so it works from any folder, offline.
 * In production builds a Content-Security-Policy without 'unsafe-eval' is added: workers come from blob: URLs
 * (the inlined worker) and wasm compiles under 'wasm-unsafe-eval', which allows WebAssembly only.
 */
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src 'self'; " +
  "img-src 'self' data: blob:; connect-src 'self' data: blob:; object-src 'none'; base-uri 'self'";

function cspForBuild(): Plugin {
  return {
    name: 'hyperwasm-demo-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
  };
}

export default defineConfig({
  root: 'demo',
  base: './',
  publicDir: false,
  worker: { format: 'es' },
  plugins: [cspForBuild()],
  build: { outDir: '../demo-dist', emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0 },
  server: { host: '127.0.0.1', port: 5173, fs: { allow: ['..'] } },
  preview: { host: '127.0.0.1', port: 4173 },
});
