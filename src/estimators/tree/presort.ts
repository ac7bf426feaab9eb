/**
 * The sorted feature orders of a fold's training rows: computed once per fold and shared by every tree candidate on
 * it (TrainContext.foldCache), single trees and forests alike. JS-owned copies; each fit copies them into wasm memory.
 */
import type { FoldSide, TrainContext } from '../types';

export interface Presorted {
  n: number;
  d: number;
  /** Feature values as float32, column-major (d x n): what scikit-learn splits on. */
  xcol: Float32Array;
  /** For each feature, rows 0..n-1 sorted by (value, row): order[f * n + i]. */
  order: Int32Array;
}

const KEY = 'tree:presort';

/** The fold's presorted orders (cached), or computed for `train` when there is no fold cache entry yet. */
export function presorted(ctx: TrainContext, train: FoldSide): Presorted {
  const cached = ctx.foldCache.get(KEY) as Presorted | undefined;
  if (cached && cached.n === train.rows && cached.d === train.cols) return cached;
  const p = presort(ctx.kernels.arena.f64(train.ptr, train.rows * train.cols), train.rows, train.cols);
  ctx.foldCache.set(KEY, p);
  return p;
}

/** Sorts every feature of x (n x d row-major f64) after casting to f32; ties keep row order. */
export function presort(x: Float64Array, n: number, d: number): Presorted {
  const xcol = new Float32Array(d * n);
  for (let r = 0; r < n; r++) for (let f = 0; f < d; f++) xcol[f * n + r] = x[r * d + f];
  const order = new Int32Array(d * n);
  const idx = new Int32Array(n);
  for (let f = 0; f < d; f++) {
    const col = xcol.subarray(f * n, f * n + n);
    for (let i = 0; i < n; i++) idx[i] = i;
    idx.sort((a, b) => col[a] - col[b] || a - b);
    order.set(idx, f * n);
  }
  return { n, d, xcol, order };
}
