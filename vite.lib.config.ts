import { defineConfig } from 'vite';

// Library builds. `--mode browser`: dist/browser/index.js, the Web Worker (with the wasm embedded) inlined as a Blob
// URL so consumers' bundlers cannot lose it. `--mode browser-worker`: that worker as dist/browser/worker.js (the CSP
// escape hatch). `--mode node`: dist/node/{index,node-worker}.js for worker_threads.
export default defineConfig(({ mode }) => {
  if (mode === 'browser-worker') {
    // The same worker as a standalone, self-contained file (wasm embedded) for pages whose CSP forbids blob: workers:
    // serve it yourself and pass createPool({ workerUrl }).
    return {
      build: {
        outDir: 'dist/browser',
        emptyOutDir: false,
        target: 'es2022',
        minify: true,
        lib: { entry: 'src/worker/browser-entry.ts', formats: ['es'], fileName: () => 'worker.js' },
      },
    };
  }
  if (mode === 'node') {
    return {
      build: {
        ssr: true,
        outDir: 'dist/node',
        emptyOutDir: true,
        target: 'node20',
        minify: false,
        rollupOptions: {
          input: { index: 'src/index.node.ts', 'node-worker': 'src/worker/node-entry.ts' },
          output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
        },
      },
    };
  }
  return {
    base: './',
    worker: { format: 'es' },
    build: {
      outDir: 'dist/browser',
      emptyOutDir: true,
      target: 'es2022',
      // Minified: the inlined worker is a string consumers' minifiers cannot shrink.
      minify: true,
      lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'index.js' },
      rollupOptions: { external: ['comlink'] },
    },
  };
});
