/**
 * Regression scores (scikit-learn 1.2.1, single output, no sample weights).
 * Contract: yTrue and yPred have equal length; empty input gives NaN; a NaN or infinite prediction propagates
 * (a diverged model scores NaN and ranks worst) instead of raising as sklearn does.
 */

/** Mean squared error. */
export function mse(yTrue: Float64Array, yPred: Float64Array): number {
  const n = yTrue.length;
  if (n === 0) return NaN;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = yTrue[i] - yPred[i];
    s += d * d;
  }
  return s / n;
}

/** Root mean squared error: sqrt(mse) (sklearn 1.2 `mean_squared_error(squared=False)`). */
export function rmse(yTrue: Float64Array, yPred: Float64Array): number {
  return Math.sqrt(mse(yTrue, yPred));
}

/** Mean absolute error. */
export function mae(yTrue: Float64Array, yPred: Float64Array): number {
  const n = yTrue.length;
  if (n === 0) return NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.abs(yTrue[i] - yPred[i]);
  return s / n;
}

function meanOf(y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i];
  return s / y.length;
}

/**
 * sklearn's `force_finite=True` rule for a constant target (denominator 0): 1 when the numerator is 0 too
 * (perfect predictions), else 0 — instead of NaN or -Infinity.
 */
function ratioScore(numerator: number, denominator: number): number {
  if (Number.isNaN(numerator) || Number.isNaN(denominator)) return NaN;
  if (denominator === 0) return numerator === 0 ? 1 : 0;
  return 1 - numerator / denominator;
}

/** Coefficient of determination: 1 - SS_res / SS_tot. Can be negative (worse than predicting the mean). */
export function r2(yTrue: Float64Array, yPred: Float64Array): number {
  const n = yTrue.length;
  if (n === 0) return NaN;
  const m = meanOf(yTrue);
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    const r = yTrue[i] - yPred[i];
    const t = yTrue[i] - m;
    ssRes += r * r;
    ssTot += t * t;
  }
  return ratioScore(ssRes, ssTot);
}

/**
 * Explained variance: 1 - Var(yTrue - yPred) / Var(yTrue) (population variances). Unlike r2 it ignores a constant
 * bias in the predictions.
 */
export function explainedVariance(yTrue: Float64Array, yPred: Float64Array): number {
  const n = yTrue.length;
  if (n === 0) return NaN;
  let diffSum = 0;
  for (let i = 0; i < n; i++) diffSum += yTrue[i] - yPred[i];
  const diffMean = diffSum / n;
  const m = meanOf(yTrue);
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const e = yTrue[i] - yPred[i] - diffMean;
    const t = yTrue[i] - m;
    num += e * e;
    den += t * t;
  }
  return ratioScore(num / n, den / n);
}
