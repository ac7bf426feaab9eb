/**
 * Priors on the kernel parameters (the same shapes as Optuna's GP sampler, chosen there by heuristics):
 * - inverse squared length scale lambda_j: log p = -(0.1 / lambda + 0.1 lambda), which pulls lambda towards 1 and
 *   away from both 0 (a dimension ignored) and infinity (white noise);
 * - kernel scale s ~ Gamma(shape 2, rate 1); noise variance v ~ Gamma(shape 1.1, rate 30) (small noise expected).
 * Constants of the densities are dropped (they do not move the optimum).
 * The minimum noise variance keeps K + v I well conditioned for noiseless objectives.
 */
export const MINIMUM_NOISE_VAR = 1e-6;

/** log p(lambda) and its derivative with respect to log(lambda). */
export function lengthScalePrior(lambda: number): { logp: number; dLogTheta: number } {
  return { logp: -(0.1 / lambda + 0.1 * lambda), dLogTheta: 0.1 / lambda - 0.1 * lambda };
}

/** log Gamma(shape, rate) density up to a constant, and d/dx. */
export function gammaLogPrior(x: number, shape: number, rate: number): { logp: number; dx: number } {
  return { logp: (shape - 1) * Math.log(x) - rate * x, dx: (shape - 1) / x - rate };
}

export const KERNEL_SCALE_PRIOR = { shape: 2, rate: 1 } as const;
export const NOISE_PRIOR = { shape: 1.1, rate: 30 } as const;
