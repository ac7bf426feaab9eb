/**
 * One SMO sub-problem in wasm: places the fold's dot products next to the rows, sets up the Q rows of the
 * sub-problem (its rows as indices into the fold) and runs assembly/svm/smo.ts. Memory: the fold's dot products
 * or kernel matrix (when kept, see fold-gram.ts and kernel-cache.ts), plus a row cache of at most ROW_CACHE_BYTES (128 MiB) of f32 kernel rows per fit,
 * like libsvm's cache_size; when the sub-problem's kernel matrix is larger, rows are recomputed on demand (LRU).
 */
import type { FoldSide, TrainContext } from '../types';
import type { FoldGram } from './fold-gram';
import { TuneError } from '../../errors';

export const ROW_CACHE_BYTES = 128 * 2 ** 20;

export interface KernelSpec {
  kind: number;
  gamma: number;
  coef0: number;
  degree: number;
}

/** Where one fit's inputs live in wasm memory (valid until the caller releases its arena mark). */
export interface Resident {
  /** The fold's f32 kernel matrix for this fit's kernel settings, or 0 (then rows come from D or X). */
  kPtr: number;
  dPtr: number;
  xPtr: number;
  N: number;
  cols: number;
  xsqPtr: number;
}

export interface SubSolution {
  /** Solution of the dual in the sub-problem's variable order. */
  alpha: Float64Array;
  rho: number;
  obj: number;
  iter: number;
  timedOut: boolean;
}

/**
 * Places what this fit's kernel rows come from in the arena (the caller holds a mark and releases it): the fold's
 * kernel matrix for these kernel settings when it is cached (see kernel-cache.ts), or else the dot products, from
 * which the kernel matrix is computed once and offered to the cache (`keep`).
 */
export function placeFold(
  ctx: TrainContext, train: FoldSide, gram: FoldGram, spec: KernelSpec,
  cachedK: Float32Array | null, wantK: boolean, keep: (K: Float32Array) => void,
): Resident {
  const { arena, wasm } = ctx.kernels;
  const N = train.rows;
  try {
    const xsqPtr = arena.allocF64(gram.xsq);
    if (cachedK) {
      const kPtr = arena.alloc(N * N * 4);
      new Float32Array(arena.memory.buffer, kPtr, N * N).set(cachedK);
      return { kPtr, dPtr: 0, xPtr: train.ptr, N, cols: train.cols, xsqPtr };
    }
    const dPtr = gram.dot ? arena.allocF64(gram.dot) : 0;
    let kPtr = 0;
    if (dPtr !== 0 && wantK) {
      kPtr = arena.alloc(N * N * 4);
      wasm.svmKernelMatrix(dPtr, N, xsqPtr, spec.kind, spec.gamma, spec.coef0, spec.degree, kPtr);
      keep(new Float32Array(arena.memory.buffer, kPtr, N * N).slice());
    }
    return { kPtr, dPtr, xPtr: train.ptr, N, cols: train.cols, xsqPtr };
  } catch (e) {
    throw outOfMemory(train.rows, e);
  }
}

function outOfMemory(rows: number, e: unknown): TuneError {
  return new TuneError(
    'SVM_KERNEL_TOO_LARGE',
    `The SVM's kernel data for ${rows} training rows do not fit in the worker's memory (${e instanceof Error ? e.message : String(e)}). ` +
      'Use fewer rows (subsample, or cv with more folds on a smaller set), or a linear model for data of this size.',
    { rows },
  );
}

/**
 * Solves min 0.5 a'Qa + p'a, y'a = 0, 0 <= a <= C from a = 0, with Q_ab = y_a y_b K(rowIdx[base_a], rowIdx[base_b]).
 * lk = rowIdx.length base rows; y, p, C, base have one entry per variable (SVC: lk, SVR: 2 lk). rowCacheBytes bounds
 * the f32 row cache (at least two rows are kept whatever it says).
 */
