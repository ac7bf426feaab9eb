/**
 * The truncated standard normal on [a, b] as Optuna 3.1's samplers/_tpe/_truncnorm.py computes it: log of the
 * Gaussian mass of an interval (left tail, right tail by symmetry, central part with log1p), log-pdf, and the
 * quantile function (the root of log Phi, see ndtriExp).
 */
import { logNdtr, ndtr } from '../erf';

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

/**
 * The x with log Phi(x) = y. Optuna bisects [-100, 100] 100 times; the same root is reached here by Newton's method
 * on log Phi from Acklam's approximation of the normal quantile (relative error ~1e-9), a few steps instead of 100
 * (bisection remains the fallback). Both land on the root to within an ulp or two.
 */
function ndtriExp(y: number): number {
  let x = y > -700 ? acklam(Math.exp(y)) : -Math.sqrt(-2 * y - Math.log(-2 * y) - 2 * LOG_SQRT_2PI);
  if (!Number.isFinite(x)) x = y > -1e-300 ? 8 : -8;
  for (let i = 0; i < 30; i++) {
    const l = logNdtr(x);
    const dx = (l - y) / Math.exp(-0.5 * x * x - LOG_SQRT_2PI - l);
    const next = x - dx;
    if (!Number.isFinite(next)) break;
    if (Math.abs(dx) <= 1e-15 * Math.max(1, Math.abs(x))) return Math.min(100, Math.max(-100, next));
    x = next;
  }
  return bisectLogNdtr(y);
}

function bisectLogNdtr(y: number): number {
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

const AC = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
const BC = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const CC = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const DC = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];

/** Acklam's rational approximation of the standard normal quantile (a starting point only). */
function acklam(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const pLow = 0.02425;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((CC[0] * q + CC[1]) * q + CC[2]) * q + CC[3]) * q + CC[4]) * q + CC[5]) / ((((DC[0] * q + DC[1]) * q + DC[2]) * q + DC[3]) * q + 1);
  }
  if (p > 1 - pLow) {
    const q = Math.sqrt(-2 * Math.log1p(-p));
    return -(((((CC[0] * q + CC[1]) * q + CC[2]) * q + CC[3]) * q + CC[4]) * q + CC[5]) / ((((DC[0] * q + DC[1]) * q + DC[2]) * q + DC[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((AC[0] * r + AC[1]) * r + AC[2]) * r + AC[3]) * r + AC[4]) * r + AC[5]) * q) / (((((BC[0] * r + BC[1]) * r + BC[2]) * r + BC[3]) * r + BC[4]) * r + 1);
}

/** Quantile q in [0, 1] of the standard normal truncated to [a, b]. */
export function truncnormPpf(q: number, a: number, b: number): number {
  if (a === b) return NaN;
  if (q === 0) return a;
  if (q === 1) return b;
  if (a < 0) return ndtriExp(logSum(logNdtr(a), Math.log(q) + logGaussMass(a, b)));
  return -ndtriExp(logSum(logNdtr(-b), Math.log1p(-q) + logGaussMass(a, b)));
}
