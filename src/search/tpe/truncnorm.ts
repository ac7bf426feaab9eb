/**
 * The truncated standard normal on [a, b] as Optuna 3.1's samplers/_tpe/_truncnorm.py computes it: log of the
 * Gaussian mass of an interval (left tail, right tail by symmetry, central part with log1p), log-pdf, and the
 * quantile function by bisection on log Phi (100 halvings of [-100, 100], as Optuna).
 */
import { logNdtr, ndtr } from './erf';

const LOG_SQRT_2PI = Math.log(Math.sqrt(2 * Math.PI));

function logDiff(logP: number, logQ: number): number {
  return logP + Math.log1p(-Math.exp(logQ - logP));
}

function logSum(logP: number, logQ: number): number {
  // numpy.logaddexp
  if (logP === -Infinity) return logQ;
  if (logQ === -Infinity) return logP;
  const m = Math.max(logP, logQ);
  return m + Math.log1p(Math.exp(-Math.abs(logP - logQ)));
}

/** log of the standard normal mass in [a, b], a <= b. */
export function logGaussMass(a: number, b: number): number {
  if (b <= 0) return logDiff(logNdtr(b), logNdtr(a));
  if (a > 0) return logDiff(logNdtr(-a), logNdtr(-b));
  return Math.log1p(-ndtr(a) - ndtr(-b));
}

/** log-density at x of N(loc, scale^2) truncated to [loc + a*scale, loc + b*scale]; -Infinity outside. */
export function truncnormLogpdf(x: number, a: number, b: number, loc: number, scale: number): number {
  if (a === b) return NaN;
  const z = (x - loc) / scale;
  if (z < a || z > b) return -Infinity;
  return -(z * z) / 2 - LOG_SQRT_2PI - logGaussMass(a, b);
}

function ndtriExp(y: number): number {
  // Optuna's _bisect(_log_ndtr_single, -100, 100, y): log Phi is increasing, so a stays below the root.
  let lo = -100;
  let hi = 100;
  let m = 0;
  for (let i = 0; i < 100; i++) {
    m = (lo + hi) / 2;
    if (logNdtr(m) < y) lo = m;
    else hi = m;
  }
  return m;
}

/** Quantile q in [0, 1] of the standard normal truncated to [a, b]. */
export function truncnormPpf(q: number, a: number, b: number): number {
  if (a === b) return NaN;
  if (q === 0) return a;
  if (q === 1) return b;
  if (a < 0) return ndtriExp(logSum(logNdtr(a), Math.log(q) + logGaussMass(a, b)));
  return -ndtriExp(logSum(logNdtr(-b), Math.log1p(-q) + logGaussMass(a, b)));
}
