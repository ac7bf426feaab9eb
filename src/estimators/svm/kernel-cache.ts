/**
 * The fold's f32 kernel matrices (libsvm's Qfloat values), one per kernel setting, kept in the fold cache so every C
 * (and classWeight, tol, ...) with the same kernel, gamma, coef0 and degree starts from the finished matrix instead
 * of recomputing N^2 / 2 exponentials; every one-vs-one pair gathers its sub-block. Least recently used first out,
 * at most KERNEL_CACHE_BYTES (96 MiB of f32 per worker: e.g. 11 settings of the 1437 training rows of a digits fold);
 * a fold whose one matrix exceeds it computes kernel rows per fit instead (libsvm's way, bounded by ROW_CACHE_BYTES).
 */
import type { TrainContext } from '../types';
import type { KernelSpec } from './solve';

export const KERNEL_CACHE_BYTES = 96 * 2 ** 20;

interface KernelCache {
  rows: number;
  bytes: number;
  /** Insertion order is recency order (a hit moves its entry to the end). */
  entries: Map<string, Float32Array>;
}

/** The settings a kernel matrix depends on (linear: none; rbf: gamma; poly: gamma, coef0, degree; sigmoid: gamma, coef0). */
export function kernelKey(spec: KernelSpec): string {
  switch (spec.kind) {
    case 0:
      return 'linear';
    case 2:
      return `rbf|${spec.gamma}`;
    case 1:
      return `poly|${spec.gamma}|${spec.coef0}|${spec.degree}`;
    default:
      return `sigmoid|${spec.gamma}|${spec.coef0}`;
  }
}

function cacheOf(ctx: TrainContext, rows: number): KernelCache {
  let c = ctx.foldCache.get('svm:kernels') as KernelCache | undefined;
  if (!c || c.rows !== rows) {
    c = { rows, bytes: 0, entries: new Map() };
    ctx.foldCache.set('svm:kernels', c);
  }
  return c;
}

/** Whether a fold of `rows` training rows can keep one kernel matrix. */
export function kernelMatrixFits(rows: number): boolean {
  return rows * rows * 4 <= KERNEL_CACHE_BYTES;
}

export function cachedKernel(ctx: TrainContext, rows: number, spec: KernelSpec): Float32Array | null {
  const c = cacheOf(ctx, rows);
  const key = kernelKey(spec);
  const K = c.entries.get(key);
  if (!K) return null;
  c.entries.delete(key);
  c.entries.set(key, K);
  return K;
}

export function keepKernel(ctx: TrainContext, rows: number, spec: KernelSpec, K: Float32Array): void {
  const c = cacheOf(ctx, rows);
  const key = kernelKey(spec);
  if (c.entries.has(key)) return;
  for (const [k, v] of c.entries) {
    if (c.bytes + K.byteLength <= KERNEL_CACHE_BYTES) break;
    c.entries.delete(k);
    c.bytes -= v.byteLength;
  }
  c.entries.set(key, K);
  c.bytes += K.byteLength;
}
