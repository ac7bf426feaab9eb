/**
 * Elastic net and lasso by cyclic coordinate descent in wasm (scikit-learn 1.2's cd_fast.enet_coordinate_descent).
 * Objective (scikit-learn's): (1 / (2 n)) ||y - X w - b||^2 + alpha l1Ratio ||w||_1 + 0.5 alpha (1 - l1Ratio) ||w||^2,
 * solved on the centred data (intercept unpenalised, b = mean(y) - mean(X) . w). Multiplying by n gives the kernel's
 * form with l1Reg = alpha l1Ratio n and l2Reg = alpha (1 - l1Ratio) n. Stopping rule as scikit-learn: after an epoch
 * whose largest coefficient change is below tol * max|w|, stop when the duality gap is below tol * ||y_centred||^2.
 *
 * Every fit starts from w = 0. Warm starts along an alpha path would make a trial's result depend on which candidates
 * the same worker happened to run before it (scheduling), breaking reproducibility across worker counts, so they are
 * deliberately not used.
 */
import type { EstimatorDef, FoldSide, HyperparameterSchema, Learned, TrainContext } from './types';
import type { Params } from '../types';
import {
  FIT_INTERCEPT_SCHEMA, MAX_ITER_DOC, assertFinite, bool, dotJs, num, predictRegression, scoresInWasm, targets,
} from './linear-common';

export interface EnetSettings {
  alpha: number;
  l1Ratio: number;
  maxIter: number;
  tol: number;
  fitIntercept: boolean;
}

export interface EnetSolution {
  coef: Float64Array;
  intercept: number;
  nIter: number;
  converged: boolean;
  /** Final duality gap, in the kernel's units (n times scikit-learn's objective). */
  dualGap: number;
}

export const ENET_COMMON_SCHEMA: Record<string, HyperparameterSchema> = {
  maxIter: { type: 'int', min: 1, default: 1000, doc: MAX_ITER_DOC + ' One iteration is one pass over every coefficient.' },
  tol: {
    type: 'float',
    min: 0,
    exclusiveMin: true,
    default: 1e-4,
    doc: 'Stop when the duality gap is below tol * ||y - mean(y)||^2 (checked once coefficient updates fall below tol).',
  },
  fitIntercept: FIT_INTERCEPT_SCHEMA,
};

export function enetSettings(params: Params, l1RatioDefault: number): EnetSettings {
  return {
    alpha: num(params, 'alpha', 1),
    l1Ratio: num(params, 'l1Ratio', l1RatioDefault),
    maxIter: num(params, 'maxIter', 1000),
    tol: num(params, 'tol', 1e-4),
    fitIntercept: bool(params, 'fitIntercept', true),
  };
}

/** Solution a path passes to its next fit: coefficients on the centred features of the same training rows. */
interface EnetWarm {
  cols: number;
  fitIntercept: boolean;
  coef: Float64Array;
}

/** Starting coefficients: the previous fit of a warm-started path when it matches (same columns and centring). */
function warmCoef(ctx: TrainContext, cols: number, fitIntercept: boolean): Float64Array | null {
  const prev = ctx.warm?.value as EnetWarm | null | undefined;
  return prev && prev.cols === cols && prev.fitIntercept === fitIntercept ? prev.coef : null;
}

