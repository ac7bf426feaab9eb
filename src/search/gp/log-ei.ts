/**
 * Log expected improvement, computed stably for every z (after Ament et al., "Unexpected improvements to expected
 * improvement", 2023, eq. 9, the approach Optuna takes).
 *   ei(z) = E[max(0, z + N(0,1))] = z Phi(z) + phi(z),  d ei / dz = Phi(z).
 * For z > -2 sqrt(2) the direct formula loses at most a digit. Below, ei(z) = phi(z) h(z) with
 *   h(z) = 1 + z r(z),  r(z) = Phi(z) / phi(z) = sqrt(pi/2) erfcx(-z / sqrt 2),
 * so log ei = -z^2/2 - log sqrt(2 pi) + log h, which never underflows. h ~ 1/z^2 cancels, so for z < -100 its
 * asymptotic series is used instead (relative error < 1e-15 there).
 *
 * erf, erfc and erfcx are the shared Cody implementations (../erf.ts), the ones TPE uses; tested against mpmath here.
 */

import { erfc, erfcx } from '../erf';

export { erfc, erfcx };

const SQRT2 = Math.SQRT2;
const SQRT_HALF_PI = Math.sqrt(0.5 * Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const Z_DIRECT = -2 * SQRT2; // ei by the direct formula above this (erfc argument -z/sqrt2 < 2)
const Z_ASYMPTOTIC = -100;

/** Standard normal CDF. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / SQRT2);
}

/** h(z) = ei(z) / phi(z) for z <= Z_DIRECT, and r(z) = Phi(z) / phi(z). */
function tailParts(z: number): { h: number; r: number } {
  const r = SQRT_HALF_PI * erfcx(-z / SQRT2);
  if (z >= Z_ASYMPTOTIC) return { h: 1 + z * r, r };
  const w = 1 / (z * z);
  // 1 + z r(z) = w (1 - 3w + 15w^2 - 105w^3 + 945w^4 - ...), from r(z) ~ -1/z (1 - w + 3w^2 - 15w^3 + ...).
  return { h: w * (1 - w * (3 - w * (15 - w * (105 - w * 945)))), r };
}

/** log ei(z) and its derivative d log ei / dz = Phi(z) / ei(z) (always positive: log ei is increasing in z). */
export function standardLogEi(z: number): { value: number; dz: number } {
  if (z > Z_DIRECT) {
    const cdf = normalCdf(z);
    const ei = z * cdf + INV_SQRT_2PI * Math.exp(-0.5 * z * z);
    return { value: Math.log(ei), dz: cdf / ei };
  }
  const { h, r } = tailParts(z);
  return { value: -0.5 * z * z - LOG_SQRT_2PI + Math.log(h), dz: r / h };
}

/** Numerical floor added to the posterior variance before taking its square root (as Optuna does). */
export const STABILIZING_NOISE = 1e-12;

/**
 * log E[max(0, best - f)] for f ~ N(mean, variance), i.e. log EI for MINIMISATION with incumbent `best`, and its
 * partial derivatives with respect to mean and variance (for the gradient of the acquisition).
 */
export function logExpectedImprovement(mean: number, variance: number, best: number): { value: number; dMean: number; dVar: number } {
  const v = variance + STABILIZING_NOISE;
  const sigma = Math.sqrt(v);
  const z = (best - mean) / sigma;
  const e = standardLogEi(z);
  return { value: e.value + Math.log(sigma), dMean: -e.dz / sigma, dVar: (1 - z * e.dz) / (2 * v) };
}
