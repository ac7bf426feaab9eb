/**
 * Log expected improvement, computed stably for every z (after Ament et al., "Unexpected improvements to expected
 * improvement", 2023, eq. 9, the approach Optuna takes).
 *   ei(z) = E[max(0, z + N(0,1))] = z Phi(z) + phi(z),  d ei / dz = Phi(z).
 * For z > -2 sqrt(2) the direct formula loses at most a digit. Below, ei(z) = phi(z) h(z) with
 *   h(z) = 1 + z r(z),  r(z) = Phi(z) / phi(z) = sqrt(pi/2) erfcx(-z / sqrt 2),
 * so log ei = -z^2/2 - log sqrt(2 pi) + log h, which never underflows. h ~ 1/z^2 cancels, so for z < -100 its
 * asymptotic series is used instead (relative error < 1e-15 there).
 *
 * erf / erfcx are implemented here (JavaScript has none): the series erf(x) = 2/sqrt(pi) e^{-x^2} sum (2x^2)^k x /
 * (2k+1)!! (all terms positive) for |x| < 2, and Laplace's continued fraction for erfcx(x), x >= 2, evaluated
 * backwards with a fixed number of terms (enough for full precision at x = 2). Tested against scipy.
 */

const SQRT_PI = Math.sqrt(Math.PI);
const SQRT2 = Math.SQRT2;
const SQRT_HALF_PI = Math.sqrt(0.5 * Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const Z_DIRECT = -2 * SQRT2; // ei by the direct formula above this (erfc argument -z/sqrt2 < 2)
const Z_ASYMPTOTIC = -100;

/** erf(x) for |x| < ~3 by the positive-term series (used for |x| < 2). */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let k = 1; k < 200; k++) {
    term *= (2 * x2) / (2 * k + 1);
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return (2 / SQRT_PI) * Math.exp(-x2) * sum;
}

/** Laplace's continued fraction for erfcx(x), x >= 2: 1 / (sqrt(pi) (x + (1/2) / (x + 1 / (x + (3/2) / (x + ...))))). */
function erfcxContinuedFraction(x: number): number {
  // Backward evaluation with a fixed depth: 100 terms reach full double precision at x = 2 and far beyond at larger x.
  const depth = x > 10 ? 30 : 100;
  let t = x;
  for (let k = depth; k >= 1; k--) t = x + k / 2 / t;
  return 1 / (SQRT_PI * t);
}

export function erf(x: number): number {
  if (Math.abs(x) < 2) return erfSeries(x);
  const c = erfcxContinuedFraction(Math.abs(x)) * Math.exp(-x * x);
  return x > 0 ? 1 - c : c - 1;
}

export function erfc(x: number): number {
  if (Math.abs(x) < 2) return 1 - erfSeries(x);
  if (x > 0) return erfcxContinuedFraction(x) * Math.exp(-x * x);
  return 2 - erfcxContinuedFraction(-x) * Math.exp(-x * x);
}

/** Scaled complementary error function exp(x^2) erfc(x); finite for all x >= ~ -26. */
export function erfcx(x: number): number {
  if (x >= 2) return erfcxContinuedFraction(x);
  if (x > -2) return Math.exp(x * x) * (1 - erfSeries(x));
  return 2 * Math.exp(x * x) - erfcxContinuedFraction(-x);
}

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
