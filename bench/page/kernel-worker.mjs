// Runs the kernel micro-benchmarks in a dedicated Web Worker: the kind of context the library's kernels run in.
// The wasm bytes come from the page (the binary embedded in the built package).
import { runKernelBenches } from '../lib/kernels.mjs';

self.onmessage = async (event) => {
  const { wasmBytes, quick } = event.data;
  try {
    const rows = await runKernelBenches(wasmBytes, {
      quick,
      progress: (text) => self.postMessage({ type: 'progress', text }),
    });
    self.postMessage({ type: 'done', rows });
  } catch (e) {
    self.postMessage({ type: 'error', message: e && e.message ? e.message : String(e) });
  }
};
