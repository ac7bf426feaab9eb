/**
 * The kernels of the DEBUG wasm build (asserts active; `npm run build:wasm` or `npm run build` first), instantiated
 * the way the worker does (src/worker/kernels.ts: arena over its memory, failed asserts surface as Errors).
 * A fresh instance per call, so tests do not share memory.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createKernels, type Kernels } from '../../src/worker/kernels';

const bytes = readFileSync(fileURLToPath(new URL('../../build/hyperwasm.debug.wasm', import.meta.url)));
const module = new WebAssembly.Module(bytes);

/** The compiled debug module itself (e.g. for WorkerRuntime.init in tests that drive a runtime directly). */
export function debugModule(): WebAssembly.Module {
  return module;
}

export function debugKernels(): Kernels {
  return createKernels(module);
}
