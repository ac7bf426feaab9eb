import { defineConfig } from 'vite';

// Library builds. `--mode browser`: dist/browser/index.js, the Web Worker (with the wasm embedded) inlined as a Blob
// URL so consumers' bundlers cannot lose it. `--mode node`: dist/node/{index,node-worker}.js for worker_threads.
export default defineConfig(({ mode }) => {
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
      minify: false,
      lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'index.js' },
      rollupOptions: { external: ['comlink'] },
    },
  };
});