export function solveSub(
  ctx: TrainContext, res: Resident, spec: KernelSpec, rowIdx: Int32Array,
  y: Int32Array, p: Float64Array, C: Float64Array, base: Int32Array, tol: number, shrinking: boolean, maxIter: number,
  rowCacheBytes = ROW_CACHE_BYTES,
): SubSolution {
  const { wasm, arena } = ctx.kernels;
  const lk = rowIdx.length;
  const l = y.length;
  const rowBytes = lk * 4;
  if (2 * rowBytes > ROW_CACHE_BYTES) {
    throw new TuneError(
      'SVM_KERNEL_TOO_LARGE',
      `An SVM sub-problem of ${lk} rows needs at least two kernel rows of ${rowBytes} bytes, over the ${ROW_CACHE_BYTES} byte row cache. ` +
        'Use fewer training rows.',
      { rows: lk },
    );
  }
  const slots = Math.max(2, Math.min(lk, Math.floor(rowCacheBytes / rowBytes)));
  const mark = arena.mark();
  try {
    let ptrs: number[];
    try {
      const rowPtr = arena.alloc(lk * 4);
      const cache = arena.alloc(slots * rowBytes);
      const slotOf = arena.alloc(lk * 4);
      const slotRow = arena.alloc(slots * 4);
      const slotUsed = arena.alloc(slots * 4);
      const yPtr = arena.alloc(l * 4);
      const pPtr = arena.alloc(l * 8);
      const cPtr = arena.alloc(l * 8);
      const basePtr = arena.alloc(l * 4);
      const alphaPtr = arena.alloc(l * 8);
      const gPtr = arena.alloc(l * 8);
      const gbarPtr = arena.alloc(l * 8);
      const statusPtr = arena.alloc(l * 4);
      const activePtr = arena.alloc(l * 4);
      const qdPtr = arena.alloc(l * 8);
      const outPtr = arena.alloc(l * 8);
      const infoPtr = arena.alloc(4 * 8);
      ptrs = [rowPtr, cache, slotOf, slotRow, slotUsed, yPtr, pPtr, cPtr, basePtr, alphaPtr, gPtr, gbarPtr, statusPtr, activePtr, qdPtr, outPtr, infoPtr];
    } catch (e) {
      throw outOfMemory(lk, e);
    }
    const [rowPtr, cache, slotOf, slotRow, slotUsed, yPtr, pPtr, cPtr, basePtr, alphaPtr, gPtr, gbarPtr, statusPtr, activePtr, qdPtr, outPtr, infoPtr] = ptrs;
    arena.i32(rowPtr, lk).set(rowIdx);
    arena.i32(yPtr, l).set(y);
    arena.f64(pPtr, l).set(p);
    arena.f64(cPtr, l).set(C);
    arena.i32(basePtr, l).set(base);
    arena.f64(alphaPtr, l).fill(0);
    wasm.svmSetKernel(
      res.kPtr, res.dPtr, res.xPtr, res.N, res.cols, res.xsqPtr, rowPtr, lk,
      spec.kind, spec.gamma, spec.coef0, spec.degree, cache, slotOf, slotRow, slotUsed, slots,
    );
    wasm.svmSolve(l, yPtr, pPtr, cPtr, basePtr, alphaPtr, gPtr, gbarPtr, statusPtr, activePtr, qdPtr, tol, shrinking ? 1 : 0, maxIter, outPtr, infoPtr);
    const info = arena.f64(infoPtr, 4);
    const sol: SubSolution = { alpha: arena.f64(outPtr, l).slice(), rho: info[0], obj: info[1], iter: info[2], timedOut: info[3] !== 0 };
    if (!Number.isFinite(sol.rho)) {
      throw new Error(`svm: the solver produced a non-finite bias (${sol.rho}); check the data for huge values or try a smaller C / gamma`);
    }
    return sol;
  } finally {
    arena.release(mark);
  }
}

/** out (rows x nSv) = k(x_i, sv_j) in wasm, for the test rows of a fold (or any resident rows). */
export function crossKernel(
  ctx: TrainContext, side: FoldSide, sv: Float64Array, nSv: number, spec: KernelSpec,
): Float64Array {
  const { wasm, arena } = ctx.kernels;
  const mark = arena.mark();
  try {
    const svPtr = arena.allocF64(sv);
    const btPtr = arena.alloc(sv.length * 8);
    const outPtr = arena.alloc(side.rows * nSv * 8);
    wasm.svmCrossKernel(side.ptr, side.rows, svPtr, nSv, side.cols, spec.kind, spec.gamma, spec.coef0, spec.degree, btPtr, outPtr);
    return arena.f64(outPtr, side.rows * nSv).slice();
  } finally {
    arena.release(mark);
  }
}
