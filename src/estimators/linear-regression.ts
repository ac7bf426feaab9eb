import type { EstimatorDef, FoldSide, Learned, TrainContext } from './types';
import type { Params } from '../types';
import { FIT_INTERCEPT_SCHEMA, assertFinite, bool, predictRegression, scoresInWasm, targets } from './linear-common';
import { gramStats, solveLeastSquares, type LeastSquaresSolution } from './linear-gram';

/**
 * Ordinary least squares (scikit-learn's LinearRegression): minimises ||y - X w - b||^2 exactly, from the fold's cached
 * Gram matrix (Cholesky; minimum-norm pseudo-inverse solution when X is rank-deficient, as lstsq).
 */
export function fitLeastSquares(
  model: string, ctx: TrainContext, train: FoldSide, alpha: number, fitIntercept: boolean,
): LeastSquaresSolution {
  const y = targets(model, train);
  const sol = solveLeastSquares(ctx, gramStats(ctx, train, y, fitIntercept), alpha);
  const hint = 'check X and y for huge or non-finite values';
  assertFinite(model, 'coefficient', sol.coef, hint);
  assertFinite(model, 'intercept', [sol.intercept], hint);
  return sol;
}

/** Learned parameters of an exact least-squares fit (OLS and ridge share them). */
export function leastSquaresLearned(sol: LeastSquaresSolution, cols: number): Learned {
  return {
    coef: sol.coef,
    intercept: sol.intercept,
    cols,
    nIter: sol.nIter,
    converged: true,
    solver: sol.solver,
  };
}

function fitIntercept(params: Params): boolean {
  return bool(params, 'fitIntercept', true);
}

export const linearRegression: EstimatorDef = {
  id: 'linear-regression',
  kind: 'regressor',
  summary: 'Ordinary least squares, solved exactly (Cholesky of the Gram matrix; pseudo-inverse when rank-deficient).',
  hyperparameters: { fitIntercept: FIT_INTERCEPT_SCHEMA },
  defaultMetric: 'r2',
  // The centred Gram matrix cached per fold depends on fitIntercept only: every alpha on that fold reuses it.
  shareKey: (params) => `fitIntercept=${params.fitIntercept}`,
  trainer: {
    evaluate(ctx, train, test, params) {
      const sol = fitLeastSquares('linear-regression', ctx, train, 0, fitIntercept(params));
      return { yPred: scoresInWasm(ctx, test, sol.coef, Float64Array.of(sol.intercept)) };
    },
    fit(ctx, train, params) {
      return leastSquaresLearned(fitLeastSquares('linear-regression', ctx, train, 0, fitIntercept(params)), train.cols);
    },
  },
  predict(learned, X) {
    return { yPred: predictRegression(learned, X) };
  },
};
