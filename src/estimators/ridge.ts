import type { EstimatorDef } from './types';
import type { Params } from '../types';
import { FIT_INTERCEPT_SCHEMA, bool, num, predictRegression, scoresInWasm } from './linear-common';
import { fitLeastSquares, leastSquaresLearned } from './linear-regression';

/**
 * Ridge regression (scikit-learn's Ridge, cholesky solver): minimises ||y - X w - b||^2 + alpha ||w||^2 exactly by
 * solving (X^T X + alpha I) w = X^T y on the centred data. The Gram matrix is cached per fold, so a grid over alpha
 * costs one small Cholesky per candidate.
 */
function settings(params: Params): { alpha: number; fitIntercept: boolean } {
  return { alpha: num(params, 'alpha', 1), fitIntercept: bool(params, 'fitIntercept', true) };
}

export const ridge: EstimatorDef = {
  id: 'ridge',
  kind: 'regressor',
  summary: 'Least squares with an L2 penalty alpha ||w||^2, solved exactly (Cholesky of X^T X + alpha I).',
  hyperparameters: {
    alpha: {
      type: 'float',
      min: 0,
      default: 1,
      doc: 'L2 penalty strength (>= 0): larger values shrink the coefficients more; 0 is ordinary least squares.',
    },
    fitIntercept: FIT_INTERCEPT_SCHEMA,
  },
  defaultMetric: 'r2',
  // The centred Gram matrix cached per fold depends on fitIntercept only: every alpha on that fold reuses it.
  shareKey: (params) => `fitIntercept=${params.fitIntercept}`,
  trainer: {
    evaluate(ctx, train, test, params) {
      const { alpha, fitIntercept } = settings(params);
      const sol = fitLeastSquares('ridge', ctx, train, alpha, fitIntercept);
      return { yPred: scoresInWasm(ctx, test, sol.coef, Float64Array.of(sol.intercept)) };
    },
    fit(ctx, train, params) {
      const { alpha, fitIntercept } = settings(params);
      return leastSquaresLearned(fitLeastSquares('ridge', ctx, train, alpha, fitIntercept), train.cols);
    },
  },
  predict(learned, X) {
    return { yPred: predictRegression(learned, X) };
  },
};
