/**
 * Gaussian mixture facts that need no kernels (pure, main-thread safe): covariance shapes, scikit-learn 1.2.1's
 * `_n_parameters`, and the weighted log probabilities for `result.model.predict` (the kernel's formulas, in TS).
 */
export type CovarianceType = 'full' | 'tied' | 'diag' | 'spherical';

export const COVARIANCE_TYPES: readonly CovarianceType[] = ['full', 'tied', 'diag', 'spherical'];

/** The kernels' code for a covariance type (assembly/mixture/gaussian.ts). */
export function covCode(t: CovarianceType): number {
  return COVARIANCE_TYPES.indexOf(t);
}

/** Values in the covariances (and in the precision Cholesky factors) of k components in d features. */
export function covLength(t: CovarianceType, k: number, d: number): number {
  switch (t) {
    case 'full':
      return k * d * d;
    case 'tied':
      return d * d;
    case 'diag':
      return k * d;
    case 'spherical':
      return k;
  }
}

/** Free parameters of the mixture (scikit-learn's `_n_parameters`): covariances + means + weights - 1. */
export function nParameters(t: CovarianceType, k: number, d: number): number {
  const cov = t === 'full' ? (k * d * (d + 1)) / 2 : t === 'tied' ? (d * (d + 1)) / 2 : t === 'diag' ? k * d : k;
  return Math.trunc(cov + d * k + k - 1);
}

const LOG_2PI = Math.log(2 * Math.PI);

/** log N(x_i | mean_c, cov_c) + log weight_c, n x k row-major (what gmmWeightedLogProb computes). */
export function weightedLogProb(
  X: Float64Array, n: number, d: number, t: CovarianceType, weights: Float64Array, means: Float64Array, precChol: Float64Array,
): Float64Array {
  const k = weights.length;
  const out = new Float64Array(n * k);
  const y = new Float64Array(d);
  for (let c = 0; c < k; c++) {
    let logDet = 0;
    const pOff = t === 'full' ? c * d * d : 0;
    if (t === 'full' || t === 'tied') for (let a = 0; a < d; a++) logDet += Math.log(precChol[pOff + a * d + a]);
    else if (t === 'diag') for (let f = 0; f < d; f++) logDet += Math.log(precChol[c * d + f]);
    else logDet = d * Math.log(precChol[c]);
    const base = -0.5 * d * LOG_2PI + logDet + Math.log(weights[c]);
    for (let i = 0; i < n; i++) {
      let q = 0;
      if (t === 'full' || t === 'tied') {
        y.fill(0);
        for (let a = 0; a < d; a++) {
          const diff = X[i * d + a] - means[c * d + a];
          for (let b = a; b < d; b++) y[b] += diff * precChol[pOff + a * d + b];
        }
        for (let b = 0; b < d; b++) q += y[b] * y[b];
      } else if (t === 'diag') {
        for (let f = 0; f < d; f++) {
          const v = (X[i * d + f] - means[c * d + f]) * precChol[c * d + f];
          q += v * v;
        }
      } else {
        for (let f = 0; f < d; f++) {
          const v = X[i * d + f] - means[c * d + f];
          q += v * v;
        }
        q *= precChol[c] * precChol[c];
      }
      out[i * k + c] = base - 0.5 * q;
    }
  }
  return out;
}

/** In place: rows -> responsibilities (max-shifted logsumexp); returns the per-row logsumexp. */
export function responsibilities(wlp: Float64Array, n: number, k: number): Float64Array {
  const lse = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let c = 0; c < k; c++) m = Math.max(m, wlp[i * k + c]);
    const shift = Number.isFinite(m) ? m : 0;
    let s = 0;
    for (let c = 0; c < k; c++) s += Math.exp(wlp[i * k + c] - shift);
    lse[i] = Math.log(s) + shift;
    for (let c = 0; c < k; c++) wlp[i * k + c] = Math.exp(wlp[i * k + c] - lse[i]);
  }
  return lse;
}

/** Component of each row: the first maximum of its responsibilities. */
export function argmaxRows(resp: Float64Array, n: number, k: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (resp[i * k + c] > resp[i * k + best]) best = c;
    out[i] = best;
  }
  return out;
}