export function fitEnet(model: string, ctx: TrainContext, train: FoldSide, s: EnetSettings): EnetSolution {
  const y = targets(model, train);
  const { wasm, arena } = ctx.kernels;
  const { rows, cols } = train;
  if (rows < 1) throw new Error(`${model}: the training side has no rows`);
  let yMean = 0;
  if (s.fitIntercept) {
    for (let i = 0; i < rows; i++) yMean += y[i];
    yMean /= rows;
  }
  const yc = new Float64Array(rows);
  for (let i = 0; i < rows; i++) yc[i] = y[i] - yMean;

  const mark = arena.mark();
  let coef: Float64Array;
  let xMean: Float64Array;
  let nIter: number;
  let gap: number;
  let converged: boolean;
  try {
    const meanPtr = arena.alloc(cols * 8);
    const xtPtr = arena.alloc(rows * cols * 8);
    const yPtr = arena.allocF64(yc);
    const wPtr = arena.alloc(cols * 8);
    const rPtr = arena.alloc(rows * 8);
    const colSqPtr = arena.alloc(cols * 8);
    const statsPtr = arena.alloc(3 * 8);
    if (s.fitIntercept) wasm.featureMeans(train.ptr, rows, cols, meanPtr);
    else arena.f64(meanPtr, cols).fill(0);
    wasm.centeredTranspose(train.ptr, rows, cols, meanPtr, xtPtr);
    // Coordinate descent starts from w: zero, or the previous solution along a warm-started path.
    const start = warmCoef(ctx, cols, s.fitIntercept);
    if (start) arena.f64(wPtr, cols).set(start);
    else arena.f64(wPtr, cols).fill(0);
    nIter = wasm.enetCoordinateDescent(
      xtPtr, rows, cols, yPtr, wPtr, rPtr, colSqPtr,
      s.alpha * s.l1Ratio * rows, s.alpha * (1 - s.l1Ratio) * rows, s.maxIter, s.tol, statsPtr,
    );
    // The kernel leaves ||x_j||^2 in colSq: an overflow there means the features cannot be squared in float64, and
    // coordinate descent would silently skip those features instead of failing.
    if (arena.f64(colSqPtr, cols).some((v) => !Number.isFinite(v))) {
      throw new Error(
        `${model}: the squared norms of the features are not finite (values too large for float64); ` +
          'rescale the features (preprocess: "standardize")',
      );
    }
    const stats = arena.f64(statsPtr, 3);
    gap = stats[0];
    converged = stats[2] === 1;
    coef = arena.f64(wPtr, cols).slice();
    xMean = arena.f64(meanPtr, cols).slice();
  } finally {
    arena.release(mark);
  }
  const hint = 'the coordinate descent diverged; check X and y for huge or non-finite values';
  assertFinite(model, 'coefficient', coef, hint);
  const intercept = s.fitIntercept ? yMean - dotJs(xMean, coef) : 0;
  assertFinite(model, 'intercept', [intercept], hint);
  if (ctx.warm) ctx.warm.value = { cols, fitIntercept: s.fitIntercept, coef } satisfies EnetWarm;
  return { coef, intercept, nIter, converged, dualGap: gap };
}

/** The EstimatorDef of lasso (l1Ratio fixed at 1) or elastic net (l1Ratio a hyperparameter). */
export function enetEstimator(
  id: 'lasso' | 'elastic-net',
  summary: string,
  hyperparameters: Record<string, HyperparameterSchema>,
  settings: (params: Params) => EnetSettings,
): EstimatorDef {
  return {
    id,
    kind: 'regressor',
    summary,
    hyperparameters,
    defaultMetric: 'r2',
    // A path over alpha, strongest penalty first (scikit-learn's enet_path order): sparse solutions come cheap and
    // each is a good start for the next, weaker penalty.
    warmPath: {
      key: (params) => {
        const { alpha: _alpha, ...rest } = settings(params);
        return JSON.stringify(rest);
      },
      order: (params) => -settings(params).alpha,
    },
    trainer: {
      evaluate(ctx, train, test, params) {
        const sol = fitEnet(id, ctx, train, settings(params));
        return { yPred: scoresInWasm(ctx, test, sol.coef, Float64Array.of(sol.intercept)) };
      },
      fit(ctx, train, params): Learned {
        const sol = fitEnet(id, ctx, train, settings(params));
        return {
          coef: sol.coef,
          intercept: sol.intercept,
          cols: train.cols,
          nIter: sol.nIter,
          converged: sol.converged,
          dualGap: sol.dualGap,
        };
      },
    },
    predict(learned, X) {
      return { yPred: predictRegression(learned, X) };
    },
  };
}
