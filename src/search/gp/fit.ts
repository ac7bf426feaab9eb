/**
 * Fitting the kernel parameters by maximising the marginal likelihood times the priors (MAP), over the log
 * parameters with the box-constrained L-BFGS of lbfgs.ts, started from the previous fit when the caller passes it
 * (warm start, as Optuna does) and otherwise from lambda = 1, scale = 1, noise = 1. If the warm start fails to give a
 * finite objective, the default start is used; if that fails too, the default parameters are returned unfitted.
 *
 * Cost: every objective evaluation is O(n^3) (Cholesky + inverse) + O(n^2 d) (gradient); a fit takes a few tens of
 * evaluations (maxIter 200 caps it), so O(iterations * n^3) overall. The sampler caps n (see history.ts).
 */
import { pairDeltas } from './kernel';
import { fitLoss, paramsFromRaw, rawFromParams, type FitProblem, type KernelParams } from './likelihood';
import { minimizeBox } from './lbfgs';
import { GpPosterior, type MeanVariance } from './posterior';

export interface FitOptions {
  /** Kernel parameters of the previous fit (warm start). */
  initial?: KernelParams;
  /** Objective without noise: the noise variance stays at its minimum (1e-6). */
  deterministic?: boolean;
  /** Iteration cap of the optimiser (default 200). */
  maxIter?: number;
}

/**
 * Box on the raw parameters: log lambda in [-12, 12] (length scales from 2.5e-3 to 400 in [0, 1] units), log scale in
 * [-9, 9], log excess noise in [-25, 3]. The priors keep the optimum well inside; the box only stops a line search
 * from wandering into overflow.
 */
function bounds(d: number): { lower: Float64Array; upper: Float64Array } {
  const lower = new Float64Array(d + 2).fill(-12);
  const upper = new Float64Array(d + 2).fill(12);
  lower[d] = -9;
  upper[d] = 9;
  lower[d + 1] = -25;
  upper[d + 1] = 3;
  return { lower, upper };
}

export function defaultKernelParams(d: number): KernelParams {
  return { inverseSquaredLengthScales: new Float64Array(d).fill(1), kernelScale: 1, noiseVar: 1 };
}

export interface KernelFit {
  params: KernelParams;
  /** Negative log posterior (up to a constant) at the returned parameters. */
  loss: number;
  evaluations: number;
}

/** MAP kernel parameters for inputs x (n x d, encoded) and standardised outputs y. */
export function fitKernelParams(x: Float64Array, y: Float64Array, categorical: Uint8Array, options: FitOptions = {}): KernelFit {
  const d = categorical.length;
  const n = y.length;
  const fixNoise = options.deterministic === true;
  const prob: FitProblem = { n, d, deltas: pairDeltas(x, n, d, categorical), y, fixNoise, usePrior: true };
  const { lower, upper } = bounds(d);
  const fg = (theta: Float64Array, grad: Float64Array): number => fitLoss(prob, theta, grad);
  const starts = options.initial ? [options.initial, defaultKernelParams(d)] : [defaultKernelParams(d)];
  let evaluations = 0;
  for (const start of starts) {
    const res = minimizeBox(fg, rawFromParams(start, d), lower, upper, { maxIter: options.maxIter ?? 200, pgtol: 1e-2, ftol: 1e-9 });
    evaluations += res.evaluations;
    if (Number.isFinite(res.f)) return { params: paramsFromRaw(res.x, d, fixNoise), loss: res.f, evaluations };
  }
  const params = defaultKernelParams(d);
  if (fixNoise) params.noiseVar = 1e-6;
  return { params, loss: NaN, evaluations };
}

/**
 * Mean / population standard deviation used to standardise y (std floored so constant y stays finite). Computed on
 * y / max|y| and scaled back, so values near the float range (1e308) do not overflow into NaN.
 */
export function standardize(y: Float64Array): { z: Float64Array; mean: number; std: number } {
  const n = y.length;
  let big = 0;
  for (let i = 0; i < n; i++) big = Math.max(big, Math.abs(y[i]));
  const unit = big > 0 ? big : 1;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i] / unit;
  mean = n > 0 ? mean / n : 0;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (y[i] / unit - mean) ** 2;
  const stdUnit = Math.max(n > 0 ? Math.sqrt(ss / n) : 1, 1e-10);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = (y[i] / unit - mean) / stdUnit;
  return { z, mean: mean * unit, std: stdUnit * unit };
}

/** A fitted GP over the caller's units: predictions are de-standardised. */
export interface GpModel {
  params: KernelParams;
  /** 1 / sqrt(lambda_j), in the [0, 1] input units (categorical: relative to the 0/1 Hamming distance). */
  lengthScales: Float64Array;
  yMean: number;
  yStd: number;
  /** Posterior in standardised units (what the acquisition uses). */
  posterior: GpPosterior;
  fit: KernelFit;
  /** Posterior mean and variance of f at q, in the units of y. */
  predict(q: Float64Array): MeanVariance;
}

export function buildModel(x: Float64Array, y: Float64Array, categorical: Uint8Array, options: FitOptions = {}): GpModel {
  const { z, mean, std } = standardize(y);
  const fit = fitKernelParams(x, z, categorical, options);
  const posterior = new GpPosterior(x, z, categorical, fit.params);
  const lengthScales = new Float64Array(categorical.length);
  for (let j = 0; j < lengthScales.length; j++) lengthScales[j] = 1 / Math.sqrt(fit.params.inverseSquaredLengthScales[j]);
  return {
    params: fit.params,
    lengthScales,
    yMean: mean,
    yStd: std,
    posterior,
    fit,
    predict(q) {
      const p = posterior.predict(q);
      return { mean: mean + std * p.mean, variance: std * std * p.variance };
    },
  };
}
