/**
 * What every SVM fit on a fold starts from: the fold's cached kernel matrix for the fit's kernel settings (or its dot
 * products) placed in wasm memory, a JS copy of the
 * training rows (cached per fold: support vectors and Platt's held-out decision values read them), and the numeric
 * gamma ('scale' from the variance of these rows, cached per fold too).
 */
import type { FoldSide, TrainContext } from '../types';
import { foldGram } from './fold-gram';
import { KERNEL_KIND, numpyVar, type KernelSettings } from './params';
import { placeFold, type KernelSpec, type Resident } from './solve';
import { cachedKernel, keepKernel, kernelMatrixFits } from './kernel-cache';

interface FoldRows {
  rows: number;
  cols: number;
  values: Float64Array;
  variance: number;
}

function foldRows(ctx: TrainContext, train: FoldSide): FoldRows {
  const cached = ctx.foldCache.get('svm:rows') as FoldRows | undefined;
  if (cached && cached.rows === train.rows && cached.cols === train.cols) return cached;
  const values = ctx.kernels.arena.f64(train.ptr, train.rows * train.cols).slice();
  const out = { rows: train.rows, cols: train.cols, values, variance: numpyVar(values) };
  ctx.foldCache.set('svm:rows', out);
  return out;
}

/** scikit-learn's gamma: 'scale' = 1 / (n_features * X.var()) (1 when the variance is 0), 'auto' = 1 / n_features. */
export function numericGamma(gamma: KernelSettings['gamma'], variance: number, cols: number): number {
  if (gamma === 'auto') return 1 / cols;
  if (gamma === 'scale') return variance !== 0 ? 1 / (cols * variance) : 1;
  return gamma;
}

/** Runs `body` with the fold's inputs resident; everything it allocates in the arena is released after. */
export function fitInputs<T>(
  ctx: TrainContext, train: FoldSide, s: KernelSettings, body: (values: Float64Array, res: Resident, spec: KernelSpec) => T,
): T {
  const gram = foldGram(ctx, train);
  const rows = foldRows(ctx, train);
  const spec: KernelSpec = {
    kind: KERNEL_KIND[s.kernel],
    gamma: numericGamma(s.gamma, rows.variance, train.cols),
    coef0: s.coef0,
    degree: s.degree,
  };
  const arena = ctx.kernels.arena;
  const mark = arena.mark();
  try {
    const fits = kernelMatrixFits(train.rows);
    const K = fits ? cachedKernel(ctx, train.rows, spec) : null;
    const res = placeFold(ctx, train, gram, spec, K, fits, (k) => keepKernel(ctx, train.rows, spec, k));
    return body(rows.values, res, spec);
  } finally {
    arena.release(mark);
  }
}
