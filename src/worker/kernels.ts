import { Arena } from './arena';
import type { DistanceKernels } from './exports/distance';
import type { LinearKernels } from './exports/linear';
import type { KmeansKernels } from './exports/kmeans';
import type { SgdKernels } from './exports/sgd';
import type { MlpKernels } from './exports/mlp';
import type { NaiveBayesKernels } from './exports/naive-bayes';
import type { MixtureKernels } from './exports/mixture';
import type { TreeKernels } from './exports/tree';
import type { SvmKernels, SvmPredictKernels } from './exports/svm';
import { WASM_BASE64 } from './wasm-binary.gen';

/** The raw exports of assembly/index.ts, one interface per kernel file (src/worker/exports/). */
export interface KernelExports extends DistanceKernels, LinearKernels, KmeansKernels, SgdKernels, MlpKernels, NaiveBayesKernels, MixtureKernels, TreeKernels, SvmKernels, SvmPredictKernels {
  memory: WebAssembly.Memory;
  heapBase(): number;
}

/** One wasm instance plus the arena that manages its memory. Created once per worker. */
export interface Kernels {
  wasm: KernelExports;
  arena: Arena;
}

/** Where the wasm comes from: the embedded release binary by default, or a caller-supplied module/bytes
 *  (the escape hatch for strict CSPs that forbid compiling from bytes in some contexts, or for a debug build). */
export type WasmSource = WebAssembly.Module | ArrayBuffer | Uint8Array | undefined;

function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  if (typeof atob === 'function') {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  const buf = (globalThis as unknown as { Buffer: { from(s: string, e: string): Uint8Array } }).Buffer.from(b64, 'base64');
  return new Uint8Array(buf);
}

/** Compiles and instantiates the kernels synchronously (allowed in workers and in Node for any module size). */
export function createKernels(source?: WasmSource): Kernels {
  const module =
    source instanceof WebAssembly.Module
      ? source
      : new WebAssembly.Module(source ? (source as BufferSource) : decodeBase64(WASM_BASE64));
  const imports = {
    env: {
      // Only the debug build imports abort (from failed asserts). Surfacing it as an Error makes the task fail
      // cleanly instead of trapping with an anonymous `unreachable`.
      abort: (_msg: number, _file: number, line: number, col: number) => {
        throw new Error(`wasm assertion failed at ${line}:${col}`);
      },
    },
  };
  const instance = new WebAssembly.Instance(module, imports);
  const wasm = instance.exports as unknown as KernelExports;
  return { wasm, arena: new Arena(wasm.memory, wasm.heapBase()) };
}
