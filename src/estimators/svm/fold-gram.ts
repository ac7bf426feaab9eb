/**
 * The one piece of SVM work that no hyperparameter changes: the dot products x_i . x_j of a fold's training rows
 * (and their squared norms, libsvm's x_square). Every kernel is a function of them (rbf: exp(-gamma (|x_i|^2 +
 * |x_j|^2 - 2 x_i.x_j)), exactly libsvm's kernel_rbf), so one matrix per fold serves every (kernel, C, gamma, coef0,
 * degree) candidate and every one-vs-one pair (a sub-block, addressed through row indices).
 *
 * Memory bound: the matrix is kept only while rows^2 * 8 bytes <= GRAM_BUDGET_BYTES (256 MiB, i.e. up to 5792
 * training rows); above that each fit computes kernel rows from X into its bounded LRU row cache instead.
 */
import type { FoldSide, TrainContext } from '../types';
import { lendF64 } from '../../worker/array-recycler';

export const GRAM_BUDGET_BYTES = 256 * 2 ** 20;

export interface FoldGram {
  rows: number;
  cols: number;
  /** rows x rows dot products (JS copy, as the fold cache requires), or null when over the budget. */
  dot: Float64Array | null;
  /** x_i . x_i per training row. */
  xsq: Float64Array;
}

/** Whether a fold of `rows` training rows keeps its dot-product matrix. */
export function gramFits(rows: number): boolean {
  return rows * rows * 8 <= GRAM_BUDGET_BYTES;
}

/** The (cached) dot products of the training side. */
export function foldGram(ctx: TrainContext, train: FoldSide): FoldGram {
  const key = 'svm:gram';
  const cached = ctx.foldCache.get(key) as FoldGram | undefined;
  if (cached && cached.rows === train.rows && cached.cols === train.cols) return cached;
  const { wasm, arena } = ctx.kernels;
  const { rows, cols } = train;
  const mark = arena.mark();
  try {
    const xsqPtr = arena.alloc(rows * 8);
    wasm.svmRowSquares(train.ptr, rows, cols, xsqPtr);
    let dot: Float64Array | null = null;
    if (gramFits(rows)) {
      const dPtr = arena.alloc(rows * rows * 8);
      const xtPtr = arena.alloc(rows * cols * 8);
      wasm.svmGram(train.ptr, rows, cols, xtPtr, dPtr);
      // Recycled from fold to fold (one such matrix per fold): fresh multi-MB buffers cost page faults and GC.
      dot = lendF64(ctx.arrays, rows * rows);
      dot.set(arena.f64(dPtr, rows * rows));
    }
    const gram: FoldGram = { rows, cols, dot, xsq: arena.f64(xsqPtr, rows).slice() };
    ctx.foldCache.set(key, gram);
    return gram;
  } finally {
    arena.release(mark);
  }
}
