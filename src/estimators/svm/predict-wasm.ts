/**
 * Decision values of a fold's test rows in wasm. What the kernel between a test row and a training row is a function
 * of (rbf: the sum of squared differences; the other kernels: the dot product, both in libsvm's k_function order)
 * does not depend on any hyperparameter, so it is computed once per fold (test x training rows, cached while it
 * takes at most CROSS_BUDGET_BYTES = 64 MiB of f64) and every candidate only applies its kernel and sums.
 * Over the budget, the kernel values of the support vectors are computed per fit (solve.ts crossKernel).
 */
import type { FoldSide, TrainContext } from '../types';
import { crossKernel, type KernelSpec } from './solve';
import { decisionValues } from './ovo';
import { lendF64 } from '../../worker/array-recycler';

export const CROSS_BUDGET_BYTES = 64 * 2 ** 20;

function foldCross(ctx: TrainContext, train: FoldSide, test: FoldSide, squared: boolean): Float64Array | null {
  if (test.rows * train.rows * 8 > CROSS_BUDGET_BYTES) return null;
  const key = squared ? 'svm:cross:sq' : 'svm:cross:dot';
  const cached = ctx.foldCache.get(key) as Float64Array | undefined;
  if (cached && cached.length === test.rows * train.rows) return cached;
  const { wasm, arena } = ctx.kernels;
  const mark = arena.mark();
  try {
    const bt = arena.alloc(train.rows * train.cols * 8);
    const out = arena.alloc(test.rows * train.rows * 8);
    wasm.svmCrossBase(test.ptr, test.rows, train.ptr, train.rows, train.cols, squared ? 1 : 0, bt, out);
    const S = lendF64(ctx.arrays, test.rows * train.rows);
    S.set(arena.f64(out, test.rows * train.rows));
    ctx.foldCache.set(key, S);
    return S;
  } finally {
    arena.release(mark);
  }
}

/**
 * Decision values of the test rows: rows x pairs for a classifier (k >= 2 classes, libsvm's layout of nSV, svCoef,
 * rho), rows x 1 for a regressor (k = 1, nSV = [total], svCoef = the coefficients, rho = [rho]). sv: the support
 * vectors' rows (for the over-budget path).
 */
export function testDecision(
  ctx: TrainContext, train: FoldSide, test: FoldSide, spec: KernelSpec,
  svRows: Int32Array, sv: Float64Array, nSV: Int32Array, svCoef: Float64Array, rho: Float64Array,
): Float64Array {
  const total = svRows.length;
  const k = nSV.length;
  const nOut = k >= 2 ? rho.length : 1;
  const S = foldCross(ctx, train, test, spec.kind === 2);
  if (!S) {
    const K = crossKernel(ctx, test, sv, total, spec);
    if (k >= 2) return decisionValues(K, test.rows, nSV, svCoef, rho);
    const out = new Float64Array(test.rows);
    for (let r = 0; r < test.rows; r++) {
      let s = 0;
      for (let q = 0; q < total; q++) s += svCoef[q] * K[r * total + q];
      out[r] = s - rho[0];
    }
    return out;
  }
  const { wasm, arena } = ctx.kernels;
  const mark = arena.mark();
  try {
    const sPtr = arena.allocF64(S);
    const rowsPtr = arena.alloc(total * 4);
    const nsvPtr = arena.alloc(k * 4);
    const coefPtr = arena.allocF64(svCoef);
    const rhoPtr = arena.allocF64(rho);
    const kvPtr = arena.alloc(total * 8);
    const startPtr = arena.alloc(k * 4);
    const outPtr = arena.alloc(test.rows * nOut * 8);
    arena.i32(rowsPtr, total).set(svRows);
    arena.i32(nsvPtr, k).set(nSV);
    wasm.svmDecision(
      sPtr, test.rows, train.rows, rowsPtr, total, spec.kind, spec.gamma, spec.coef0, spec.degree,
      nsvPtr, k, coefPtr, rhoPtr, kvPtr, startPtr, outPtr,
    );
    return arena.f64(outPtr, test.rows * nOut).slice();
  } finally {
    arena.release(mark);
  }
}
